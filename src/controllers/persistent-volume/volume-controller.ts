/**
 * The PersistentVolume binder's volume side (pv_controller.go `syncVolume`,
 * 1.32): a volume's phase follows its claimRef.
 *
 * - No claimRef, or one without a uid (pre-bound by a user, waiting for the
 *   claim): `Available`.
 * - Its claim is gone (or replaced by a new one of the same name):
 *   `Released`, then the reclaim policy — Retain keeps it Released; Delete
 *   leaves a provisioned volume to its provisioner (which deletes it) and
 *   fails a static one (Warning `VolumeFailedDelete`: no in-tree deleter);
 *   Recycle (deprecated) fails (Warning `VolumeFailedRecycle` "No recycler
 *   plugin found for the volume!": chronokube has no recycler pods).
 * - Its claim does not name it yet: the claim side finishes the binding.
 * - Its claim names it: `Bound`.
 * - Its claim names another volume: a provisioned Delete volume is released
 *   and deleted; a controller-made binding is undone (`Available`); a user's
 *   pre-binding keeps the claim but loses the uid.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { recordEvent } from '../events.js';
import { defined, unbindVolume, volumePhase } from './bind-commands.js';
import { ANN_DYNAMICALLY_PROVISIONED, PV_CONTROLLER_COMPONENT, PV_SCOPE, hasAnnotation, pvKey, pvcKey } from './storage-facts.js';

type Ctx = Pick<ReconcileContext, 'now' | 'epoch'>;

export const NO_RECYCLER_MESSAGE = 'No recycler plugin found for the volume!';
export const noDeleterMessage = (name: string): string => `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`;

/** `updateVolumePhaseWithEvent`: the phase and an event, only when the phase changes. */
function failed(view: StateView, ctx: Ctx, pv: PersistentVolume, reason: string, message: string): Command[] {
  if (pv.status?.phase === 'Failed') return [];
  return defined([volumePhase(pv, 'Failed', message, ctx), recordEvent(view, ctx, { object: pv as KubeObject, type: 'Warning', reason, message, component: PV_CONTROLLER_COMPONENT })]);
}

/** `reclaimVolume` on a Released volume. */
function reclaim(view: StateView, ctx: Ctx, pv: PersistentVolume): Command[] {
  const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
  switch (policy) {
    case 'Retain':
      return [];
    case 'Recycle':
      return failed(view, ctx, pv, 'VolumeFailedRecycle', NO_RECYCLER_MESSAGE);
    case 'Delete':
      // A provisioned volume's deleter is its external provisioner; a static one has no deleter here.
      return hasAnnotation(pv, ANN_DYNAMICALLY_PROVISIONED) ? [] : failed(view, ctx, pv, 'VolumeFailedDelete', noDeleterMessage(pv.metadata?.name ?? ''));
    default:
      return failed(view, ctx, pv, 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
  }
}

function release(view: StateView, ctx: Ctx, pv: PersistentVolume): ReconcileResult {
  const phase = pv.status?.phase;
  const first = phase !== 'Released' && phase !== 'Failed' ? volumePhase(pv, 'Released', '', ctx) : undefined;
  // Reclaim decides on the volume as it will be once Released.
  const released: PersistentVolume = first === undefined ? pv : { ...pv, status: { ...pv.status, phase: 'Released' } };
  return { commands: defined([first, ...reclaim(view, ctx, released)]) };
}

export function syncVolume(view: StateView, ctx: Ctx, pv: PersistentVolume): ReconcileResult {
  const ref = pv.spec?.claimRef;
  if (ref === undefined || (ref.uid ?? '') === '') return { commands: defined([volumePhase(pv, 'Available', '', ctx)]) };
  const found = view.get(pvcKey(ref.namespace ?? 'default', ref.name ?? '')) as PersistentVolumeClaim | undefined;
  const claim = found !== undefined && found.metadata?.uid === ref.uid ? found : undefined;
  if (claim === undefined) return release(view, ctx, pv);
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName === '') return done();
  if (volumeName === pv.metadata?.name) return { commands: defined([volumePhase(pv, 'Bound', '', ctx)]) };
  if (hasAnnotation(pv, ANN_DYNAMICALLY_PROVISIONED) && pv.spec?.persistentVolumeReclaimPolicy === 'Delete') return release(view, ctx, pv);
  return { commands: defined([unbindVolume(pv), volumePhase(pv, 'Available', '', ctx)]) };
}

/** Volume keys a claim change concerns: the volume it names and, once it is gone, every volume whose claimRef names it. */
function volumesOfClaim(type: string, o: KubeObject, view: StateView): string[] {
  const claim = o as PersistentVolumeClaim;
  const out = new Set<string>();
  const name = claim.spec?.volumeName ?? '';
  if (name !== '') out.add(pvKey(name));
  if (type === 'DELETED') {
    for (const v of view.list(PV_SCOPE)) {
      const ref = (v as PersistentVolume).spec?.claimRef;
      if (ref?.name === claim.metadata?.name && (ref?.namespace ?? '') === (claim.metadata?.namespace ?? '')) out.add(pvKey(v.metadata.name ?? ''));
    }
  }
  return [...out].sort();
}

export function persistentVolumeController(): ControllerDefinition {
  return {
    name: 'persistentvolume-binder/volumes',
    actor: 'controller:persistentvolume-binder',
    for: { group: '', kind: 'PersistentVolume' },
    watches: [{ kind: { group: '', kind: 'PersistentVolumeClaim' }, handler: (c, view) => volumesOfClaim(c.type, c.object, view) }],
    reconcile(key, view, ctx) {
      const pv = view.get(key) as PersistentVolume | undefined;
      return pv === undefined ? done() : syncVolume(view, ctx, pv);
    },
  };
}
