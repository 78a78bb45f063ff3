/**
 * A node's pod IP allocator, as the host-local CNI IPAM keeps it on the
 * node: per pod CIDR, the lowest free address after the gateway (network
 * + 1) goes to the next pod. Deterministic: the same sequence of allocations
 * and releases gives the same addresses.
 */
import ipaddr from 'ipaddr.js';

interface Range {
  readonly network: Uint8Array;
  /** Usable host offsets are 2 .. size - 2 (IPv4 also skips broadcast). */
  readonly size: bigint;
  readonly used: Set<bigint>;
}

function parseRange(cidr: string): Range {
  const [addr, prefix] = ipaddr.parseCIDR(cidr);
  const bytes = Uint8Array.from(addr.toByteArray());
  const bits = bytes.length * 8;
  // Clear host bits so "10.244.1.7/24" still means 10.244.1.0/24.
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    bytes[i] = (bytes[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
  }
  return { network: bytes, size: 1n << BigInt(bits - prefix), used: new Set() };
}

function addOffset(network: Uint8Array, offset: bigint): string {
  const out = Uint8Array.from(network);
  let carry = offset;
  for (let i = out.length - 1; i >= 0 && carry > 0n; i--) {
    const sum = BigInt(out[i] ?? 0) + (carry & 0xffn);
    out[i] = Number(sum & 0xffn);
    carry = (carry >> 8n) + (sum >> 8n);
  }
  return ipaddr.fromByteArray(Array.from(out)).toString();
}

/** IPv4 CIDRs first, as the kubelet orders podIPs (the primary family first). */
export function familyOrder(cidrs: readonly string[]): readonly string[] {
  const v4 = cidrs.filter((c) => !c.includes(':'));
  const v6 = cidrs.filter((c) => c.includes(':'));
  return [...v4, ...v6];
}

export class PodIpam {
  private readonly ranges = new Map<string, Range>();
  /** podKey → uid and the (cidr, offset) pairs it holds. */
  private readonly held = new Map<string, { readonly uid: string; readonly offsets: readonly (readonly [string, bigint])[] }>();

  allocate(podKey: string, uid: string, cidrs: readonly string[]): readonly string[] {
    const existing = this.held.get(podKey);
    if (existing !== undefined && existing.uid === uid) return existing.offsets.map(([c, o]) => addOffset(this.range(c).network, o));
    if (existing !== undefined) this.release(podKey);
    const offsets: (readonly [string, bigint])[] = [];
    for (const cidr of familyOrder(cidrs)) {
      const r = this.range(cidr);
      const isV4 = r.network.length === 4;
      const last = isV4 ? r.size - 2n : r.size - 1n;
      let o = 2n;
      while (o <= last && r.used.has(o)) o++;
      if (o > last) throw new Error(`pod CIDR ${cidr} is exhausted`);
      r.used.add(o);
      offsets.push([cidr, o]);
    }
    this.held.set(podKey, { uid, offsets });
    return offsets.map(([c, o]) => addOffset(this.range(c).network, o));
  }

  release(podKey: string): void {
    const h = this.held.get(podKey);
    if (h === undefined) return;
    for (const [c, o] of h.offsets) this.range(c).used.delete(o);
    this.held.delete(podKey);
  }

  private range(cidr: string): Range {
    let r = this.ranges.get(cidr);
    if (r === undefined) {
      r = parseRange(cidr);
      this.ranges.set(cidr, r);
    }
    return r;
  }
}
