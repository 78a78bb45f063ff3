import { describe, expect, it } from 'vitest';
import { alice, deployment, deployments, harness, refused } from '../harness.js';

describe('server-side apply', () => {
  it('creates, then updates, recording the manager as an Apply owner', async () => {
    const { api } = await harness();
    const d = await api.apply(deployments('default', 'web'), deployment('web', 2), { actor: 'user:alice', fieldManager: 'kubectl' });
    expect(d.metadata.uid).toBeDefined();
    expect(d.metadata.managedFields?.find((m) => m.manager === 'kubectl')?.operation).toBe('Apply');
    const d2 = await api.apply(deployments('default', 'web'), deployment('web', 4), { actor: 'user:alice', fieldManager: 'kubectl' });
    expect((d2['spec'] as { replicas: number }).replicas).toBe(4);
    expect(d2.metadata.generation).toBe(2);
  });

  it('refuses a change to a field another manager owns, unless forced', async () => {
    const { api } = await harness();
    await api.apply(deployments('default', 'web'), deployment('web', 2), { actor: 'user:alice', fieldManager: 'alice' });
    const s = await refused(
      () => api.apply(deployments('default', 'web'), deployment('web', 5), { actor: 'user:bob', fieldManager: 'bob' }),
      'Conflict',
    );
    expect(s.message).toContain('spec.replicas');
    const forced = await api.apply(deployments('default', 'web'), deployment('web', 5), { actor: 'user:bob', fieldManager: 'bob' }, { force: true });
    expect((forced['spec'] as { replicas: number }).replicas).toBe(5);
  });

  it('applyObject resolves the target from the manifest', async () => {
    const { api } = await harness();
    const d = await api.applyObject(deployment('api', 1), alice);
    expect(d.metadata.namespace).toBe('default');
    expect(api.get(deployments('default', 'api')).metadata.uid).toBe(d.metadata.uid);
  });

  it('refuses an unknown kind with a clear message', async () => {
    const { api } = await harness();
    expect(() => api.resolveObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow(
      'no matches for kind "Widget" in version "example.com/v1"',
    );
  });
});
