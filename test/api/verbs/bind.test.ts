import { describe, expect, it } from 'vitest';
import { alice, harness, namespaces, pod, pods, refused } from '../harness.js';

const scheduler = { actor: 'controller:scheduler' };

describe('pods/binding', () => {
  it('sets spec.nodeName and PodScheduled=True, once', async () => {
    const { api, store } = await harness();
    await api.create(pods(), pod('p'), alice);
    const bound = await api.create({ ...pods('default', 'p'), subresource: 'binding' }, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'node-1' } }, scheduler);
    expect((bound['spec'] as { nodeName: string }).nodeName).toBe('node-1');
    expect((bound['status'] as { conditions: { type: string; status: string }[] }).conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'True' }));
    expect(store.write(store.rev)).toMatchObject({ verb: 'create', subresource: 'binding', actor: 'controller:scheduler' });
    const s = await refused(
      () => api.create({ ...pods('default', 'p'), subresource: 'binding' }, { target: { name: 'node-2' } }, scheduler),
      'Conflict',
    );
    expect(s.message).toContain('already assigned to node "node-1"');
  });

  it('works as a Binding command, and refuses a missing pod or target', async () => {
    const { api } = await harness();
    await api.create(pods(), pod('q'), alice);
    await api.execute({ type: 'create', object: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'q', namespace: 'default' }, target: { kind: 'Node', name: 'n' } } }, scheduler);
    expect((api.get(pods('default', 'q'))['spec'] as { nodeName: string }).nodeName).toBe('n');
    await refused(() => api.create({ ...pods('default', 'nope'), subresource: 'binding' }, { target: { name: 'n' } }, scheduler), 'NotFound');
    await refused(() => api.create({ ...pods('default', 'q'), subresource: 'binding' }, {}, scheduler), 'BadRequest');
  });
});

describe('namespaces/finalize', () => {
  it('empties spec.finalizers of a terminating namespace, which removes it', async () => {
    const { api } = await harness();
    await api.create(namespaces(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, alice);
    await api.delete(namespaces('team'), alice);
    const ns = api.get(namespaces('team'));
    expect((ns['spec'] as { finalizers: string[] }).finalizers).toEqual(['kubernetes']);
    await api.update({ ...namespaces('team'), subresource: 'finalize' }, { ...ns, spec: { finalizers: [] } }, { actor: 'controller:namespace' });
    await refused(() => Promise.resolve(api.get(namespaces('team'))), 'NotFound');
  });
});
