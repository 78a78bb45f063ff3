/**
 * What Kubernetes 1.32's Service strategy does to a new version before
 * anything is allocated (pkg/registry/core/service/strategy.go):
 *
 * - `patchAllocatedValues` (update): a client that left out the cluster IPs,
 *   node ports or health-check node port of a Service that still needs them
 *   keeps the allocated ones (a PUT of the original manifest works).
 * - `normalizeClusterIPs`: keeps the singular `clusterIP` and the plural
 *   `clusterIPs` in step for clients that set only one.
 * - `dropTypeDependentFields` (update): a type change that no longer needs
 *   cluster IPs, node ports, a health-check port, a load balancer class or
 *   a traffic policy drops the values the user did not touch, so they are
 *   released.
 *
 * All three mutate `spec` (a private copy).
 */
import type { ServiceSpec } from './ip-families.js';

type Port = Record<string, unknown>;

const ports = (spec: ServiceSpec): Port[] =>
  Array.isArray(spec['ports']) ? spec['ports'].filter((p): p is Port => typeof p === 'object' && p !== null) : [];
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const sameList = (a: unknown, b: unknown): boolean => JSON.stringify(strings(a)) === JSON.stringify(strings(b));
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

export const needsClusterIP = (spec: ServiceSpec): boolean => spec['type'] !== 'ExternalName';
export const needsNodePorts = (spec: ServiceSpec): boolean => spec['type'] === 'NodePort' || spec['type'] === 'LoadBalancer';
/** A LoadBalancer with `externalTrafficPolicy: Local` gets a health-check node port. */
export const needsHealthCheck = (spec: ServiceSpec): boolean => spec['type'] === 'LoadBalancer' && spec['externalTrafficPolicy'] === 'Local';

/** The node ports a Service holds (health-check port included), sorted. */
export function nodePortsOf(spec: ServiceSpec): number[] {
  const out = new Set<number>();
  for (const p of ports(spec)) if (num(p['nodePort']) !== 0) out.add(num(p['nodePort']));
  if (num(spec['healthCheckNodePort']) !== 0) out.add(num(spec['healthCheckNodePort']));
  return [...out].sort((a, b) => a - b);
}

function portNumbers(spec: ServiceSpec): Set<number> {
  const out = new Set<number>();
  for (const p of ports(spec)) if (num(p['nodePort']) !== 0) out.add(num(p['nodePort']));
  return out;
}

export function patchAllocatedValues(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if ((spec['clusterIP'] ?? '') === '' && old['clusterIP'] !== undefined) spec['clusterIP'] = old['clusterIP'];
    if (strings(spec['clusterIPs']).length === 0 && strings(old['clusterIPs']).length > 0) spec['clusterIPs'] = [...strings(old['clusterIPs'])];
  }
  if (needsNodePorts(old) && needsNodePorts(spec)) {
    const newPorts = portNumbers(spec);
    const used = new Set([...portNumbers(old)].filter((p) => newPorts.has(p)));
    const byName = new Map<string, number>();
    for (const p of ports(old)) byName.set(typeof p['name'] === 'string' ? p['name'] : '', num(p['nodePort']));
    for (const p of ports(spec)) {
      if (num(p['nodePort']) !== 0) continue;
      const was = byName.get(typeof p['name'] === 'string' ? p['name'] : '') ?? 0;
      if (was !== 0 && !used.has(was)) p['nodePort'] = was;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(spec) && num(spec['healthCheckNodePort']) === 0 && num(old['healthCheckNodePort']) !== 0) {
    spec['healthCheckNodePort'] = old['healthCheckNodePort'];
  }
}

export function normalizeClusterIPs(spec: ServiceSpec, old: ServiceSpec | undefined): void {
  const ip = typeof spec['clusterIP'] === 'string' ? spec['clusterIP'] : '';
  if (old === undefined) {
    if (ip !== '' && strings(spec['clusterIPs']).length === 0) spec['clusterIPs'] = [ip];
    return;
  }
  const oldIP = typeof old['clusterIP'] === 'string' ? old['clusterIP'] : '';
  // An old client patching another field sent no clusterIPs: keep them.
  if (strings(old['clusterIPs']).length > 0 && strings(spec['clusterIPs']).length === 0 && oldIP === ip) spec['clusterIPs'] = [...strings(old['clusterIPs'])];
  if (oldIP !== ip && sameList(old['clusterIPs'], spec['clusterIPs'])) {
    if (oldIP !== '' && ip === '') delete spec['clusterIPs'];
    else spec['clusterIPs'] = [ip];
  }
}

export function dropTypeDependentFields(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (old['clusterIP'] === spec['clusterIP'] && sameList(old['clusterIPs'], spec['clusterIPs'])) {
      delete spec['clusterIP'];
      delete spec['clusterIPs'];
    }
    if (sameList(old['ipFamilies'], spec['ipFamilies'])) delete spec['ipFamilies'];
    if (old['ipFamilyPolicy'] === spec['ipFamilyPolicy']) delete spec['ipFamilyPolicy'];
  }
  const oldPorts = portNumbers(old);
  const newPorts = portNumbers(spec);
  const samePorts = oldPorts.size === newPorts.size && [...oldPorts].every((p) => newPorts.has(p));
  if (needsNodePorts(old) && !needsNodePorts(spec) && samePorts) for (const p of ports(spec)) delete p['nodePort'];
  if (needsHealthCheck(old) && !needsHealthCheck(spec) && num(old['healthCheckNodePort']) === num(spec['healthCheckNodePort'])) delete spec['healthCheckNodePort'];
  if (old['type'] === 'LoadBalancer' && spec['type'] !== 'LoadBalancer') {
    if (spec['allocateLoadBalancerNodePorts'] !== undefined && old['allocateLoadBalancerNodePorts'] === spec['allocateLoadBalancerNodePorts']) {
      delete spec['allocateLoadBalancerNodePorts'];
    }
  }
  if (old['type'] === 'LoadBalancer' && spec['type'] !== 'LoadBalancer' && spec['loadBalancerClass'] !== undefined && old['loadBalancerClass'] === spec['loadBalancerClass']) {
    delete spec['loadBalancerClass'];
  }
  if (needsNodePorts(old) && !needsNodePorts(spec) && old['externalTrafficPolicy'] === spec['externalTrafficPolicy']) delete spec['externalTrafficPolicy'];
  if (needsClusterIP(old) && !needsClusterIP(spec) && old['internalTrafficPolicy'] === spec['internalTrafficPolicy']) delete spec['internalTrafficPolicy'];
}
