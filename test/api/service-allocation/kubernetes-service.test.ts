import { describe, expect, it } from 'vitest';
import { kubernetesService, kubernetesServiceFor } from '../../../src/api/service-allocation/kubernetes-service.js';
import { serviceAddressAllocation } from '../../../src/api/service-allocation/service-address-allocation.js';
import { alice, harness } from '../harness.js';

const services = { group: '', version: 'v1', resource: 'services', namespace: 'default' };

describe('the kubernetes Service', () => {
  it('takes the first address of the primary CIDR and maps https 443 to 6443', () => {
    expect(kubernetesService('10.96.0.0/12')['spec']).toMatchObject({
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
    });
    expect((kubernetesService('fd00:10:96::/112')['spec'] as { clusterIP: string }).clusterIP).toBe('fd00:10:96::1');
    expect(kubernetesServiceFor([])).toBeUndefined();
  });

  it('is what the API bootstrap creates, and its address is never handed out to others', async () => {
    const plugin = serviceAddressAllocation({ serviceCIDRs: ['10.0.0.0/28'] });
    const h = await harness(1, { admission: [plugin] });
    const made = [];
    for (let i = 0; i < 13; i++) {
      const s = await h.api.create(services, { metadata: { name: `s${i}` }, spec: { selector: { a: 'b' }, ports: [{ port: 80 }] } }, alice);
      made.push((s['spec'] as { clusterIP: string }).clusterIP);
    }
    expect(made).not.toContain('10.0.0.1');
    expect(made).toHaveLength(new Set(made).size);
    const k = h.api.get({ ...services, name: 'kubernetes' });
    expect(k['spec']).toMatchObject({ ...(kubernetesServiceFor([plugin])?.['spec'] as object), ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', type: 'ClusterIP' });
    expect(k.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
  });
});
