import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

describe('bootstrap', () => {
  it('creates the system namespaces and the kubernetes Service on the first address of the range, and is idempotent', async () => {
    const { api, store } = await harness();
    const svc = api.get({ group: '', version: 'v1', resource: 'services', namespace: 'default', name: 'kubernetes' });
    expect(svc['spec']).toMatchObject({ clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] });
    const rev = store.rev;
    await api.bootstrap();
    await api.bootstrap();
    expect(store.rev).toBe(rev);
  });
});

describe('bootstrap: the kubernetes Service’s endpoints', () => {
  const endpoints = { group: '', version: 'v1', resource: 'endpoints', namespace: 'default', name: 'kubernetes' };
  const slices = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespace: 'default', name: 'kubernetes' };

  it('writes the Endpoints and EndpointSlice the endpoint reconciler keeps, after the Service', async () => {
    const { api, store } = await harness();
    const ep = api.get(endpoints);
    expect(ep.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(ep['subsets']).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const slice = api.get(slices);
    expect(slice.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
    expect(slice).toMatchObject({
      addressType: 'IPv4',
      endpoints: [{ addresses: ['172.18.0.2'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
    const svcRev = Number(api.get({ group: '', version: 'v1', resource: 'services', namespace: 'default', name: 'kubernetes' }).metadata.resourceVersion);
    expect(Number(ep.metadata.resourceVersion)).toBe(svcRev + 1);
    expect(Number(slice.metadata.resourceVersion)).toBe(svcRev + 2);
    expect(store.writes({}).filter((w) => w.key.includes('kubernetes') && w.actor === 'controller:apiserver').length).toBeGreaterThanOrEqual(3);
  });

  it('resets Endpoints someone changed, at the next bootstrap', async () => {
    const { api } = await harness();
    const ep = api.get(endpoints);
    await api.update(endpoints, { ...ep, subsets: [{ addresses: [{ ip: '10.0.0.9' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }] }, { actor: 'user:mallory' });
    await api.bootstrap();
    expect(api.get(endpoints)['subsets']).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
  });
});
