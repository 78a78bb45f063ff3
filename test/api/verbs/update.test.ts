import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import { alice, configMap, configMaps, deployment, deployments, harness, refused } from '../harness.js';

describe('update', () => {
  it('answers 409 Conflict on a stale resourceVersion and appends nothing', async () => {
    const { api, log } = await harness();
    const v1 = await api.create(configMaps(), configMap('c'), alice);
    await api.update(configMaps('default', 'c'), { ...v1, data: { a: '2' } }, alice);
    const before = log.headRev();
    const s = await refused(() => api.update(configMaps('default', 'c'), { ...v1, data: { a: '3' } }, alice), 'Conflict');
    expect(s.message).toBe(
      'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(log.headRev()).toBe(before);
  });

  it('without a resourceVersion is unconditional', async () => {
    const { api } = await harness();
    const v1 = await api.create(configMaps(), configMap('c'), alice);
    await api.update(configMaps('default', 'c'), { ...v1, data: { a: '2' } }, alice);
    const { resourceVersion: _rv, ...meta } = v1.metadata;
    const v3 = await api.update(configMaps('default', 'c'), { ...v1, metadata: meta, data: { a: '3' } }, alice);
    expect(v3['data']).toEqual({ a: '3' });
  });

  it('does not bump generation for a spec that only differs before defaulting (a manifest re-sent without the defaulted fields)', async () => {
    const { api } = await harness();
    const d1 = await api.create(deployments(), deployment('web', 2), alice);
    expect((d1['spec'] as { revisionHistoryLimit?: number }).revisionHistoryLimit).toBe(10);
    const bare = deployment('web', 2);
    const d2 = await api.update(deployments('default', 'web'), { ...bare, metadata: { ...bare.metadata, resourceVersion: d1.metadata.resourceVersion } }, alice);
    expect(d2.metadata.generation).toBe(1);
    const d3 = await api.update(deployments('default', 'web'), { ...bare, spec: { ...(bare['spec'] as object), replicas: 3 } }, alice);
    expect(d3.metadata.generation).toBe(2);
  });

  it('bumps generation on spec changes only', async () => {
    const { api } = await harness();
    const d1 = await api.create(deployments(), deployment('web', 2), alice);
    const d2 = await api.update(deployments('default', 'web'), { ...d1, metadata: { ...d1.metadata, labels: { x: 'y' } } }, alice);
    expect(d2.metadata.generation).toBe(1);
    const d3 = await api.update(deployments('default', 'web'), { ...d2, spec: { ...(d2['spec'] as object), replicas: 5 } }, alice);
    expect(d3.metadata.generation).toBe(2);
  });

  it('keeps status on the main resource and only status on the status subresource', async () => {
    const { api } = await harness();
    const d1 = await api.create(deployments(), deployment('web', 2), alice);
    const d2 = await api.update(deployments('default', 'web'), { ...d1, status: { replicas: 7 } }, alice);
    expect(d2['status']).toBeUndefined();
    const statusTarget = { ...deployments('default', 'web'), subresource: 'status' };
    const d3 = await api.update(statusTarget, { ...d2, spec: { ...(d2['spec'] as object), replicas: 9 }, status: { replicas: 2 } }, alice);
    expect(d3['status']).toEqual({ replicas: 2 });
    expect((d3['spec'] as { replicas: number }).replicas).toBe(2);
    expect(d3.metadata.generation).toBe(1);
  });

  it('keeps server-owned metadata and refuses a renamed body', async () => {
    const { api } = await harness();
    const c = await api.create(configMaps(), configMap('c'), alice);
    const u = await api.update(configMaps('default', 'c'), { ...c, metadata: { ...c.metadata, uid: undefined, creationTimestamp: undefined } }, alice);
    expect(u.metadata.uid).toBe(c.metadata.uid);
    expect(u.metadata.creationTimestamp).toBe(c.metadata.creationTimestamp);
    await refused(() => api.update(configMaps('default', 'c'), { ...c, metadata: { ...c.metadata, name: 'd' } }, alice), 'BadRequest');
  });

  it('appends nothing for a write that changes nothing', async () => {
    const { api, log } = await harness();
    const c = await api.create(configMaps(), configMap('c'), alice);
    const before = log.headRev();
    const same = await api.update(configMaps('default', 'c'), c, alice);
    expect(same.metadata.resourceVersion).toBe(c.metadata.resourceVersion);
    expect(log.headRev()).toBe(before);
  });

  it('carries a small patch, not the whole object, in the write record', async () => {
    const { api, store } = await harness();
    const c = await api.create(configMaps(), configMap('c', { a: '1', b: 'x'.repeat(500) }), alice);
    await api.update(configMaps('default', 'c'), { ...c, data: { ...(c['data'] as object), a: '2' } }, alice);
    const rec = store.write(store.rev);
    expect(rec?.change.op).toBe('patch');
    expect(JSON.stringify(rec?.change).length).toBeLessThan(300);
    expect(rec?.prevRev).toBe(Number(c.metadata.resourceVersion));
  });

  it('answers 404 for a missing object and 422 for an immutable selector change', async () => {
    const { api } = await harness();
    await refused(() => api.update(configMaps('default', 'nope'), configMap('nope'), alice), 'NotFound');
    const d = await api.create(deployments(), deployment('web'), alice);
    const spec = d['spec'] as { selector: object; template: { metadata: { labels: object } } };
    const changed: KubeObject = {
      ...d,
      spec: { ...spec, selector: { matchLabels: { app: 'other' } }, template: { ...spec.template, metadata: { labels: { app: 'other' } } } },
    };
    const s = await refused(() => api.update(deployments('default', 'web'), changed, alice), 'Invalid');
    expect(s.message).toContain('spec.selector');
  });

  it('enforces the 1.5 MiB limit exactly on objects grown step by step', async () => {
    const { api, log } = await harness();
    const limit = 1.5 * 1024 * 1024;
    const withArg = (o: KubeObject, arg: string): KubeObject => {
      const spec = o['spec'] as { template: { spec: { containers: Record<string, unknown>[] } } };
      const [c] = spec.template.spec.containers;
      return { ...o, spec: { ...spec, template: { ...spec.template, spec: { ...spec.template.spec, containers: [{ ...c, args: [arg] }] } } } };
    };
    const argOf = (o: KubeObject): string => (o['spec'] as { template: { spec: { containers: { args: string[] }[] } } }).template.spec.containers[0]?.args[0] ?? '';
    let cur = await api.create(deployments(), withArg(deployment('web'), ''), alice);
    // Grow well below the limit in steps (sizes bounded, not measured), then probe the limit byte for byte.
    for (let i = 1; i <= 5; i++) cur = await api.update(deployments('default', 'web'), withArg(cur, 'x'.repeat(i * 250 * 1024)), alice);
    const a = argOf(cur);
    // Measure once through an over-limit write; the checked size then moves one byte per added character.
    const probe = 'y'.repeat(400 * 1024);
    const over = await refused(() => api.update(deployments('default', 'web'), withArg(cur, a + probe), alice), 'RequestEntityTooLarge');
    const measured = Number(/: (\d+) bytes/.exec(over.message)?.[1]);
    expect(measured).toBeGreaterThan(limit);
    const fits = probe.length - (measured - limit);
    const before = log.headRev();
    const s = await refused(() => api.update(deployments('default', 'web'), withArg(cur, a + 'y'.repeat(fits + 1)), alice), 'RequestEntityTooLarge');
    expect(s.message).toContain(`: ${limit + 1} bytes`);
    expect(log.headRev()).toBe(before);
    const at = await api.update(deployments('default', 'web'), withArg(cur, a + 'y'.repeat(fits)), alice);
    expect(argOf(at).length).toBe(a.length + fits);
  });
});
