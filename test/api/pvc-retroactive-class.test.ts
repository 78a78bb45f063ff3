import { describe, expect, it } from 'vitest';
import { asStatus } from '../../src/model/index.js';
import { alice, harness } from './harness.js';

const claims = (name?: string) => ({ group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default', ...(name === undefined ? {} : { name }) });
const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };

describe('a claim created without a storage class', () => {
  it('may be given one later (the retroactive default class), but a class once set never changes', async () => {
    const { api } = await harness();
    await api.create(claims(), claim, alice);
    const given = await api.patch(claims('data'), 'merge', { spec: { storageClassName: 'standard' } }, alice);
    expect(given['spec']).toMatchObject({ storageClassName: 'standard' });
    const err = await api.patch(claims('data'), 'merge', { spec: { storageClassName: 'fast' } }, alice).catch((e: unknown) => e);
    expect(asStatus(err)?.code).toBe(422);
    expect(asStatus(err)?.message).toContain('spec is immutable after creation');
  });
});
