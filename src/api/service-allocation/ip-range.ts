/**
 * A service CIDR as Kubernetes 1.32's bitmap IP allocator sees it
 * (pkg/registry/core/service/ipallocator/bitmap.go): the network address is
 * never handed out, nor is an IPv4 broadcast address; an IPv6 range is capped
 * at 65536 addresses (the bitmap's size). Offset 0 is the first usable
 * address (10.96.0.1 in 10.96.0.0/12). The range is split at
 * `min(max(16, size/16), 256)`: dynamic allocation prefers the upper band and
 * leaves the lower band to clients that ask for an address
 * (KEP-3070, "reserved ranges for static allocation").
 *
 * Kubernetes picks a random free offset in the preferred band; chronokube
 * picks the lowest free one, so the same history allocates the same
 * addresses on every run (a pure function of what is allocated).
 *
 * @example
 * const r = parseIpRange('10.96.0.0/12');
 * r.ipAt(0);            // '10.96.0.1'
 * r.offsetOf('10.96.1.1'); // 256 (the first address of the dynamic band)
 */
import ipaddr from 'ipaddr.js';
import { parseIpSloppy as parseIp, type IpFamily } from '../../model/index.js';

export type { IpFamily };

export interface IpRange {
  /** The CIDR as configured (normalised: `10.96.0.0/12`). */
  readonly cidr: string;
  readonly family: IpFamily;
  /** Number of allocatable addresses. */
  readonly size: number;
  /** Start of the dynamic band: offsets below it are allocated only on request. */
  readonly dynamicStart: number;
  /** The offset of `ip` when it is allocatable in this range, else undefined. */
  offsetOf(ip: string): number | undefined;
  /** The address at `offset` (Go's textual form). */
  ipAt(offset: number): string;
  /** The network address (what a dry run shows for an address it did not allocate). */
  readonly network: string;
}

function toBig(bytes: readonly number[]): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function fromBig(n: bigint, length: number): number[] {
  const out = new Array<number>(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** `min(max(16, size/16), 256)`, 0 for ranges of 16 addresses or fewer (ipallocator's calculateRangeOffset). */
export function ipRangeOffset(cidrSize: bigint): number {
  if (cidrSize <= 16n) return 0;
  const offset = cidrSize / 16n;
  if (offset < 16n) return 16;
  if (offset > 256n) return 256;
  return Number(offset);
}

/** Parses a service CIDR; throws an Error naming it when it is not one. */
export function parseIpRange(cidr: string): IpRange {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    throw new Error(`invalid service CIDR ${JSON.stringify(cidr)}`);
  }
  const [addr, prefix] = parsed;
  const family: IpFamily = addr.kind() === 'ipv4' ? 'IPv4' : 'IPv6';
  const bits = family === 'IPv4' ? 32 : 128;
  const length = bits / 8;
  const hostBits = BigInt(bits - prefix);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << hostBits) - 1n);
  const networkBig = toBig(addr.toByteArray()) & mask;
  const cidrSize = 1n << hostBits;
  let max = family === 'IPv6' && cidrSize > 65536n ? 65536n : cidrSize;
  if (family === 'IPv4') max -= 1n; // the broadcast address
  max -= 1n; // the network address
  const size = max < 0n ? 0 : Number(max);
  const base = networkBig + 1n;
  const text = (n: bigint): string => ipaddr.fromByteArray(fromBig(n, length)).toString();
  const network = text(networkBig);
  return {
    cidr: `${network}/${prefix}`,
    family,
    size,
    dynamicStart: ipRangeOffset(cidrSize),
    network,
    ipAt: (offset) => text(base + BigInt(offset)),
    offsetOf: (ip) => {
      const a = parseIp(ip);
      if (a === undefined || (a.kind() === 'ipv4') !== (family === 'IPv4')) return undefined;
      const n = toBig(a.toByteArray());
      if ((n & mask) !== networkBig) return undefined;
      const offset = n - base;
      return offset < 0n || offset >= max ? undefined : Number(offset);
    },
  };
}

/**
 * The lowest free offset of the dynamic band, else of the static band
 * (skipping offset 0, which the `kubernetes` Service holds); undefined when
 * the range is full. `taken` holds allocated offsets.
 */
export function nextFreeOffset(size: number, dynamicStart: number, taken: ReadonlySet<number>, first = 0): number | undefined {
  for (let o = Math.max(dynamicStart, first); o < size; o++) if (!taken.has(o)) return o;
  for (let o = first; o < Math.min(dynamicStart, size); o++) if (!taken.has(o)) return o;
  return undefined;
}
