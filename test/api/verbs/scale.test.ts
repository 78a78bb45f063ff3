import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import { alice, deployment, deployments, harness, refused } from '../harness.js';

const scaleOf = (name: string) => ({ ...deployments('default', name), subresource: 'scale' });

describe('the scale subresource', () => {
  it('reads an autoscaling/v1 Scale with the selector as a string', async () => {
    const { api } = await harness();
    const d = await api.create(deployments(), deployment('web', 3), alice);
    const s = api.get(scaleOf('web'));
    expect(s).toEqual({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'web', namespace: 'default', uid: d.metadata.uid, resourceVersion: d.metadata.resourceVersion, creationTimestamp: d.metadata.creationTimestamp },
      spec: { replicas: 3 },
      status: { replicas: 0, selector: 'app=web' },
    });
  });

  it('a ReplicationController selector (a plain map) reads as a string too', async () => {
    const { api } = await harness();
    const rc = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { replicas: 1, selector: { app: 'a', tier: 'b' }, template: { metadata: { labels: { app: 'a', tier: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } };
    await api.create({ group: '', version: 'v1', resource: 'replicationcontrollers', namespace: 'default' }, rc, alice);
    const s = api.get({ group: '', version: 'v1', resource: 'replicationcontrollers', namespace: 'default', name: 'rc', subresource: 'scale' });
    expect((s['status'] as { selector: string }).selector).toBe('app=a,tier=b');
  });

  it('a merge patch changes only spec.replicas of the parent, bumps its generation and records the subresource', async () => {
    const { api, store } = await harness();
    const before = await api.create(deployments(), deployment('web', 3), alice);
    const s = await api.patch(scaleOf('web'), 'merge', { spec: { replicas: 7 } }, alice);
    expect(s.kind).toBe('Scale');
    expect((s['spec'] as { replicas: number }).replicas).toBe(7);
    const d = api.get(deployments('default', 'web'));
    expect((d['spec'] as { replicas: number }).replicas).toBe(7);
    expect(d.metadata.generation).toBe(2);
    expect((d['spec'] as { template: unknown }).template).toEqual((before['spec'] as { template: unknown }).template);
    const last = store.writes({ actor: 'user:alice' }).at(-1);
    expect(last?.verb).toBe('patch');
    expect(last?.subresource).toBe('scale');
  });

  it('a PUT with a stale resourceVersion is 409 and changes nothing', async () => {
    const { api, log } = await harness();
    await api.create(deployments(), deployment('web', 3), alice);
    const stale = api.get(scaleOf('web'));
    await api.patch(scaleOf('web'), 'merge', { spec: { replicas: 4 } }, alice);
    const before = log.headRev();
    await refused(() => api.update(scaleOf('web'), { ...stale, spec: { replicas: 9 } }, alice), 'Conflict');
    expect(log.headRev()).toBe(before);
    const fresh = api.get(scaleOf('web'));
    const put = await api.update(scaleOf('web'), { ...fresh, spec: { replicas: 9 } }, alice);
    expect((put['spec'] as { replicas: number }).replicas).toBe(9);
  });

  it('refuses a negative count (422 on spec.replicas), another kind or another name (400)', async () => {
    const { api, log } = await harness();
    await api.create(deployments(), deployment('web', 3), alice);
    const before = log.headRev();
    const bad = await refused(() => api.patch(scaleOf('web'), 'merge', { spec: { replicas: -1 } }, alice), 'Invalid');
    expect(bad.code).toBe(422);
    expect(JSON.stringify(bad.details)).toContain('spec.replicas');
    await refused(() => api.update(scaleOf('web'), { kind: 'Deployment', spec: { replicas: 1 } } as unknown as KubeObject, alice), 'BadRequest');
    await refused(() => api.update(scaleOf('web'), { kind: 'Scale', metadata: { name: 'other' }, spec: { replicas: 1 } }, alice), 'BadRequest');
    expect(log.headRev()).toBe(before);
  });

  it('is 404 for a missing parent and for kinds without the subresource', async () => {
    const { api } = await harness();
    await refused(() => api.get(scaleOf('nope')), 'NotFound');
    await refused(() => api.get({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name: 'x', subresource: 'scale' }), 'NotFound');
  });
});
