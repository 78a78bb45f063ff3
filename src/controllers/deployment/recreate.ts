/**
 * The Recreate strategy (Kubernetes 1.32 recreate.go): scale every old
 * ReplicaSet to 0; wait until no old pod is left that is not Succeeded or
 * Failed (terminating pods count, as do Unknown ones) and the old
 * ReplicaSets report no replicas; only then create the new ReplicaSet
 * (at full size) or scale it up.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ReconcileResult } from '../controller.js';
import type { DeploymentSync } from './deployment-sync.js';
import { replicaSetsToCleanUp } from './cleanup.js';
import { deploymentComplete } from './progress.js';
import { actualSum, activeOnly, specReplicas } from './replica-sets.js';
import { desiredReplicas } from './rolling-update.js';
import { deleteReplicaSets } from './rollout-rolling.js';
import { syncRolloutStatus } from './status-sync.js';

/** `oldPodsRunning`. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: ReadonlyMap<string, readonly Pod[]>): boolean {
  if (actualSum(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS !== undefined && newRS.metadata?.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

export function rolloutRecreate(s: DeploymentSync): ReconcileResult {
  let { newRS, oldRSs } = s.getAll(false);
  let allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of activeOnly(oldRSs)) {
    if (specReplicas(rs) !== 0 && s.scaleAndRecord(rs, 0)) scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(s, allRSs, newRS);
  if (oldPodsRunning(newRS, oldRSs, s.podMap)) return syncRolloutStatus(s, allRSs, newRS);
  if (newRS === undefined) {
    ({ newRS, oldRSs } = s.getAll(true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS !== undefined) s.scaleAndRecord(newRS, desiredReplicas(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) deleteReplicaSets(s, replicaSetsToCleanUp(s.d, oldRSs));
  return syncRolloutStatus(s, allRSs, newRS);
}
