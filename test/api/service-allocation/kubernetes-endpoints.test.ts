import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import {
  kubernetesEndpointSlice,
  kubernetesEndpoints,
  reconcileKubernetesEndpoints,
} from '../../../src/api/service-allocation/kubernetes-endpoints.js';

function memoryWriter(initial: Partial<Record<'endpoints' | 'endpointslices', KubeObject>> = {}) {
  const objects = new Map(Object.entries(initial));
  const writes: string[] = [];
  return {
    writes,
    objects,
    get: (r: 'endpoints' | 'endpointslices') => objects.get(r),
    create: async (r: 'endpoints' | 'endpointslices', body: KubeObject) => {
      writes.push(`create ${r}`);
      objects.set(r, body);
    },
    update: async (r: 'endpoints' | 'endpointslices', body: KubeObject) => {
      writes.push(`update ${r}`);
      objects.set(r, body);
    },
  };
}

describe('the kubernetes Service’s Endpoints and EndpointSlice', () => {
  it('name an IPv6 advertise address with the IPv6 address type', () => {
    expect(kubernetesEndpointSlice('fd00::2')['addressType']).toBe('IPv6');
    expect(kubernetesEndpointSlice('172.18.0.2', 8443)['ports']).toEqual([{ name: 'https', port: 8443, protocol: 'TCP' }]);
  });

  it('creates both when missing, writes nothing when right, and resets only what is wrong', async () => {
    const w = memoryWriter();
    await reconcileKubernetesEndpoints(w, '172.18.0.2');
    expect(w.writes).toEqual(['create endpoints', 'create endpointslices']);
    await reconcileKubernetesEndpoints(w, '172.18.0.2');
    expect(w.writes).toHaveLength(2);
    await reconcileKubernetesEndpoints(w, '172.18.0.7');
    expect(w.writes.slice(2)).toEqual(['update endpoints', 'update endpointslices']);
    expect(w.objects.get('endpointslices')?.['endpoints']).toEqual([{ addresses: ['172.18.0.7'], conditions: { ready: true } }]);
  });

  it('puts back a label someone removed', async () => {
    const ep = kubernetesEndpoints('172.18.0.2');
    const w = memoryWriter({ endpoints: { ...ep, metadata: { ...ep.metadata, labels: {} } }, endpointslices: kubernetesEndpointSlice('172.18.0.2') });
    await reconcileKubernetesEndpoints(w, '172.18.0.2');
    expect(w.writes).toEqual(['update endpoints']);
    expect(w.objects.get('endpoints')?.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
  });
});
