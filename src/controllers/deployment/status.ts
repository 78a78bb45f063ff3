/**
 * The Deployment's status, as Kubernetes 1.32 `calculateStatus`
 * (pkg/controller/deployment/sync.go) computes it from its ReplicaSets:
 *
 * - `replicas`: the sum of the ReplicaSets' status.replicas;
 *   `updatedReplicas`: the new ReplicaSet's; `readyReplicas`,
 *   `availableReplicas`: sums of theirs;
 * - `unavailableReplicas`: the sum of spec.replicas minus available, never
 *   below 0;
 * - `observedGeneration`, `collisionCount` carried over;
 * - `Available` True (MinimumReplicasAvailable, "Deployment has minimum
 *   availability.") when available ≥ replicas − maxUnavailable, else False
 *   (MinimumReplicasUnavailable, "Deployment does not have minimum
 *   availability.").
 *
 * Zero counts are left out, as the Go struct's `omitempty` writes them, so
 * a status read back compares equal to one computed.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Now } from './progress.js';
import { newCondition, setCondition } from './progress.js';
import { Reason } from './names.js';
import { actualSum, availableSum, readySum, specSum } from './replica-sets.js';
import { desiredReplicas, maxUnavailable } from './rolling-update.js';

/** Drops zero and absent fields, as the API's JSON of a Go DeploymentStatus has them. */
export function normalizeStatus(s: DeploymentStatus | undefined): DeploymentStatus {
  const out: Record<string, unknown> = {};
  const src = (s ?? {}) as Record<string, unknown>;
  for (const k of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) {
    const v = src[k];
    if (typeof v === 'number' && v !== 0) out[k] = v;
  }
  if (s?.conditions !== undefined && s.conditions.length > 0) out['conditions'] = s.conditions.map((c) => ({ ...c }));
  if (s?.collisionCount !== undefined) out['collisionCount'] = s.collisionCount;
  return out as DeploymentStatus;
}

/** `reflect.DeepEqual` of two statuses, after normalising. */
export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return JSON.stringify(normalizeStatus(a)) === JSON.stringify(normalizeStatus(b));
}

export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: Now): DeploymentStatus {
  const available = availableSum(allRSs);
  const unavailable = Math.max(0, specSum(allRSs) - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 0,
    replicas: actualSum(allRSs),
    updatedReplicas: actualSum([newRS]),
    readyReplicas: readySum(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    ...(d.status?.collisionCount === undefined ? {} : { collisionCount: d.status.collisionCount }),
    ...(d.status?.conditions === undefined ? {} : { conditions: d.status.conditions.map((c) => ({ ...c })) }),
  };
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', Reason.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', Reason.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}
