import { describe, expect, it } from 'vitest';
import { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues } from '../../../src/api/service-allocation/normalize-service.js';

type Spec = Record<string, unknown>;
const run = (f: (s: Spec, o: Spec) => void, spec: Spec, old: Spec): Spec => {
  const copy = structuredClone(spec);
  f(copy, old);
  return copy;
};

describe('normalizeClusterIPs', () => {
  const dual = { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 'fd00::1'] };
  it.each<[string, Spec, Spec | undefined, unknown]>([
    ['create: singular fills plural', { clusterIP: '10.0.0.1' }, undefined, ['10.0.0.1']],
    ['create: plural alone is left for validation', { clusterIPs: ['10.0.0.1'] }, undefined, ['10.0.0.1']],
    ['update: an old client sent only the singular', { clusterIP: '10.0.0.1' }, dual, ['10.0.0.1', 'fd00::1']],
    ['update: singular changed, plural untouched', { clusterIP: '10.0.0.2', clusterIPs: dual.clusterIPs }, dual, ['10.0.0.2']],
    ['update: singular cleared, plural untouched', { clusterIP: '', clusterIPs: dual.clusterIPs }, dual, undefined],
    ['update: both changed is left for validation', { clusterIP: '10.0.0.2', clusterIPs: ['10.0.0.3'] }, dual, ['10.0.0.3']],
  ])('%s', (_name, spec, old, clusterIPs) => {
    const s = structuredClone(spec);
    normalizeClusterIPs(s, old);
    expect(s['clusterIPs']).toEqual(clusterIPs);
  });
});

describe('patchAllocatedValues', () => {
  const old = {
    type: 'LoadBalancer',
    externalTrafficPolicy: 'Local',
    clusterIP: '10.0.0.1',
    clusterIPs: ['10.0.0.1'],
    healthCheckNodePort: 30200,
    ports: [
      { name: 'a', port: 80, nodePort: 30100 },
      { name: 'b', port: 81, nodePort: 30101 },
    ],
  };
  it('fills what a PUT left out from the old version, by port name, unless the value is used by another port', () => {
    const s = run(patchAllocatedValues, { ...old, clusterIP: undefined, clusterIPs: undefined, healthCheckNodePort: undefined, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, nodePort: 30100 }] }, old);
    expect([s['clusterIP'], s['clusterIPs'], s['healthCheckNodePort']]).toEqual(['10.0.0.1', ['10.0.0.1'], 30200]);
    // 30100 is now b's, so a gets a fresh one (left 0 for the allocator).
    expect((s['ports'] as { nodePort?: number }[]).map((p) => p.nodePort)).toEqual([undefined, 30100]);
  });
  it('fills nothing across a type change that no longer needs the value', () => {
    const s = run(patchAllocatedValues, { type: 'ExternalName', externalName: 'x', ports: [{ name: 'a', port: 80 }] }, old);
    expect([s['clusterIP'], (s['ports'] as { nodePort?: number }[])[0]?.nodePort]).toEqual([undefined, undefined]);
  });
});

describe('dropTypeDependentFields', () => {
  const old = {
    type: 'LoadBalancer',
    clusterIP: '10.0.0.1',
    clusterIPs: ['10.0.0.1'],
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    externalTrafficPolicy: 'Local',
    internalTrafficPolicy: 'Cluster',
    healthCheckNodePort: 30200,
    allocateLoadBalancerNodePorts: true,
    loadBalancerClass: 'example.com/lb',
    ports: [{ port: 80, nodePort: 30100 }],
  };
  it('drops what the new type does not need when the user left it as it was', () => {
    const s = run(dropTypeDependentFields, { ...structuredClone(old), type: 'ExternalName', externalName: 'x' }, old);
    expect(Object.keys(s).sort()).toEqual(['externalName', 'ports', 'type']);
    expect(s['ports']).toEqual([{ port: 80 }]);
  });
  it('keeps values the user changed (validation then decides)', () => {
    const s = run(dropTypeDependentFields, { ...structuredClone(old), type: 'ClusterIP', ports: [{ port: 80, nodePort: 30111 }], externalTrafficPolicy: 'Cluster' }, old);
    expect([s['clusterIP'], (s['ports'] as { nodePort?: number }[])[0]?.nodePort, s['externalTrafficPolicy'], s['healthCheckNodePort']]).toEqual(['10.0.0.1', 30111, 'Cluster', undefined]);
  });
});
