import { describe, expect, it } from 'vitest';
import { quotaFindings, quotasNamed } from '../../src/debug/whynot-quota.js';
import { alice, harness } from '../api/harness.js';

const quotas = { group: '', version: 'v1', resource: 'resourcequotas', namespace: 'default' };
const EXCEEDED = 'pods "web-6d8f9-x2k4p" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=3, limited: pods=3';

describe('the quotas behind refused creates', () => {
  it('are named by exceeded and failed quota messages, once each', () => {
    expect(quotasNamed([EXCEEDED, EXCEEDED, 'pods "p" is forbidden: failed quota: mem-quota: must specify limits.memory for: app', 'no quota here'])).toEqual(['compute', 'mem-quota']);
  });

  it('show what the quota allows and uses, and which resources are exhausted', async () => {
    const { api, store } = await harness();
    const q = await api.create(quotas, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute' }, spec: { hard: { pods: '3', 'requests.cpu': '2' } } }, alice);
    await api.update({ ...quotas, name: 'compute', subresource: 'status' }, { ...q, status: { hard: { pods: '3', 'requests.cpu': '2' }, used: { pods: '3', 'requests.cpu': '1500m' } } }, alice);
    const [f] = quotaFindings(store.head(), 'default', [EXCEEDED]);
    expect(f?.summary).toBe('resourcequota default/compute is exhausted: pods');
    expect(f?.details).toEqual(['pods: used 3 of 3', 'requests.cpu: used 1500m of 2']);
    expect(f?.rev).toBe(store.rev);
    await api.patch({ ...quotas, name: 'compute', subresource: 'status' }, 'merge', { status: { hard: { pods: '5' } } }, alice);
    expect(quotaFindings(store.head(), 'default', [EXCEEDED])[0]?.summary).toBe('resourcequota default/compute refused the creates; it has room now (raised, or usage fell)');
    await api.delete({ ...quotas, name: 'compute' }, alice);
    expect(quotaFindings(store.head(), 'default', [EXCEEDED])[0]?.summary).toBe('resourcequota default/compute refused the creates and no longer exists');
  });
});
