/**
 * The pv-protection controller (pkg/controller/volume/pvprotection, 1.32):
 * a volume being deleted keeps its `kubernetes.io/pv-protection` finalizer
 * while it is Bound to a claim; once it is not, the finalizer is removed
 * and the volume goes.
 */
import type { PersistentVolume } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { ControllerDefinition } from '../controller.js';
import { done } from '../controller.js';
import { updateOf } from './bind-commands.js';

export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

export function pvProtectionController(): ControllerDefinition {
  return {
    name: 'pv-protection',
    for: { group: '', kind: 'PersistentVolume' },
    reconcile(key, view) {
      const pv = view.get(key) as (PersistentVolume & KubeObject) | undefined;
      if (pv === undefined || pv.metadata.deletionTimestamp === undefined) return done();
      const finalizers = pv.metadata.finalizers ?? [];
      if (!finalizers.includes(PV_PROTECTION_FINALIZER) || pv.status?.phase === 'Bound') return done();
      return { commands: [updateOf(pv, (v) => ({ ...v, metadata: { ...v.metadata, finalizers: finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER) } }))] };
    },
  };
}
