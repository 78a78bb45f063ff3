/**
 * The names and small lookups the PersistentVolume binder, the simulated
 * provisioner, the scheduler's VolumeBinding plugin and `whynot` share:
 * annotation keys (k8s.io/component-helpers storage/volume, 1.32), a claim's
 * class, StorageClasses and the default one, binding mode, object keys.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

/** Set on a claim by the binder once it bound the claim (never removed). */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** Set on a volume or claim whose binding the controller (not the user) made. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** Set on a claim by the scheduler: the node a WaitForFirstConsumer claim is provisioned for. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** Set on a claim by the binder: the external provisioner expected to provision it. */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** Set on a provisioned volume: the provisioner that made it (and deletes it). */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** The deprecated class annotation, still read before `spec.storageClassName`. */
export const ANN_BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_IS_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_IS_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';
/** A StorageClass provisioner that means "static volumes only". */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
/** The simulated CSI driver's name. */
export const SIM_PROVISIONER = 'chronokube.io/sim';
/** The event source of the binder's events. */
export const PV_CONTROLLER_COMPONENT = 'persistentvolume-controller';

export const pvKey = (name: string): string => objectKey({ group: '', resource: 'persistentvolumes', namespace: '', name });
export const pvcKey = (namespace: string, name: string): string => objectKey({ group: '', resource: 'persistentvolumeclaims', namespace, name });
export const storageClassKey = (name: string): string => objectKey({ group: 'storage.k8s.io', resource: 'storageclasses', namespace: '', name });
export const PV_SCOPE = { group: '', resource: 'persistentvolumes' } as const;
export const PVC_SCOPE = { group: '', resource: 'persistentvolumeclaims' } as const;
export const CLASS_SCOPE = { group: 'storage.k8s.io', resource: 'storageclasses' } as const;

export const annotation = (o: { metadata?: { annotations?: Record<string, string> } } | undefined, k: string): string | undefined => o?.metadata?.annotations?.[k];
export const hasAnnotation = (o: { metadata?: { annotations?: Record<string, string> } } | undefined, k: string): boolean => annotation(o, k) !== undefined;
export const claimKeyOf = (c: PersistentVolumeClaim): string => pvcKey(c.metadata?.namespace ?? 'default', c.metadata?.name ?? '');

/** `GetPersistentVolumeClaimClass`: the beta annotation wins, then `spec.storageClassName`; `''` means "no class". */
export function claimClassName(claim: PersistentVolumeClaim): string {
  const beta = annotation(claim, ANN_BETA_STORAGE_CLASS);
  if (beta !== undefined) return beta;
  return claim.spec?.storageClassName ?? '';
}

/** `PersistentVolumeClaimHasClass`: an explicit class, even `''` (which opts out of the default class). */
export function claimHasClass(claim: PersistentVolumeClaim): boolean {
  return hasAnnotation(claim, ANN_BETA_STORAGE_CLASS) || (claim.spec?.storageClassName ?? null) !== null;
}

/** `GetPersistentVolumeClass`. */
export function volumeClassName(pv: PersistentVolume): string {
  return annotation(pv, ANN_BETA_STORAGE_CLASS) ?? pv.spec?.storageClassName ?? '';
}

export function storageClassOf(view: StateView, name: string): StorageClass | undefined {
  return name === '' ? undefined : (view.get(storageClassKey(name)) as unknown as StorageClass | undefined);
}

const isDefault = (c: StorageClass): boolean => annotation(c, ANN_IS_DEFAULT_CLASS) === 'true' || annotation(c, ANN_BETA_IS_DEFAULT_CLASS) === 'true';

/**
 * `GetDefaultClass` (1.26+): among the classes marked default, the newest
 * by creation time (ties broken by name); undefined when none is.
 */
export function defaultStorageClass(view: StateView): StorageClass | undefined {
  let best: StorageClass | undefined;
  for (const o of view.list(CLASS_SCOPE)) {
    const c = o as unknown as StorageClass;
    if (!isDefault(c)) continue;
    const t = c.metadata?.creationTimestamp ?? '';
    const bt = best?.metadata?.creationTimestamp ?? '';
    if (best === undefined || t > bt || (t === bt && (c.metadata?.name ?? '') < (best.metadata?.name ?? ''))) best = c;
  }
  return best;
}

/** `IsDelayBindingMode`: the claim's class exists and binds WaitForFirstConsumer (a missing class is Immediate). */
export function isDelayBinding(view: StateView, claim: PersistentVolumeClaim): boolean {
  const c = storageClassOf(view, claimClassName(claim));
  return c?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** The claims a pod's volumes name (persistentVolumeClaim sources and generic ephemeral volumes, `POD-VOLUME`). */
export function podClaimNames(pod: { metadata?: { name?: string }; spec?: { volumes?: readonly { name: string; persistentVolumeClaim?: { claimName: string }; ephemeral?: unknown }[] } }): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim !== undefined) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral !== undefined) out.push(`${pod.metadata?.name ?? ''}-${v.name}`);
  }
  return out;
}
