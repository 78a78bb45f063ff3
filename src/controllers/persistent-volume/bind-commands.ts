/**
 * The binder's writes as commands (pv_controller.go 1.32 `bind`): the
 * volume's claimRef, the volume's phase, the claim's volumeName and
 * annotations, the claim's status — each only when it would change
 * something, in that order (so a half-done binding is finished by the next
 * sync, whichever write was the last to land).
 *
 * Like Kubernetes' binder they are updates (its role grants update, not
 * patch): main-resource updates carry the resourceVersion the decision was
 * made on (a lost race is a 409 and a retry); status updates follow a main
 * update of the same object in the same reconcile, so they are sent
 * without one (the status subresource changes only status).
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { ReconcileContext } from '../controller.js';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, hasAnnotation } from './storage-facts.js';
import { isVolumeBoundToClaim } from './volume-match.js';

export const rfc3339 = (ctx: Pick<ReconcileContext, 'now' | 'epoch'>): string => new Date(ctx.epoch + ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z');

type Obj = PersistentVolume | PersistentVolumeClaim;

/** An update of the main resource: the object with `change` applied, conditional on the version it was read at. */
export function updateOf<T extends Obj>(o: T, change: (copy: T) => T): Command {
  return { type: 'update', object: change(structuredClone(o)) as unknown as KubeObject };
}

/** An unconditional update of the status subresource. */
function updateStatusOf<T extends Obj>(o: T, status: NonNullable<T['status']>): Command {
  const { resourceVersion: _rv, ...metadata } = o.metadata ?? {};
  return { type: 'update', subresource: 'status', object: { ...structuredClone(o), metadata, status } as unknown as KubeObject };
}

/** Sets (value) or removes (undefined) annotations on a copy. */
export function withAnnotations<T extends Obj>(o: T, set: Readonly<Record<string, string | undefined>>): T {
  const annotations: Record<string, string> = { ...(o.metadata?.annotations ?? {}) };
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) delete annotations[k];
    else annotations[k] = v;
  }
  const metadata = { ...(o.metadata ?? {}) };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  else metadata.annotations = annotations;
  return { ...o, metadata };
}

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
  return updateOf(pv, (v) => {
    const out = byController ? withAnnotations(v, { [ANN_BOUND_BY_CONTROLLER]: 'yes' }) : v;
    return setRef ? { ...out, spec: { ...out.spec, claimRef: claimReference(claim) } } : out;
  });
}

/** `updateVolumePhase`: the phase (and message, cleared when empty), with the phase-transition time (GA in 1.31); undefined when already there. */
export function volumePhase(pv: PersistentVolume, phase: string, message: string, ctx: Pick<ReconcileContext, 'now' | 'epoch'>): Command | undefined {
  // An absent phase reads as Pending (the API's default, applied on every read in Kubernetes).
  if ((pv.status?.phase ?? 'Pending') === phase) return undefined;
  const { message: _old, ...rest } = pv.status ?? {};
  return updateStatusOf(pv, { ...rest, phase, ...(message === '' ? {} : { message }), lastPhaseTransitionTime: rfc3339(ctx) });
}

/** `bindClaimToVolume`: volumeName (bound-by-controller when the controller set it) and bind-completed. */
export function bindClaimToVolume(claim: PersistentVolumeClaim, pv: PersistentVolume): Command | undefined {
  const name = pv.metadata?.name ?? '';
  const set: Record<string, string> = {};
  const setName = claim.spec?.volumeName !== name;
  if (setName && !hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER)) set[ANN_BOUND_BY_CONTROLLER] = 'yes';
  if (!hasAnnotation(claim, ANN_BIND_COMPLETED)) set[ANN_BIND_COMPLETED] = 'yes';
  if (!setName && Object.keys(set).length === 0) return undefined;
  return updateOf(claim, (c) => {
    const out = withAnnotations(c, set);
    return setName ? { ...out, spec: { ...out.spec, volumeName: name } } : out;
  });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * `updateClaimStatus`: phase; with a volume, its access modes and (when the
 * claim is becoming this phase) its capacity; without, neither.
 */
export function claimStatus(claim: PersistentVolumeClaim, phase: string, pv: PersistentVolume | undefined): Command | undefined {
  const s = { ...(claim.status ?? {}) };
  const current = s.phase ?? 'Pending';
  let dirty = current !== phase;
  s.phase = phase;
  if (pv === undefined) {
    if (s.accessModes !== undefined || s.capacity !== undefined) dirty = true;
    delete s.accessModes;
    delete s.capacity;
  } else {
    if (!same(s.accessModes, pv.spec?.accessModes)) {
      s.accessModes = [...(pv.spec?.accessModes ?? [])];
      dirty = true;
    }
    if (current !== phase && !same(s.capacity?.['storage'], pv.spec?.capacity?.['storage'])) {
      s.capacity = { ...(pv.spec?.capacity ?? {}) };
      dirty = true;
    }
  }
  return dirty ? updateStatusOf(claim, s) : undefined;
}

/** `unbindVolume`: a controller-made binding is dropped; a user's pre-binding keeps its claim but loses the uid. */
export function unbindVolume(pv: PersistentVolume): Command {
  if (hasAnnotation(pv, ANN_BOUND_BY_CONTROLLER)) {
    return updateOf(pv, (v) => {
      const out = withAnnotations(v, { [ANN_BOUND_BY_CONTROLLER]: undefined });
      const { claimRef: _ref, ...spec } = out.spec ?? {};
      return { ...out, spec };
    });
  }
  return updateOf(pv, (v) => {
    const { uid: _uid, ...ref } = v.spec?.claimRef ?? {};
    return { ...v, spec: { ...v.spec, claimRef: ref } };
  });
}

export const defined = (cs: readonly (Command | undefined)[]): Command[] => cs.filter((c): c is Command => c !== undefined);
