/** DefaultStorageClass: claims created without a class get the default one (newest of several); explicit classes, "" and updates are left alone. */
import { describe, expect, it } from 'vitest';
import { defaultStorageClassAdmission } from '../../../src/api/admission/default-storage-class.js';
import type { KubeObject } from '../../../src/model/index.js';
import { alice, harness } from '../harness.js';

const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default' };
const CLASSES = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };

const cls = (name: string, isDefault: boolean, beta = false): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, ...(isDefault ? { annotations: { [beta ? 'storageclass.beta.kubernetes.io/is-default-class' : 'storageclass.kubernetes.io/is-default-class']: 'true' } } : {}) },
  provisioner: 'chronokube.io/sim',
});
const claim = (name: string, spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, ...(annotations === undefined ? {} : { annotations }) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const classOf = (o: KubeObject): unknown => (o['spec'] as Record<string, unknown>)['storageClassName'];

describe('DefaultStorageClass admission', () => {
  it('leaves a class-less claim alone when no class is the default', async () => {
    const h = await harness(1, { admission: [defaultStorageClassAdmission] });
    await h.api.create(CLASSES, cls('slow', false), alice);
    expect(classOf(await h.api.create(PVCS, claim('a'), alice))).toBeUndefined();
  });

  it('sets the default class on create, the newest default when several are marked (beta annotation counts)', async () => {
    const h = await harness(1, { admission: [defaultStorageClassAdmission] });
    await h.api.create(CLASSES, cls('old', true), alice);
    expect(classOf(await h.api.create(PVCS, claim('a'), alice))).toBe('old');
    h.clock.advanceTo(5_000);
    await h.api.create(CLASSES, cls('new', true, true), alice);
    expect(classOf(await h.api.create(PVCS, claim('b'), alice))).toBe('new');
  });

  it('keeps an explicit class, an explicit "" and the beta class annotation', async () => {
    const h = await harness(1, { admission: [defaultStorageClassAdmission] });
    await h.api.create(CLASSES, cls('std', true), alice);
    expect(classOf(await h.api.create(PVCS, claim('a', { storageClassName: 'fast' }), alice))).toBe('fast');
    expect(classOf(await h.api.create(PVCS, claim('b', { storageClassName: '' }), alice))).toBe('');
    expect(classOf(await h.api.create(PVCS, claim('c', {}, { 'volume.beta.kubernetes.io/storage-class': 'gold' }), alice))).toBeUndefined();
  });

  it('does not touch other kinds or updates', async () => {
    const h = await harness(1, { admission: [defaultStorageClassAdmission] });
    const created = await h.api.create(PVCS, claim('a'), alice);
    await h.api.create(CLASSES, cls('std', true), alice);
    const updated = await h.api.patch({ ...PVCS, name: 'a' }, 'merge', { metadata: { labels: { x: 'y' } } }, alice);
    expect(classOf(created)).toBeUndefined();
    expect(classOf(updated)).toBeUndefined();
    const cm = await h.api.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, alice);
    expect(cm['spec']).toBeUndefined();
  });
});
