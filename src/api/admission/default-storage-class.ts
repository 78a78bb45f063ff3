/**
 * The DefaultStorageClass admission plugin (plugin/pkg/admission/storage/
 * storageclass/setdefault, 1.32): a PersistentVolumeClaim created with no
 * class at all — neither `spec.storageClassName` (an explicit `""` opts out)
 * nor the beta `volume.beta.kubernetes.io/storage-class` annotation — gets
 * the default StorageClass's name. The default is a class annotated
 * `storageclass.kubernetes.io/is-default-class: "true"` (or the beta
 * annotation); with several, the newest by creation time wins (ties by
 * name, as `GetDefaultClass` since 1.26). No default: the claim is
 * unchanged (the binder may assign one later, retroactively).
 *
 * Mutating only, on create only; reads the StorageClasses in the view.
 *
 * @example
 * createApi({ ..., admission: [defaultStorageClassAdmission] });
 */
import type { KubeObject } from '../../model/index.js';
import type { AdmissionPlugin } from './admission-plugin.js';

const IS_DEFAULT = 'storageclass.kubernetes.io/is-default-class';
const BETA_IS_DEFAULT = 'storageclass.beta.kubernetes.io/is-default-class';
const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** The default StorageClass's name among `classes`, or undefined. */
export function defaultStorageClassName(classes: readonly KubeObject[]): string | undefined {
  let best: KubeObject | undefined;
  for (const c of classes) {
    const a = c.metadata.annotations ?? {};
    if (a[IS_DEFAULT] !== 'true' && a[BETA_IS_DEFAULT] !== 'true') continue;
    const t = c.metadata.creationTimestamp ?? '';
    const bt = best?.metadata.creationTimestamp ?? '';
    if (best === undefined || t > bt || (t === bt && (c.metadata.name ?? '') < (best.metadata.name ?? ''))) best = c;
  }
  return best?.metadata.name;
}

export const defaultStorageClassAdmission: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  mutate(a) {
    if (a.operation !== 'CREATE' || a.subresource !== undefined || a.info.group !== '' || a.info.kind !== 'PersistentVolumeClaim') return a.object;
    const pvc = a.object;
    const spec = (pvc['spec'] ?? {}) as Record<string, unknown>;
    if ((spec['storageClassName'] ?? null) !== null || pvc.metadata.annotations?.[BETA_CLASS] !== undefined) return pvc;
    const name = defaultStorageClassName(a.view.list({ group: 'storage.k8s.io', resource: 'storageclasses' }));
    if (name === undefined) return pvc;
    return { ...pvc, spec: { ...spec, storageClassName: name } };
  },
};
