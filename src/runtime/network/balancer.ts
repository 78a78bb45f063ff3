/**
 * kube-proxy's choice among a Service port's usable endpoints, with the
 * state it keeps between connections:
 * - `random` (iptables mode, the default: `-m statistic --mode random`, so
 *   each endpoint is equally likely) drawing from a seeded `Random`;
 * - `round-robin` (IPVS mode's default `rr` scheduler): a cursor per
 *   Service port, over the endpoints sorted by IP;
 * - `sessionAffinity: ClientIP`: a client keeps its endpoint while it stays
 *   usable and it connects again within `timeoutSeconds` (default 10800 s,
 *   3 hours) of its last connection (iptables `recent` refreshes on use).
 * Deterministic: same seed and same requests, same choices.
 */
import type { Random } from '../../model/index.js';
import type { Backend } from './service-backends.js';

export const DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10_800;

export type BalanceMode = 'random' | 'round-robin';

export interface Balancer {
  readonly mode: BalanceMode;
  /** Picks one of `backends` (non-empty) for a connection to `servicePortKey` from `clientIP` at `now` ms. */
  pick(servicePortKey: string, backends: readonly Backend[], opts: { readonly clientIP?: string; readonly now: number; readonly affinityTimeoutMs?: number }): Backend;
}

export function createBalancer(mode: BalanceMode, random: Random): Balancer {
  const cursors = new Map<string, number>();
  const sticky = new Map<string, { ip: string; port: number; lastUsed: number }>();
  const choose = (key: string, backends: readonly Backend[]): Backend => {
    if (mode === 'round-robin') {
      const i = (cursors.get(key) ?? 0) % backends.length;
      cursors.set(key, i + 1);
      return backends[i] as Backend;
    }
    return backends[random.int(backends.length)] as Backend;
  };
  return {
    mode,
    pick(key, backends, { clientIP, now, affinityTimeoutMs }) {
      if (clientIP === undefined || affinityTimeoutMs === undefined) return choose(key, backends);
      const sk = `${key}\u0000${clientIP}`;
      const prev = sticky.get(sk);
      const kept = prev !== undefined && now - prev.lastUsed <= affinityTimeoutMs ? backends.find((b) => b.ip === prev.ip && b.port === prev.port) : undefined;
      const chosen = kept ?? choose(key, backends);
      sticky.set(sk, { ip: chosen.ip, port: chosen.port, lastUsed: now });
      return chosen;
    },
  };
}
