import { describe, expect, it } from 'vitest';
import { alice, configMap, configMaps, harness, refused } from './harness.js';

describe('execute', () => {
  it('runs each command type through the verbs, stamping actor, cause and observedRev', async () => {
    const { api, store } = await harness();
    const ctx = { actor: 'controller:demo', cause: [1], observedRev: 2 };
    await api.execute({ type: 'create', object: configMap('c') }, ctx);
    expect(store.write(store.rev)).toMatchObject({ actor: 'controller:demo', cause: [1], observedRev: 2, verb: 'create' });
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' };
    await api.execute({ type: 'patch', ref, patchType: 'merge', patch: { data: { a: '2' } } }, ctx);
    const current = api.get(configMaps('default', 'c'));
    await api.execute({ type: 'update', object: { ...current, data: { a: '3' } } }, ctx);
    await api.execute({ type: 'apply', object: configMap('d', { x: '1' }), fieldManager: 'demo' }, ctx);
    expect(api.list(configMaps()).items.map((i) => [i.metadata.name, i['data']])).toEqual([
      ['c', { a: '3' }],
      ['d', { x: '1' }],
    ]);
    await api.execute({ type: 'delete', ref }, ctx);
    await refused(() => Promise.resolve(api.get(configMaps('default', 'c'))), 'NotFound');
  });

  it('rejects with the Status of a refused command', async () => {
    const { api } = await harness();
    await refused(() => api.execute({ type: 'delete', ref: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'x' } }, alice), 'NotFound');
  });
});
