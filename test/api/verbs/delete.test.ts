import { describe, expect, it } from 'vitest';
import { alice, configMap, configMaps, harness, namespaces, pod, pods, refused } from '../harness.js';

describe('delete', () => {
  it('removes an object without finalizers at once', async () => {
    const { api, store } = await harness();
    await api.create(configMaps(), configMap('c'), alice);
    const out = await api.delete(configMaps('default', 'c'), alice);
    expect(out.removed).toBe(true);
    expect(out.object.metadata.resourceVersion).toBe(String(store.rev));
    expect(store.write(store.rev)?.change.op).toBe('remove');
    await refused(() => Promise.resolve(api.get(configMaps('default', 'c'))), 'NotFound');
  });

  it('only marks an object with finalizers; removing the last finalizer removes it', async () => {
    const { api } = await harness();
    await api.create(configMaps(), { ...configMap('c'), metadata: { name: 'c', finalizers: ['example.com/hold'] } }, alice);
    const out = await api.delete(configMaps('default', 'c'), alice);
    expect(out.removed).toBe(false);
    expect(out.object.metadata.deletionTimestamp).toBeDefined();
    const again = await api.delete(configMaps('default', 'c'), alice);
    expect(again.object.metadata.resourceVersion).toBe(out.object.metadata.resourceVersion);
    await api.patch(configMaps('default', 'c'), 'merge', { metadata: { finalizers: null } }, alice);
    await refused(() => Promise.resolve(api.get(configMaps('default', 'c'))), 'NotFound');
  });

  it('turns Orphan and Foreground propagation into finalizers', async () => {
    const { api } = await harness();
    await api.create(configMaps(), configMap('o'), alice);
    await api.create(configMaps(), configMap('f'), alice);
    const o = await api.delete(configMaps('default', 'o'), alice, { propagationPolicy: 'Orphan' });
    const f = await api.delete(configMaps('default', 'f'), alice, { propagationPolicy: 'Foreground' });
    expect(o.object.metadata.finalizers).toEqual(['orphan']);
    expect(f.object.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  it('checks uid and resourceVersion preconditions', async () => {
    const { api } = await harness();
    const c = await api.create(configMaps(), configMap('c'), alice);
    const s = await refused(() => api.delete(configMaps('default', 'c'), alice, { preconditions: { uid: 'other' } }), 'Conflict');
    expect(s.message).toContain('Precondition failed: UID in precondition: other');
    await refused(() => api.delete(configMaps('default', 'c'), alice, { preconditions: { resourceVersion: '1' } }), 'Conflict');
    const ok = await api.delete(configMaps('default', 'c'), alice, { preconditions: { uid: c.metadata.uid ?? '' } });
    expect(ok.removed).toBe(true);
  });

  it('deletes a bound pod gracefully, and at once with grace period 0', async () => {
    const { api, clock } = await harness();
    await api.create(pods(), pod('p', {}, { nodeName: 'node-1' }), alice);
    clock.advanceTo(1000);
    const marked = await api.delete(pods('default', 'p'), alice);
    expect(marked.removed).toBe(false);
    expect(marked.object.metadata.deletionGracePeriodSeconds).toBe(30);
    const gone = await api.delete(pods('default', 'p'), { actor: 'node:node-1' }, { gracePeriodSeconds: 0 });
    expect(gone.removed).toBe(true);
  });

  it('deletes an unscheduled pod at once', async () => {
    const { api } = await harness();
    await api.create(pods(), pod('p'), alice);
    expect((await api.delete(pods('default', 'p'), alice)).removed).toBe(true);
  });

  it('marks a namespace Terminating until it is finalized', async () => {
    const { api } = await harness();
    await api.create(namespaces(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, alice);
    const out = await api.delete(namespaces('team'), alice);
    expect(out.removed).toBe(false);
    expect((out.object['status'] as { phase: string }).phase).toBe('Terminating');
  });

  it('deletecollection deletes what the selector matches', async () => {
    const { api } = await harness();
    await api.create(configMaps(), configMap('a', {}, { tier: 'web' }), alice);
    await api.create(configMaps(), configMap('b', {}, { tier: 'db' }), alice);
    await api.create(configMaps(), configMap('c', {}, { tier: 'web' }), alice);
    const gone = await api.deleteCollection(configMaps(), { labelSelector: 'tier=web' }, alice);
    expect(gone.map((o) => o.metadata.name)).toEqual(['a', 'c']);
    expect(api.list(configMaps()).items.map((o) => o.metadata.name)).toEqual(['b']);
  });

  it('answers 404 for a missing object', async () => {
    const { api } = await harness();
    await refused(() => api.delete(configMaps('default', 'nope'), alice), 'NotFound');
  });
});
