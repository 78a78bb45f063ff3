import { describe, expect, it } from 'vitest';
import { alice, configMap, configMaps, deployment, deployments, harness, pod, pods, refused } from '../harness.js';

describe('patch', () => {
  it('applies a JSON patch, a merge patch and a strategic merge patch', async () => {
    const { api } = await harness();
    await api.create(configMaps(), configMap('c', { a: '1', b: '2' }), alice);
    const j = await api.patch(configMaps('default', 'c'), 'json', [{ op: 'replace', path: '/data/a', value: 'x' }], alice);
    expect(j['data']).toEqual({ a: 'x', b: '2' });
    const m = await api.patch(configMaps('default', 'c'), 'merge', { data: { b: null, c: '3' } }, alice);
    expect(m['data']).toEqual({ a: 'x', c: '3' });

    await api.create(pods(), pod('p'), alice);
    const s = await api.patch(pods('default', 'p'), 'strategic', { spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] } }, alice);
    const containers = (s['spec'] as { containers: { name: string; image: string }[] }).containers;
    expect(containers).toHaveLength(1);
    expect(containers[0]?.image).toBe('nginx:1.28');
  });

  it('refuses a failing JSON patch with a clear error and appends nothing', async () => {
    const { api, log } = await harness();
    await api.create(configMaps(), configMap('c'), alice);
    const before = log.headRev();
    const e = await api
      .patch(configMaps('default', 'c'), 'json', [{ op: 'test', path: '/data/a', value: 'nope' }], alice)
      .catch((x: { status: { code: number } }) => x.status);
    expect([400, 422]).toContain((e as { code: number }).code);
    expect(log.headRev()).toBe(before);
  });

  it('a resourceVersion inside the patch is a precondition', async () => {
    const { api } = await harness();
    const c = await api.create(configMaps(), configMap('c'), alice);
    await api.patch(configMaps('default', 'c'), 'merge', { data: { a: '2' } }, alice);
    await refused(
      () => api.patch(configMaps('default', 'c'), 'merge', { metadata: { resourceVersion: c.metadata.resourceVersion }, data: { a: '3' } }, alice),
      'Conflict',
    );
  });

  it('answers 404 for a missing object', async () => {
    const { api } = await harness();
    await refused(() => api.patch(deployments('default', 'nope'), 'merge', { spec: { replicas: 1 } }, alice), 'NotFound');
  });

  it('a status patch changes status only', async () => {
    const { api } = await harness();
    await api.create(deployments(), deployment('web'), alice);
    const d = await api.patch({ ...deployments('default', 'web'), subresource: 'status' }, 'merge', { status: { replicas: 3 }, spec: { replicas: 9 } }, alice);
    expect(d['status']).toEqual({ replicas: 3 });
    expect((d['spec'] as { replicas: number }).replicas).toBe(2);
  });
});
