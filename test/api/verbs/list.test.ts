import { describe, expect, it } from 'vitest';
import { alice, configMap, configMaps, harness, pod, pods, refused } from '../harness.js';

describe('list', () => {
  it('filters by label and field selectors, sorted by namespace and name', async () => {
    const { api } = await harness();
    await api.create(configMaps(), configMap('b', {}, { app: 'web', tier: 'fe' }), alice);
    await api.create(configMaps(), configMap('a', {}, { app: 'web', tier: 'db' }), alice);
    await api.create(configMaps('kube-system'), configMap('z', {}, { app: 'web' }), alice);
    const names = (o: { items: readonly { metadata: { name?: string } }[] }) => o.items.map((i) => i.metadata.name);
    expect(names(api.list(configMaps()))).toEqual(['a', 'b']);
    expect(names(api.list({ group: '', version: 'v1', resource: 'configmaps' }, { labelSelector: 'app=web' }))).toEqual(['a', 'b', 'z']);
    expect(names(api.list(configMaps(), { labelSelector: 'app=web,tier notin (db)' }))).toEqual(['b']);
    expect(names(api.list({ group: '', version: 'v1', resource: 'configmaps' }, { fieldSelector: 'metadata.namespace!=default' }))).toEqual(['z']);
    await api.create(pods(), pod('p1'), alice);
    expect(names(api.list(pods(), { fieldSelector: 'status.phase=Pending' }))).toEqual(['p1']);
    expect(names(api.list(pods(), { fieldSelector: 'status.phase=Running' }))).toEqual([]);
  });

  it('answers 400 for a malformed selector or an unsupported field', async () => {
    const { api } = await harness();
    await refused(() => Promise.resolve(api.list(configMaps(), { labelSelector: 'app in (web' })), 'BadRequest');
    const s = await refused(() => Promise.resolve(api.list(configMaps(), { fieldSelector: 'spec.nodeName=x' })), 'BadRequest');
    expect(s.message).toContain('field label not supported: spec.nodeName');
  });

  it('pages with limit and continue from one snapshot, whatever is written meanwhile', async () => {
    const { api } = await harness();
    for (const n of ['a', 'b', 'c', 'd', 'e']) await api.create(configMaps(), configMap(n), alice);
    const first = api.list(configMaps(), { limit: 2 });
    expect(first.items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    expect(first.metadata.remainingItemCount).toBe(3);
    await api.delete(configMaps('default', 'c'), alice);
    await api.create(configMaps(), configMap('bb'), alice);
    const second = api.list(configMaps(), { limit: 2, continue: first.metadata.continue ?? '' });
    expect(second.items.map((i) => i.metadata.name)).toEqual(['c', 'd']);
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const third = api.list(configMaps(), { limit: 2, continue: second.metadata.continue ?? '' });
    expect(third.items.map((i) => i.metadata.name)).toEqual(['e']);
    expect(third.metadata.continue).toBeUndefined();
    await refused(() => Promise.resolve(api.list(configMaps(), { continue: 'garbage!' })), 'BadRequest');
  });

  it('reads the past with resourceVersionMatch=Exact and refuses the future', async () => {
    const { api, store } = await harness();
    await api.create(configMaps(), configMap('a'), alice);
    const rev = store.rev;
    await api.create(configMaps(), configMap('b'), alice);
    const past = api.list(configMaps(), { resourceVersion: String(rev), resourceVersionMatch: 'Exact' });
    expect(past.items.map((i) => i.metadata.name)).toEqual(['a']);
    expect(past.metadata.resourceVersion).toBe(String(rev));
    const newest = api.list(configMaps(), { resourceVersion: String(rev) });
    expect(newest.items).toHaveLength(2);
    await refused(() => Promise.resolve(api.list(configMaps(), { resourceVersion: String(store.rev + 10) })), 'Timeout');
    await refused(() => Promise.resolve(api.list(configMaps(), { resourceVersion: 'abc' })), 'BadRequest');
  });

  it('answers 404 for an unknown resource', async () => {
    const { api } = await harness();
    await refused(() => Promise.resolve(api.list({ group: '', version: 'v1', resource: 'widgets' })), 'NotFound');
  });
});
