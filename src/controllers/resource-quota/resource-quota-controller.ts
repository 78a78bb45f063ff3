/**
 * The resource quota controller (kube-controller-manager 1.32,
 * pkg/controller/resourcequota): keeps every ResourceQuota's `status.hard`
 * (a copy of `spec.hard`) and `status.used` (measured from the namespace's
 * objects) current. It recounts a quota when the quota is created or its
 * `spec.hard` changes, when an object it counts changes (see
 * quota-triggers.ts), and at the full resync every 5 minutes
 * (`--resource-quota-sync-period`, default 5m0s), which also catches kinds
 * it does not follow and pods whose deletion grace period ran out. It
 * writes status only when it differs, as Kubernetes does.
 *
 * The admission plugin does not read this status (it measures usage from
 * the state), so a stale status never admits or refuses anything; the
 * status is what users, `kubectl describe quota` and `whynot` see.
 *
 * @example
 * manager.add(resourceQuotaController);
 * // resourcequota ns/q: status { hard: { pods: '3' }, used: { pods: '2' } }
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { ControllerDefinition, Predicate } from '../controller.js';
import { desiredQuotaStatus } from './quota-status.js';
import { quotaWatches } from './quota-triggers.js';

/** `--resource-quota-sync-period`'s default. */
export const RESOURCE_QUOTA_SYNC_PERIOD_MS = 5 * 60 * 1000;

/** Quota updates matter only when `spec.hard` changes (status writes are this controller's own). */
const hardChanged: Predicate = (c) =>
  c.type !== 'MODIFIED' ||
  JSON.stringify((c.previous as ResourceQuota | undefined)?.spec?.hard) !== JSON.stringify((c.object as ResourceQuota).spec?.hard);

export const resourceQuotaController: ControllerDefinition = {
  name: 'resourcequota',
  actor: 'controller:resourcequota',
  for: { group: '', kind: 'ResourceQuota' },
  predicates: [hardChanged],
  watches: quotaWatches,
  reconcile(key, view, ctx) {
    const q = view.get(key) as (KubeObject & ResourceQuota) | undefined;
    if (q === undefined || q.metadata.deletionTimestamp !== undefined) return { commands: [] };
    const { status, dirty } = desiredQuotaStatus(view, q, ctx.epoch + ctx.now);
    return {
      commands: dirty ? [{ type: 'update', subresource: 'status', object: { ...q, status } as KubeObject }] : [],
      requeueAfterMs: RESOURCE_QUOTA_SYNC_PERIOD_MS,
    };
  },
};
