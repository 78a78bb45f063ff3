/**
 * The VolumeBinding plugin's PreFilter (kube-scheduler 1.32,
 * pkg/scheduler/framework/plugins/volumebinding): the pod's claims read off
 * the view once per scheduling cycle, sorted into bound ones (with their
 * volumes), unbound WaitForFirstConsumer ones (with the volumes of their
 * classes, for the per-node search), and unbound Immediate ones.
 *
 * The pod is rejected before any node is looked at (UnschedulableAndUnresolvable)
 * when a claim is missing — `persistentvolumeclaim "data" not found` — or being
 * deleted, or when any Immediate claim is not bound yet — "pod has unbound
 * immediate PersistentVolumeClaims" (the binder binds those, and the pod is
 * tried again when it does). A pod without claims skips the plugin.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { StateView } from '../../store/index.js';
import {
  ANN_BIND_COMPLETED,
  PV_SCOPE,
  claimClassName,
  hasAnnotation,
  isDelayBinding,
  podClaimNames,
  pvKey,
  pvcKey,
  storageClassOf,
  volumeClassName,
} from '../persistent-volume/storage-facts.js';

export const UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

export interface BoundClaim {
  readonly claim: PersistentVolumeClaim;
  /** Undefined when the volume it names does not exist. */
  readonly pv: PersistentVolume | undefined;
}

export interface PodVolumeClaims {
  readonly bound: readonly BoundClaim[];
  /** Unbound claims of WaitForFirstConsumer classes, without a volumeName. */
  readonly delayed: readonly PersistentVolumeClaim[];
  /** Every volume of each delayed claim's class. */
  readonly volumesByClass: ReadonlyMap<string, readonly PersistentVolume[]>;
  readonly classes: ReadonlyMap<string, StorageClass | undefined>;
}

export type VolumePreFilter =
  | { readonly type: 'skip' }
  /** UnschedulableAndUnresolvable for every node, with this reason. */
  | { readonly type: 'rejected'; readonly reason: string }
  | { readonly type: 'claims'; readonly claims: PodVolumeClaims };

/** `isPVCFullyBound`: a volumeName and the binder's bind-completed annotation. */
export const isClaimFullyBound = (c: PersistentVolumeClaim): boolean => (c.spec?.volumeName ?? '') !== '' && hasAnnotation(c, ANN_BIND_COMPLETED);

const unresolvable = (reason: string): VolumePreFilter => ({ type: 'rejected', reason });

export function volumeBindingPreFilter(view: StateView, pod: Pod): VolumePreFilter {
  const names = podClaimNames(pod);
  if (names.length === 0) return { type: 'skip' };
  const ns = pod.metadata?.namespace ?? 'default';
  const claims: PersistentVolumeClaim[] = [];
  for (const name of names) {
    const c = view.get(pvcKey(ns, name)) as PersistentVolumeClaim | undefined;
    if (c === undefined) return unresolvable(`persistentvolumeclaim "${name}" not found`);
    if (c.metadata?.deletionTimestamp !== undefined) return unresolvable(`persistentvolumeclaim "${name}" is being deleted`);
    claims.push(c);
  }
  const bound: BoundClaim[] = [];
  const delayed: PersistentVolumeClaim[] = [];
  let immediateUnbound = false;
  for (const c of claims) {
    if (isClaimFullyBound(c)) bound.push({ claim: c, pv: view.get(pvKey(c.spec?.volumeName ?? '')) as PersistentVolume | undefined });
    // A claim naming a volume is treated as Immediate: the binder finishes it.
    else if (isDelayBinding(view, c) && (c.spec?.volumeName ?? '') === '') delayed.push(c);
    else immediateUnbound = true;
  }
  if (immediateUnbound) return unresolvable(UNBOUND_IMMEDIATE);
  const volumesByClass = new Map<string, PersistentVolume[]>();
  const classes = new Map<string, StorageClass | undefined>();
  if (delayed.length > 0) {
    const all = view.list(PV_SCOPE) as unknown as PersistentVolume[];
    for (const c of delayed) {
      const cls = claimClassName(c);
      if (volumesByClass.has(cls)) continue;
      volumesByClass.set(cls, all.filter((v) => volumeClassName(v) === cls));
      classes.set(cls, storageClassOf(view, cls));
    }
  }
  return { type: 'claims', claims: { bound, delayed, volumesByClass, classes } };
}

/** The newest revision among the pod's claims and their volumes: a change there may make the pod schedulable (a queueing hint). */
export function volumesRev(view: StateView, pod: Pod): number {
  const ns = pod.metadata?.namespace ?? 'default';
  let rev = 0;
  for (const name of podClaimNames(pod)) {
    const key = pvcKey(ns, name);
    rev = Math.max(rev, view.versionRev(key));
    const vn = (view.get(key) as PersistentVolumeClaim | undefined)?.spec?.volumeName ?? '';
    if (vn !== '') rev = Math.max(rev, view.versionRev(pvKey(vn)));
  }
  return rev;
}
