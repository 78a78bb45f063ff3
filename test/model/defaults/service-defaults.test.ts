import { describe, expect, it } from 'vitest';
import { defaultService } from '../../../src/model/defaults/misc-defaults.js';

const defaulted = (svc: Record<string, unknown>) => {
  const copy = structuredClone(svc);
  defaultService(copy);
  return copy as { spec: Record<string, unknown>; status?: unknown };
};

describe('defaultService (SetDefaults_Service, 1.32)', () => {
  it.each([
    ['ClusterIP', {}, { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' }],
    ['ClusterIP with externalIPs', { externalIPs: ['198.51.100.1'] }, { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' }],
    ['NodePort', { type: 'NodePort' }, { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' }],
    ['LoadBalancer', { type: 'LoadBalancer' }, { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true }],
    ['ExternalName', { type: 'ExternalName', externalName: 'x' }, { sessionAffinity: 'None' }],
    ['ClientIP affinity', { sessionAffinity: 'ClientIP' }, { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }],
  ])('%s', (_name, spec, expected) => {
    expect(defaulted({ spec: { ports: [{ port: 80 }], ...spec } }).spec).toMatchObject(expected);
  });

  it('leaves out what does not apply', () => {
    const ext = defaulted({ spec: { type: 'ExternalName', externalName: 'x' } }).spec;
    expect([ext['internalTrafficPolicy'], ext['externalTrafficPolicy']]).toEqual([undefined, undefined]);
    expect(defaulted({ spec: { externalTrafficPolicy: 'Local' } }).spec['externalTrafficPolicy']).toBe('Local');
    expect(defaulted({ spec: { sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } } }).spec['sessionAffinityConfig']).toBeUndefined();
    expect(defaulted({ spec: { ports: [{ port: 53, protocol: 'UDP', targetPort: 'dns' }] } }).spec['ports']).toEqual([{ port: 53, protocol: 'UDP', targetPort: 'dns' }]);
  });

  it('marks load balancer ingress IPs as VIP', () => {
    const lb = defaulted({ spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '198.51.100.1' }, { hostname: 'lb.example' }] } } });
    expect(lb.status).toEqual({ loadBalancer: { ingress: [{ ip: '198.51.100.1', ipMode: 'VIP' }, { hostname: 'lb.example' }] } });
  });
});
