/**
 * The binder's writes as commands (pv_controller.go 1.32 `bind`): the
 * volume's claimRef, the volume's phase, the claim's volumeName and
 * annotations, the claim's status — each only when it would change
 * something, in that order (so a half-done binding is finished by the next
 * sync, whichever write was the last to land).
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { Command } from '../../model/index.js';
import type { ReconcileContext } from '../controller.js';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, hasAnnotation } from './storage-facts.js';
import { isVolumeBoundToClaim } from './volume-match.js';

export const rfc3339 = (ctx: Pick<ReconcileContext, 'now' | 'epoch'>): string => new Date(ctx.epoch + ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z');

const pvRef = (pv: PersistentVolume) => ({ apiVersion: 'v1', kind: 'PersistentVolume', name: pv.metadata?.name ?? '' });
const pvcRef = (c: PersistentVolumeClaim) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: c.metadata?.namespace ?? 'default', name: c.metadata?.name ?? '' });

/** `GetReference(claim)`: what a volume's claimRef holds. */
export function claimReference(c: PersistentVolumeClaim): Record<string, string> {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: c.metadata?.namespace ?? 'default',
    name: c.metadata?.name ?? '',
    uid: c.metadata?.uid ?? '',
    apiVersion: 'v1',
    resourceVersion: c.metadata?.resourceVersion ?? '',
  };
}

/** `GetBindVolumeToClaim` + update: claimRef to the claim, bound-by-controller when the controller chose the volume. */
export function bindVolumeToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): Command | undefined {
  const byController = !isVolumeBoundToClaim(pv, claim) && !hasAnnotation(pv, ANN_BOUND_BY_CONTROLLER);
  const ref = pv.spec?.claimRef;
  const setRef = ref === undefined || ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace || ref.uid !== claim.metadata?.uid;
  if (!setRef && !byController) return undefined;
  return {
    type: 'patch',
    ref: pvRef(pv),
    patchType: 'merge',
    patch: {
      ...(byController ? { metadata: { annotations: { [ANN_BOUND_BY_CONTROLLER]: 'yes' } } } : {}),
      ...(setRef ? { spec: { claimRef: { fieldPath: null, ...claimReference(claim) } } } : {}),
    },
  };
}

/** `updateVolumePhase`: the phase (and message, cleared when empty), with the phase-transition time (GA in 1.31); undefined when already there. */
export function volumePhase(pv: PersistentVolume, phase: string, message: string, ctx: Pick<ReconcileContext, 'now' | 'epoch'>): Command | undefined {
  // An absent phase reads as Pending (the API's default, applied on every read in Kubernetes).
  if ((pv.status?.phase ?? 'Pending') === phase) return undefined;
  return {
    type: 'patch',
    ref: pvRef(pv),
    patchType: 'merge',
    subresource: 'status',
    patch: { status: { phase, message: message === '' ? null : message, lastPhaseTransitionTime: rfc3339(ctx) } },
  };
}

/** `bindClaimToVolume`: volumeName (bound-by-controller when the controller set it) and bind-completed. */
export function bindClaimToVolume(claim: PersistentVolumeClaim, pv: PersistentVolume): Command | undefined {
  const name = pv.metadata?.name ?? '';
  const annotations: Record<string, string> = {};
  const setName = claim.spec?.volumeName !== name;
  if (setName && !hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER)) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
  if (!hasAnnotation(claim, ANN_BIND_COMPLETED)) annotations[ANN_BIND_COMPLETED] = 'yes';
  if (!setName && Object.keys(annotations).length === 0) return undefined;
  return {
    type: 'patch',
    ref: pvcRef(claim),
    patchType: 'merge',
    patch: { ...(Object.keys(annotations).length === 0 ? {} : { metadata: { annotations } }), ...(setName ? { spec: { volumeName: name } } : {}) },
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * `updateClaimStatus`: phase; with a volume, its access modes and (when the
 * claim is becoming this phase) its capacity; without, neither.
 */
export function claimStatus(claim: PersistentVolumeClaim, phase: string, pv: PersistentVolume | undefined): Command | undefined {
  const s = claim.status ?? {};
  const patch: Record<string, unknown> = {};
  const current = s.phase ?? 'Pending';
  if (current !== phase) patch['phase'] = phase;
  if (pv === undefined) {
    if (s.accessModes !== undefined) patch['accessModes'] = null;
    if (s.capacity !== undefined) patch['capacity'] = null;
  } else {
    if (!same(s.accessModes, pv.spec?.accessModes)) patch['accessModes'] = pv.spec?.accessModes ?? null;
    if (current !== phase && !same(s.capacity?.['storage'], pv.spec?.capacity?.['storage'])) patch['capacity'] = pv.spec?.capacity ?? null;
  }
  if (Object.keys(patch).length === 0) return undefined;
  return { type: 'patch', ref: pvcRef(claim), patchType: 'merge', subresource: 'status', patch: { status: patch } };
}

/** `unbindVolume`: a controller-made binding is dropped; a user's pre-binding keeps its claim but loses the uid. */
export function unbindVolume(pv: PersistentVolume): Command {
  const byController = hasAnnotation(pv, ANN_BOUND_BY_CONTROLLER);
  return {
    type: 'patch',
    ref: pvRef(pv),
    patchType: 'merge',
    patch: byController ? { metadata: { annotations: { [ANN_BOUND_BY_CONTROLLER]: null } }, spec: { claimRef: null } } : { spec: { claimRef: { uid: null } } },
  };
}

export const defined = (cs: readonly (Command | undefined)[]): Command[] => cs.filter((c): c is Command => c !== undefined);
