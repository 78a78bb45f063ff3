/**
 * Proportional scaling (Kubernetes 1.32 `DeploymentController.scale` with
 * deployment/util's `GetProportion`, `FindActiveOrLatest`, `IsSaturated`):
 * when a Deployment is resized in the middle of a rollout, the replicas
 * added or removed are shared among the active ReplicaSets in proportion
 * to their size, from the largest to the smallest (equal sizes: newer
 * first when growing, older first when shrinking), and what rounding
 * leaves over goes to the largest.
 *
 * `planScale` is pure: it returns the target size of each ReplicaSet it
 * would touch, and `scale.ts`-style callers turn that into writes.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { DESIRED_REPLICAS, MAX_REPLICAS } from './names.js';
import { activeOnly, bySizeNewer, bySizeOlder, olderFirst, specReplicas, specSum } from './replica-sets.js';
import { desiredReplicas, isRollingUpdate, maxSurge } from './rolling-update.js';

/** An integer annotation; undefined when absent or not an int32 (`getIntFromAnnotation`). */
export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/** Go's `math.Round` (half away from zero) then int32. */
const roundToInt = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** `getReplicaSetFraction`: how much this ReplicaSet grows or shrinks when the Deployment's max size changes. */
export function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = specReplicas(rs);
  if (desiredReplicas(d) === 0) return -replicas;
  const deploymentMax = desiredReplicas(d) + maxSurge(d);
  // Without the annotation Kubernetes falls back to the Deployment's current size.
  const before = intAnnotation(rs, MAX_REPLICAS) ?? d.status?.replicas ?? 0;
  // Go would divide by zero here; nothing sensible can be estimated, so the ReplicaSet keeps its size.
  if (before === 0) return 0;
  return roundToInt((replicas * deploymentMax) / before) - replicas;
}

/** `GetProportion`: the fraction, capped by what is left to add (up) or remove (down). */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (rs === undefined || specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** `FindActiveOrLatest`: the only active ReplicaSet, or the newest when none is active; undefined when several are. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => olderFirst(b, a));
  const active = activeOnly([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** `IsSaturated`: the new ReplicaSet runs all desired replicas, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS);
  if (desired === undefined) return false;
  const want = desiredReplicas(d);
  return specReplicas(rs) === want && desired === want && (rs.status?.availableReplicas ?? 0) === want;
}

export interface ScaleStep {
  readonly rs: ReplicaSet;
  readonly size: number;
  /** `up`, `down`, or '' when the sizes stay (annotations only), as the event's wording. */
  readonly operation: 'up' | 'down' | '';
}

/**
 * The proportional part of `scale`: every active ReplicaSet (new and old)
 * with its new size, in the order Kubernetes writes them. Empty unless the
 * strategy is RollingUpdate.
 */
export function proportionalSizes(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ScaleStep[] {
  if (!isRollingUpdate(d)) return [];
  const all = activeOnly([...oldRSs, newRS]);
  const allowed = desiredReplicas(d) > 0 ? desiredReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowed - specSum(all);
  let operation: ScaleStep['operation'] = '';
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    const p = getProportion(rs, d, toAdd, added);
    added += p;
    return specReplicas(rs) + p;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, (sizes[0] ?? 0) + toAdd - added);
  return all.map((rs, i) => ({ rs, size: sizes[i] ?? 0, operation }));
}
