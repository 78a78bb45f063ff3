/**
 * Scaling without rolling out (Kubernetes 1.32 sync.go `sync`, `scale`,
 * `isScalingEvent`): used for paused Deployments and when `spec.replicas`
 * changed. The only active ReplicaSet (or the newest, when none is active)
 * takes the whole size; a saturated new ReplicaSet sends the old ones to 0;
 * otherwise the change is shared proportionally (proportional-scaling.ts).
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { ReconcileResult } from '../controller.js';
import type { DeploymentSync } from './deployment-sync.js';
import { replicaSetsToCleanUp } from './cleanup.js';
import { DESIRED_REPLICAS } from './names.js';
import { findActiveOrLatest, intAnnotation, isSaturated, proportionalSizes } from './proportional-scaling.js';
import { activeOnly, specReplicas } from './replica-sets.js';
import { desiredReplicas } from './rolling-update.js';
import { deleteReplicaSets } from './rollout-rolling.js';
import { syncDeploymentStatus } from './status-sync.js';

/** `isScalingEvent`: an active ReplicaSet records a different desired size than `spec.replicas`. */
export function isScalingEvent(s: DeploymentSync): boolean {
  const { newRS, oldRSs } = s.getAll(false);
  if (newRS === undefined) return false;
  return activeOnly([...oldRSs, newRS]).some((rs) => {
    const desired = intAnnotation(rs, DESIRED_REPLICAS);
    return desired !== undefined && desired !== desiredReplicas(s.d);
  });
}

export function scale(s: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only !== undefined) {
    if (specReplicas(only) !== desiredReplicas(s.d)) s.scaleAndRecord(only, desiredReplicas(s.d));
    return;
  }
  if (isSaturated(s.d, newRS)) {
    for (const old of activeOnly(oldRSs)) s.scaleAndRecord(old, 0);
    return;
  }
  for (const step of proportionalSizes(s.d, newRS, oldRSs)) s.scaleReplicaSet(step.rs, step.size, step.operation);
}

/** `sync`: scale, clean up when paused, then write the status. */
export function syncScaling(s: DeploymentSync): ReconcileResult {
  const { newRS, oldRSs } = s.getAll(false);
  scale(s, newRS, oldRSs);
  if (s.d.spec?.paused === true) deleteReplicaSets(s, replicaSetsToCleanUp(s.d, oldRSs));
  return syncDeploymentStatus(s, [...oldRSs, newRS], newRS);
}
