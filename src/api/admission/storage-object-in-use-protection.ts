/**
 * The StorageObjectInUseProtection admission plugin (1.32): every
 * PersistentVolumeClaim is created with the finalizer
 * `kubernetes.io/pvc-protection` and every PersistentVolume with
 * `kubernetes.io/pv-protection`, so deleting one that is still in use only
 * marks it Terminating; the pvc-protection and pv-protection controllers
 * remove the finalizer once nothing uses it.
 *
 * Mutating only, on create only.
 *
 * @example
 * createApi({ ..., admission: [storageObjectInUseProtectionAdmission] });
 */
import type { KubeObject } from '../../model/index.js';
import type { AdmissionPlugin } from './admission-plugin.js';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

function withFinalizer(o: KubeObject, finalizer: string): KubeObject {
  const finalizers = o.metadata.finalizers ?? [];
  if (finalizers.includes(finalizer)) return o;
  return { ...o, metadata: { ...o.metadata, finalizers: [...finalizers, finalizer] } };
}

export const storageObjectInUseProtectionAdmission: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  mutate(a) {
    if (a.operation !== 'CREATE' || a.subresource !== undefined || a.info.group !== '') return a.object;
    if (a.info.kind === 'PersistentVolumeClaim') return withFinalizer(a.object, PVC_PROTECTION_FINALIZER);
    if (a.info.kind === 'PersistentVolume') return withFinalizer(a.object, PV_PROTECTION_FINALIZER);
    return a.object;
  },
};
