/**
 * What the Deployment controller reads from its ReplicaSets, and the orders
 * it sorts them in (pkg/controller/controller_utils.go and
 * deployment/util, 1.32). Creation timestamps have one-second precision, so
 * ReplicaSets made in the same second tie and are ordered by name, as in
 * Kubernetes.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { REVISION } from './names.js';

export const specReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 1;
const createdMs = (rs: ReplicaSet): number => {
  const t = rs.metadata?.creationTimestamp;
  const ms = t === undefined ? NaN : Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000) * 1000;
};

/** `ReplicaSetsByCreationTimestamp.Less`: older first, then by name. */
export function olderFirst(a: ReplicaSet, b: ReplicaSet): number {
  const d = createdMs(a) - createdMs(b);
  if (d !== 0) return d;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** `ReplicaSetsBySizeOlder`: larger first; equal sizes older first (scaling down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : olderFirst(a, b);
}

/** `ReplicaSetsBySizeNewer`: larger first; equal sizes newer first (scaling up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  const d = specReplicas(b) - specReplicas(a);
  return d !== 0 ? d : olderFirst(b, a);
}

/** The revision annotation as a number; undefined when absent or not an integer (`Revision` errors). */
export function revisionOf(rs: ReplicaSet): number | undefined {
  const v = rs.metadata?.annotations?.[REVISION];
  if (v === undefined) return 0;
  return /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** `ReplicaSetsByRevision`: lower revision first, ties by creation. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const d = (revisionOf(a) ?? 0) - (revisionOf(b) ?? 0);
  return d !== 0 ? d : olderFirst(a, b);
}

/** `MaxRevision`: the highest revision among `rss` (0 when none). */
export function maxRevision(rss: readonly ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** `FilterActiveReplicaSets`: spec.replicas > 0. */
export const activeOnly = (rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] =>
  rss.filter((rs): rs is ReplicaSet => rs !== undefined && specReplicas(rs) > 0);

const sum = (rss: readonly (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number): number =>
  rss.reduce((n, rs) => (rs === undefined ? n : n + f(rs)), 0);

/** `GetReplicaCountForReplicaSets`: the sum of spec.replicas. */
export const specSum = (rss: readonly (ReplicaSet | undefined)[]): number => sum(rss, specReplicas);
/** `GetActualReplicaCountForReplicaSets`: the sum of status.replicas. */
export const actualSum = (rss: readonly (ReplicaSet | undefined)[]): number => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readySum = (rss: readonly (ReplicaSet | undefined)[]): number => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableSum = (rss: readonly (ReplicaSet | undefined)[]): number => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);
