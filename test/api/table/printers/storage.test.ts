import { describe, expect, it } from 'vitest';
import { accessModes } from '../../../../src/api/table/printers/storage.js';
import { SEC, ago, columnNames, obj, row } from '../fixtures.js';

describe('PersistentVolume', () => {
  it('has its 1.32 columns, VOLUMEMODE wide', () => {
    expect(columnNames('', 'PersistentVolume')).toEqual([
      'Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode*',
    ]);
  });

  it('prints a bound volume with a canonical capacity', () => {
    const pv = obj('v1', 'PersistentVolume', 'pv-001', {
      spec: {
        capacity: { storage: '10240Mi' },
        accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        claimRef: { namespace: 'shop', name: 'data' },
        storageClassName: 'standard',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    }, { namespace: undefined });
    expect(row('', 'PersistentVolume', pv)).toEqual({
      Name: 'pv-001',
      Capacity: '10Gi',
      'Access Modes': 'RWO,RWX',
      'Reclaim Policy': 'Retain',
      Status: 'Bound',
      Claim: 'shop/data',
      StorageClass: 'standard',
      VolumeAttributesClass: '<unset>',
      Reason: '',
      Age: '5m',
      VolumeMode: 'Filesystem',
    });
  });

  it('prefers the beta storage-class annotation and shows Terminating while deleting', () => {
    const pv = obj('v1', 'PersistentVolume', 'old', { spec: { storageClassName: 'fast' }, status: { phase: 'Released', reason: 'x' } }, {
      annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' },
      deletionTimestamp: ago(SEC),
    });
    expect(row('', 'PersistentVolume', pv)).toMatchObject({ StorageClass: 'slow', Status: 'Terminating', Capacity: '0', Claim: '', Reason: 'x', VolumeMode: '<unset>' });
  });

  it('orders access modes as Kubernetes does', () => {
    expect(accessModes(['ReadWriteOncePod', 'ReadOnlyMany', 'ReadWriteOnce', 'ReadWriteOnce'])).toBe('RWO,ROX,RWOP');
    expect(accessModes(undefined)).toBe('');
  });
});

describe('PersistentVolumeClaim', () => {
  it('shows capacity and modes only once bound', () => {
    expect(columnNames('', 'PersistentVolumeClaim')).toEqual([
      'Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode*',
    ]);
    const pending = obj('v1', 'PersistentVolumeClaim', 'data', {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
    expect(row('', 'PersistentVolumeClaim', pending)).toEqual({
      Name: 'data',
      Status: 'Pending',
      Volume: '',
      Capacity: '',
      'Access Modes': '',
      StorageClass: 'standard',
      VolumeAttributesClass: '<unset>',
      Age: '5m',
      VolumeMode: 'Filesystem',
    });
    const bound = obj('v1', 'PersistentVolumeClaim', 'data', {
      spec: { volumeName: 'pvc-3f1c', volumeAttributesClassName: 'gold' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
    });
    expect(row('', 'PersistentVolumeClaim', bound)).toMatchObject({ Volume: 'pvc-3f1c', Capacity: '1Gi', 'Access Modes': 'RWO', StorageClass: '', VolumeAttributesClass: 'gold' });
  });
});

describe('StorageClass', () => {
  it('marks the default class and prints defaults for unset policies', () => {
    const sc = obj('storage.k8s.io/v1', 'StorageClass', 'standard', { provisioner: 'rancher.io/local-path' }, {
      namespace: undefined,
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    });
    expect(row('storage.k8s.io', 'StorageClass', sc)).toEqual({
      Name: 'standard (default)',
      Provisioner: 'rancher.io/local-path',
      ReclaimPolicy: 'Delete',
      VolumeBindingMode: 'Immediate',
      AllowVolumeExpansion: false,
      Age: '5m',
    });
  });
});
