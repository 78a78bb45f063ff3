/**
 * PersistentVolumes, PersistentVolumeClaims and StorageClasses. Access modes
 * print in Kubernetes' fixed order (RWO, ROX, RWX, RWOP); the storage class
 * annotation wins over the field; a volume or claim being deleted shows
 * `Terminating`; a claim shows capacity and modes only once bound.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { AGE_COLUMN, NAME_COLUMN, column, wide } from '../columns.js';
import { quantityString } from '../cells.js';
import { since } from '../human-duration.js';
import { printer } from '../printer.js';

const CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const MODES: readonly [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** `GetAccessModesAsString`. */
export function accessModes(modes: readonly string[] | undefined): string {
  return MODES.filter(([m]) => (modes ?? []).includes(m))
    .map(([, short]) => short)
    .join(',');
}

const storageClass = (annotations: Record<string, string> | undefined, field: string | undefined): string =>
  annotations?.[CLASS_ANNOTATION] ?? field ?? '';
const deleting = (o: { metadata?: { deletionTimestamp?: string } }): boolean => o.metadata?.deletionTimestamp !== undefined;

export const persistentVolumePrinter = printer<PersistentVolume>(
  [
    NAME_COLUMN,
    column('Capacity', 'string', 'The storage capacity of the volume.'),
    column('Access Modes', 'string', 'How the volume can be mounted (RWO, ROX, RWX, RWOP).'),
    column('Reclaim Policy', 'string', 'What happens to the volume when its claim is released.'),
    column('Status', 'string', 'The volume phase, or Terminating.'),
    column('Claim', 'string', 'The claim bound to the volume, as namespace/name.'),
    column('StorageClass', 'string', 'The storage class of the volume.'),
    column('VolumeAttributesClass', 'string', 'The volume attributes class of the volume.'),
    column('Reason', 'string', 'Why the volume is in its phase, when it says.'),
    AGE_COLUMN,
    wide('VolumeMode', 'string', 'Filesystem or Block.'),
  ],
  (pv, now) => {
    const ref = pv.spec?.claimRef;
    return [
      pv.metadata?.name ?? '',
      quantityString(pv.spec?.capacity?.['storage']),
      accessModes(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      deleting(pv) ? 'Terminating' : (pv.status?.phase ?? ''),
      ref === undefined ? '' : `${ref.namespace ?? ''}/${ref.name ?? ''}`,
      storageClass(pv.metadata?.annotations, pv.spec?.storageClassName),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      since(pv.metadata?.creationTimestamp, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
);

export const persistentVolumeClaimPrinter = printer<PersistentVolumeClaim>(
  [
    NAME_COLUMN,
    column('Status', 'string', 'The claim phase, or Terminating.'),
    column('Volume', 'string', 'The volume the claim is bound to.'),
    column('Capacity', 'string', 'The capacity of the bound volume.'),
    column('Access Modes', 'string', 'How the bound volume can be mounted.'),
    column('StorageClass', 'string', 'The storage class the claim asks for.'),
    column('VolumeAttributesClass', 'string', 'The volume attributes class the claim asks for.'),
    AGE_COLUMN,
    wide('VolumeMode', 'string', 'Filesystem or Block.'),
  ],
  (pvc, now) => {
    const bound = (pvc.spec?.volumeName ?? '') !== '';
    return [
      pvc.metadata?.name ?? '',
      deleting(pvc) ? 'Terminating' : (pvc.status?.phase ?? ''),
      pvc.spec?.volumeName ?? '',
      bound ? quantityString(pvc.status?.capacity?.['storage']) : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      storageClass(pvc.metadata?.annotations, pvc.spec?.storageClassName),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      since(pvc.metadata?.creationTimestamp, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
);

const DEFAULT_CLASS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

export const storageClassPrinter = printer<StorageClass>(
  [
    NAME_COLUMN,
    column('Provisioner', 'string', 'The volume plugin that provisions volumes of this class.'),
    column('ReclaimPolicy', 'string', 'The reclaim policy given to provisioned volumes.'),
    column('VolumeBindingMode', 'string', 'When volumes are bound: Immediate or WaitForFirstConsumer.'),
    column('AllowVolumeExpansion', 'string', 'Whether claims of this class may grow.'),
    AGE_COLUMN,
  ],
  (sc, now) => {
    const isDefault = DEFAULT_CLASS.some((a) => sc.metadata?.annotations?.[a] === 'true');
    return [
      `${sc.metadata?.name ?? ''}${isDefault ? ' (default)' : ''}`,
      sc.provisioner,
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion ?? false,
      since(sc.metadata?.creationTimestamp, now),
    ];
  },
);
