/**
 * Why a PersistentVolumeClaim is still Pending, as a pure read of the view
 * — the facts `whynot` shows for a claim: the binder's and provisioner's
 * decision for it right now (claim-binder.ts, sim-provisioner.ts), in the
 * words of their events where they have one, and for each volume that could
 * have been a candidate, why it does not fit.
 *
 * @example
 * pvcPendingReason(view, 'core/persistentvolumeclaims/default/data')
 * // { reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding', volumes: [] }
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StateView } from '../../store/index.js';
import { externalProvisioningMessage, NO_CLASS_MESSAGE, unscheduledConsumers, WAIT_FOR_FIRST_CONSUMER_MESSAGE } from './claim-binder.js';
import {
  ANN_BIND_COMPLETED,
  ANN_SELECTED_NODE,
  NO_PROVISIONER,
  PV_SCOPE,
  annotation,
  claimClassName,
  claimHasClass,
  defaultStorageClass,
  hasAnnotation,
  isDelayBinding,
  pvKey,
  storageClassOf,
} from './storage-facts.js';
import { findBestMatchForClaim, isVolumeBoundToClaim, volumeMismatch } from './volume-match.js';

export type PvcPendingReasonCode =
  | 'NotFound'
  | 'VolumeNotFound'
  | 'VolumeTaken'
  | 'VolumeMismatch'
  | 'Binding'
  | 'DefaultClassPending'
  | 'NoStorageClass'
  | 'StorageClassNotFound'
  | 'NoProvisioner'
  | 'WaitForFirstConsumer'
  | 'WaitForPodScheduled'
  | 'ExternalProvisioning';

export interface PvcPendingReason {
  readonly reason: PvcPendingReasonCode;
  readonly message: string;
  /** Volumes that were candidates by class, each with why it does not fit (sorted by name). */
  readonly volumes: readonly { readonly name: string; readonly why: string }[];
}

function candidates(view: StateView, claim: PersistentVolumeClaim): { name: string; why: string }[] {
  const cls = claimClassName(claim);
  return (view.list(PV_SCOPE) as unknown as PersistentVolume[])
    .filter((v) => (v.spec?.storageClassName ?? '') === cls || isVolumeBoundToClaim(v, claim))
    .map((v) => ({ name: v.metadata?.name ?? '', why: volumeMismatch(claim, v) ?? 'fits; not bound yet' }));
}

/** Undefined when the claim is bound (or not Pending for a reason the binder gives). */
export function pvcPendingReason(view: StateView, key: string): PvcPendingReason | undefined {
  const claim = view.get(key) as PersistentVolumeClaim | undefined;
  if (claim === undefined) return { reason: 'NotFound', message: `persistentvolumeclaim "${key.slice(key.lastIndexOf('/') + 1)}" not found`, volumes: [] };
  if (hasAnnotation(claim, ANN_BIND_COMPLETED)) return undefined;
  const volumes = candidates(view, claim);
  const r = (reason: PvcPendingReasonCode, message: string): PvcPendingReason => ({ reason, message, volumes });
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName !== '') {
    const pv = view.get(pvKey(volumeName)) as PersistentVolume | undefined;
    if (pv === undefined) return r('VolumeNotFound', `the claim asks for volume "${volumeName}", which does not exist`);
    if (pv.spec?.claimRef !== undefined && !isVolumeBoundToClaim(pv, claim)) return r('VolumeTaken', `volume "${volumeName}" already bound to a different claim.`);
    const why = pv.spec?.claimRef === undefined ? volumeMismatch(claim, pv) : undefined;
    if (why !== undefined) return r('VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${why}`);
    return r('Binding', `volume "${volumeName}" is free for the claim; the binder binds it at its next sync`);
  }
  const delay = isDelayBinding(view, claim);
  const match = findBestMatchForClaim(claim, view.list(PV_SCOPE) as unknown as PersistentVolume[], delay);
  if (match !== undefined) return r('Binding', `volume "${match.metadata?.name ?? ''}" matches; the binder binds it at its next sync`);
  if (!claimHasClass(claim)) {
    const def = defaultStorageClass(view);
    if (def !== undefined) return r('DefaultClassPending', `the claim has no class; the binder gives it the default class "${def.metadata?.name ?? ''}" at its next sync`);
    return r('NoStorageClass', NO_CLASS_MESSAGE);
  }
  const className = claimClassName(claim);
  if (className === '') return r('NoStorageClass', NO_CLASS_MESSAGE);
  const cls = storageClassOf(view, className);
  if (delay && !hasAnnotation(claim, ANN_SELECTED_NODE)) {
    const pods = unscheduledConsumers(view, claim);
    if (pods.length === 0) return r('WaitForFirstConsumer', WAIT_FOR_FIRST_CONSUMER_MESSAGE);
    return r('WaitForPodScheduled', `waiting for ${pods.length === 1 ? 'pod' : 'pods'} ${pods.join(',')} to be scheduled (see the scheduler's reason on the pod)`);
  }
  if (cls === undefined) return r('StorageClassNotFound', `storageclass.storage.k8s.io "${className}" not found`);
  if (cls.provisioner === NO_PROVISIONER || cls.provisioner.startsWith('kubernetes.io/')) {
    return r('NoProvisioner', `class "${className}" has no dynamic provisioner (${cls.provisioner}) and no volume matches`);
  }
  const node = annotation(claim, ANN_SELECTED_NODE);
  const where = node === undefined ? '' : ` on node "${node}"`;
  return r('ExternalProvisioning', `${externalProvisioningMessage(cls.provisioner)} (waiting for '${cls.provisioner}' to provision the claim${where})`);
}
