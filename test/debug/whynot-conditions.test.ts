import { describe, expect, it } from 'vitest';
import { whyNot } from '../../src/debug/index.js';
import { alice, harness, namespaces } from '../api/harness.js';

describe('whyNot on a kind without its own answer', () => {
  it('shows the conditions that report trouble: True for the negative ones (…Remaining, …Failure, …Pressure), not True for the others', async () => {
    const { api, store } = await harness();
    const ns = await api.create(namespaces(), { metadata: { name: 'shop' } }, alice);
    await api.update({ ...namespaces('shop'), subresource: 'status' }, {
      ...ns,
      status: {
        phase: 'Terminating',
        conditions: [
          { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered' },
          { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps. has 1 resource instances' },
          { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances' },
          { type: 'Ready', status: 'Unknown' },
        ],
      },
    }, alice);
    const a = whyNot(store, [], 'core/namespaces/_/shop');
    expect(a.ok).toBe(false);
    expect(a.findings.map((f) => f.summary.split(' (')[0])).toEqual(['NamespaceContentRemaining=True', 'NamespaceFinalizersRemaining=True', 'Ready=Unknown']);
    const calm = await api.create(namespaces(), { metadata: { name: 'calm' } }, alice);
    await api.update({ ...namespaces('calm'), subresource: 'status' }, { ...calm, status: { phase: 'Active', conditions: [{ type: 'NamespaceDeletionContentFailure', status: 'False' }] } }, alice);
    expect(whyNot(store, [], 'core/namespaces/_/calm')).toMatchObject({ ok: true, findings: [{ summary: 'no condition reports trouble and no Warning Event is recorded' }] });
  });
});
