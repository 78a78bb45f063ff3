/**
 * What wakes the resource quota controller besides its own objects, as
 * Kubernetes 1.32's quota monitor ("replenishment"): a change to an object
 * a quota counts wakes every quota of that namespace. Kubernetes charges
 * creates in admission and replenishes on deletes, a pod leaving compute
 * usage (terminal phase, past its deletion grace), a Service changing type
 * and a claim changing its storage request; chronokube's admission writes
 * no status, so the controller also recounts on creates, which keeps
 * `status.used` where Kubernetes' admission would have put it.
 */
import type { PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1.js';
import { podChargesCompute } from '../../api/index.js';
import { objectKey } from '../../model/index.js';
import type { Handler, KindRef, Predicate, Watch } from '../controller.js';

/** Every ResourceQuota in the changed object's namespace. */
export const quotasOfNamespace: Handler = (change, view) => {
  const namespace = change.object.metadata.namespace ?? '';
  if (namespace === '') return [];
  return view.keys({ group: '', resource: 'resourcequotas', namespace });
};

const storage = (c: PersistentVolumeClaim | undefined): string | undefined => c?.spec?.resources?.requests?.['storage'];

/** Adds and deletes, and the updates that change what an object is charged. */
export const changesUsage: Predicate = (c) => {
  if (c.type !== 'MODIFIED' || c.previous === undefined) return true;
  switch (c.object.kind) {
    case 'Pod':
      return podChargesCompute(c.previous as Pod, undefined) !== podChargesCompute(c.object as Pod, undefined) ||
        c.previous.metadata.deletionTimestamp !== c.object.metadata.deletionTimestamp;
    case 'Service':
      return (c.previous as Service).spec?.type !== (c.object as Service).spec?.type ||
        JSON.stringify((c.previous as Service).spec?.ports) !== JSON.stringify((c.object as Service).spec?.ports);
    case 'PersistentVolumeClaim':
      return storage(c.previous as PersistentVolumeClaim) !== storage(c.object as PersistentVolumeClaim);
    default:
      return false;
  }
};

/** The kinds whose changes are followed at once; any other counted kind is caught by the periodic full resync. */
export const COUNTED_KINDS: readonly KindRef[] = [
  { group: '', kind: 'Pod' },
  { group: '', kind: 'Service' },
  { group: '', kind: 'PersistentVolumeClaim' },
  { group: '', kind: 'ConfigMap' },
  { group: '', kind: 'Secret' },
  { group: '', kind: 'ReplicationController' },
  { group: '', kind: 'ResourceQuota' },
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'ReplicaSet' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: 'batch', kind: 'Job' },
  { group: 'batch', kind: 'CronJob' },
];

/**
 * A namespace without a quota (most of them) wakes nothing, and is found out
 * before the dearer question of whether the change moved usage: every pod
 * update of a busy cluster passes through here.
 */
const quotasWhoseUsageMoved: Handler = (change, view, keyOf) => {
  const quotas = quotasOfNamespace(change, view, keyOf);
  return quotas.length === 0 || !changesUsage(change) ? [] : quotas;
};

export const quotaWatches: readonly Watch[] = COUNTED_KINDS.map((kind) => ({ kind, handler: quotasWhoseUsageMoved }));

/** A quota's own key (for tests and callers that name one). */
export const quotaKey = (namespace: string, name: string): string => objectKey({ group: '', resource: 'resourcequotas', namespace, name });
