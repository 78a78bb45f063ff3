/**
 * The NodePort range (`--service-node-port-range`, default 30000-32767) as
 * Kubernetes 1.32's port allocator sees it
 * (pkg/registry/core/service/portallocator): every port of the range is
 * allocatable; dynamic allocation prefers the ports above
 * `min(max(16, size/32), 128)` from the base (30086-32767 by default) and
 * leaves the lower band to clients that ask for a port (KEP-3668). As for
 * IPs, chronokube takes the lowest free port where Kubernetes takes a random
 * one.
 *
 * @example
 * const r = parsePortRange('30000-32767');
 * r.size;         // 2768
 * r.dynamicStart; // 86 (port 30086)
 */
export interface PortRange {
  readonly base: number;
  readonly size: number;
  readonly dynamicStart: number;
  /** `30000-32767`, as Kubernetes prints it in its messages. */
  readonly text: string;
  contains(port: number): boolean;
}

export const DEFAULT_NODE_PORT_RANGE = '30000-32767';

/** `min(max(16, size/32), 128)`, 0 for ranges of 16 ports or fewer (portallocator's calculateRangeOffset). */
export function portRangeOffset(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

/** Parses `FROM-TO` (or `FROM+COUNT`, as Kubernetes also accepts); throws an Error when it is not a port range. */
export function parsePortRange(text: string): PortRange {
  const m = /^(\d+)(?:([-+])(\d+))?$/.exec(text.trim());
  if (m === null) throw new Error(`invalid port range ${JSON.stringify(text)}`);
  const base = Number(m[1]);
  const other = m[3] === undefined ? undefined : Number(m[3]);
  const size = other === undefined ? 1 : m[2] === '+' ? other + 1 : other - base + 1;
  if (base < 0 || base > 65535 || size < 1 || base + size - 1 > 65535) throw new Error(`invalid port range ${JSON.stringify(text)}`);
  return {
    base,
    size,
    dynamicStart: portRangeOffset(size),
    text: `${base}-${base + size - 1}`,
    contains: (port) => Number.isInteger(port) && port >= base && port < base + size,
  };
}
