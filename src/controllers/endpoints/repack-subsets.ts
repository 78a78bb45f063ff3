/**
 * Endpoints subsets in canonical form (Kubernetes 1.32,
 * pkg/api/v1/endpoints RepackSubsets): every (address, port) pair is
 * expanded, then ports that reach exactly the same addresses with the same
 * readiness share one subset. Addresses sort by IP bytes then pod UID (as
 * Kubernetes' addrsByIPAndUID); ports and subsets, which Kubernetes orders
 * by an opaque hash, sort here by name, number and protocol, so the output
 * is deterministic and the same for the same pods.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1.js';
import ipaddr from 'ipaddr.js';

/** One pod's address for one port (`port` undefined: a headless Service without ports). */
export interface AddressForPort {
  readonly address: EndpointAddress;
  readonly port: EndpointPort | undefined;
  readonly ready: boolean;
}

function ipBytes(ip: string): number[] {
  try {
    const a = ipaddr.parse(ip);
    return a.kind() === 'ipv4' ? (a as ipaddr.IPv4).toIPv4MappedAddress().toByteArray() : a.toByteArray();
  } catch {
    return [];
  }
}

export function compareIPs(a: string, b: string): number {
  const x = ipBytes(a);
  const y = ipBytes(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

const addrKey = (a: EndpointAddress): string => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort | undefined): string => (p === undefined ? '' : `${p.name ?? ''}\u0000${String(p.port).padStart(5, '0')}\u0000${p.protocol ?? ''}`);

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  return compareIPs(a.ip, b.ip) || ((a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : (a.targetRef?.uid ?? '') > (b.targetRef?.uid ?? '') ? 1 : 0);
}

export function repackSubsets(pairs: readonly AddressForPort[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();
  const ports = new Map<string, EndpointPort | undefined>();
  /** port key → address key → ready */
  const reach = new Map<string, Map<string, boolean>>();
  for (const p of pairs) {
    const ak = addrKey(p.address);
    const pk = portKey(p.port);
    if (!addresses.has(ak)) addresses.set(ak, p.address);
    ports.set(pk, p.port);
    const m = reach.get(pk) ?? new Map<string, boolean>();
    // A pair seen ready once stays ready (Kubernetes: the ready set wins).
    m.set(ak, (m.get(ak) ?? false) || p.ready);
    reach.set(pk, m);
  }
  /** Ports grouped by identical reach. */
  const groups = new Map<string, string[]>();
  for (const [pk, m] of [...reach.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sig = [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([a, r]) => `${a}=${r ? 1 : 0}`).join('\u0001');
    groups.set(sig, [...(groups.get(sig) ?? []), pk]);
  }
  const out: EndpointSubset[] = [];
  for (const pks of groups.values()) {
    const m = reach.get(pks[0] ?? '') ?? new Map<string, boolean>();
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [ak, r] of m) (r ? ready : notReady).push(addresses.get(ak) as EndpointAddress);
    ready.sort(compareAddresses);
    notReady.sort(compareAddresses);
    const ps = pks.map((k) => ports.get(k)).filter((p): p is EndpointPort => p !== undefined);
    out.push({
      ...(ready.length === 0 ? {} : { addresses: ready }),
      ...(notReady.length === 0 ? {} : { notReadyAddresses: notReady }),
      ...(ps.length === 0 ? {} : { ports: ps }),
    });
  }
  return out;
}
