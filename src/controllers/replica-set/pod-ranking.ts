/**
 * Which surplus pods a ReplicaSet deletes first: Kubernetes 1.32
 * `controller.ActivePodsWithRanks.Less` (pkg/controller/controller_utils.go)
 * with the LogarithmicScaleDown and PodDeletionCost gates on (their 1.32
 * defaults), and `getPodsToDelete` / `getPodsRankedByRelatedPodsOnSameNode`
 * (pkg/controller/replicaset/replica_set.go). The least valuable pod sorts
 * first:
 *
 * 1. unassigned before assigned;
 * 2. Pending, then Unknown, then Running (any other phase counts as Pending);
 * 3. not ready before ready;
 * 4. lower `controller.kubernetes.io/pod-deletion-cost` first;
 * 5. higher rank first (rank = active related pods on the same node);
 * 6. both ready: ready for less time first, compared on a log2 scale of
 *    nanoseconds before now (equal scale: lower uid first);
 * 7. more container restarts first;
 * 8. newer first, on the same log2 scale (equal scale: lower uid first).
 *
 * Go's `sort.Sort` is not stable; here ties keep the input order (pods
 * sorted by key), so the choice is deterministic.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodActive, isPodReady, maxContainerRestarts, readySinceMs, unixMs } from './pod-state.js';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** The pod-deletion-cost annotation as an int32; 0 when absent or invalid, as Kubernetes reads it. */
export function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^(0|[1-9][0-9]*|-[0-9]+)$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** floor(log2(duration in ns)) of `now - t`, or -1 when not positive (`logarithmicRankDiff`). */
function logRank(tMs: number, nowMs: number): number {
  const ns = (nowMs - tMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** Go's `afterOrZero`: a zero (unknown) time counts as after any known time. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/** Less for two timestamps (newer first), logarithmic when both are known. */
function newerFirst(a: Pod, ta: number | undefined, b: Pod, tb: number | undefined, nowMs: number): boolean {
  if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
  const diff = logRank(ta, nowMs) - logRank(tb, nowMs);
  if (diff === 0) return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '');
  return diff < 0;
}

export interface RankedPod {
  readonly pod: Pod;
  readonly rank: number;
}

/** `ActivePodsWithRanks.Less`: true when `a` should be deleted before `b`. */
export function deleteBefore(a: RankedPod, b: RankedPod, nowMs: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0;
  const ob = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0;
  if (oa !== ob) return oa < ob;
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return !ra;
  const ca = deletionCost(pa);
  const cb = deletionCost(pb);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (ra && rb) {
    const ta = readySinceMs(pa);
    const tb = readySinceMs(pb);
    if (ta !== tb) return newerFirst(pa, ta, pb, tb, nowMs);
  }
  const xa = maxContainerRestarts(pa);
  const xb = maxContainerRestarts(pb);
  if (xa !== xb) return xa > xb;
  const ka = unixMs(pa.metadata?.creationTimestamp);
  const kb = unixMs(pb.metadata?.creationTimestamp);
  if (ka !== kb) return newerFirst(pa, ka, pb, kb, nowMs);
  return false;
}

/**
 * Ranks each pod by the number of active `related` pods on its node.
 * `related` is every pod selected by a ReplicaSet with the same controller
 * (a Deployment's ReplicaSets); for a ReplicaSet without a controller it is
 * empty, so every rank is 0, as in Kubernetes.
 */
export function rankByRelatedPodsOnSameNode(pods: readonly Pod[], related: readonly Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  return pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
}

/** The `count` pods to delete, least valuable first; all of them (unsorted) when every pod goes. */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const ranked = rankByRelatedPodsOnSameNode(pods, related);
  ranked.sort((a, b) => (deleteBefore(a, b, nowMs) ? -1 : deleteBefore(b, a, nowMs) ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.pod);
}
