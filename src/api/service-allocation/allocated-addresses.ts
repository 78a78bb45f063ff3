/**
 * Which cluster IPs and node ports are taken: those of every Service in the
 * state a write is decided against, plus those reserved by writes decided
 * but not yet folded into it (see `Reservations`). There is no allocator
 * state besides the Services themselves, so deleting a Service (or changing
 * its type) releases its addresses with the same write, and a replay
 * allocates exactly as the recorded run did.
 */
import { objectKey, parseIpSloppy } from '../../model/index.js';
import type { KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { nodePortsOf } from './normalize-service.js';

export interface Taken {
  /** Canonical IP text → the Service key holding it. */
  readonly ips: ReadonlyMap<string, string>;
  /** Node port → the Service key holding it. */
  readonly nodePorts: ReadonlyMap<number, string>;
}

/** One textual form per address (`10.096.0.1` and `10.96.0.1` are the same IP). */
export function canonicalIp(ip: string): string {
  return parseIpSloppy(ip)?.toString() ?? ip;
}

const SERVICES = { group: '', resource: 'services' } as const;
const cache = new WeakMap<StateView, Taken>();

function serviceKey(svc: KubeObject): string {
  return objectKey({ group: '', resource: 'services', namespace: svc.metadata.namespace ?? '', name: svc.metadata.name ?? '' });
}

/** The addresses held by the Services in `view` (memoised per view: views are immutable). */
export function takenIn(view: StateView): Taken {
  const hit = cache.get(view);
  if (hit !== undefined) return hit;
  const ips = new Map<string, string>();
  const nodePorts = new Map<number, string>();
  for (const svc of view.list(SERVICES)) {
    const spec = (svc['spec'] as Record<string, unknown> | undefined) ?? {};
    const key = serviceKey(svc);
    const list = Array.isArray(spec['clusterIPs']) ? (spec['clusterIPs'] as unknown[]) : [spec['clusterIP']];
    for (const ip of list) if (typeof ip === 'string' && ip !== '' && ip !== 'None') ips.set(canonicalIp(ip), key);
    for (const p of nodePortsOf(spec)) nodePorts.set(p, key);
  }
  const taken = { ips, nodePorts };
  cache.set(view, taken);
  return taken;
}
