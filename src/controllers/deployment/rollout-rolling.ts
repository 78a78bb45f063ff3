/**
 * The RollingUpdate strategy (Kubernetes 1.32 rolling.go): create the new
 * ReplicaSet if needed, grow it as far as maxSurge allows
 * (`reconcileNewReplicaSet`); if it did not grow, shrink the old ones as
 * far as maxUnavailable allows (`reconcileOldReplicaSets`: first their
 * unavailable replicas, `cleanupUnhealthyReplicas`, then available ones,
 * `scaleDownOldReplicaSetsForRollingUpdate`, oldest first); once complete,
 * delete old ReplicaSets beyond revisionHistoryLimit.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { ReconcileResult } from '../controller.js';
import type { DeploymentSync } from './deployment-sync.js';
import { replicaSetsToCleanUp } from './cleanup.js';
import { deploymentComplete } from './progress.js';
import { activeOnly, availableSum, olderFirst, specReplicas, specSum } from './replica-sets.js';
import { desiredReplicas, maxUnavailable, newRSNewReplicas } from './rolling-update.js';
import { syncRolloutStatus } from './status-sync.js';

export function deleteReplicaSets(s: DeploymentSync, rss: readonly ReplicaSet[]): void {
  for (const rs of rss) {
    s.commands.push({ type: 'delete', ref: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: rs.metadata?.namespace ?? '', name: rs.metadata?.name ?? '' } });
  }
}

export function reconcileNewReplicaSet(s: DeploymentSync, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  const desired = desiredReplicas(s.d);
  if (specReplicas(newRS) === desired) return false;
  if (specReplicas(newRS) > desired) return s.scaleAndRecord(newRS, desired);
  return s.scaleAndRecord(newRS, newRSNewReplicas(s.d, allRSs, newRS));
}

/** How many old replicas may go now: total − (replicas − maxUnavailable) − the new ReplicaSet's unavailable ones. */
export function maxScaledDown(allPods: number, desired: number, maxUnavail: number, newRS: ReplicaSet): number {
  const minAvailable = desired - maxUnavail;
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  return allPods - minAvailable - newUnavailable;
}

/** `cleanupUnhealthyReplicas`: scale old ReplicaSets down by their unavailable replicas, oldest first, up to `maxCleanup`. */
export function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], maxCleanup: number): number {
  oldRSs.sort(olderFirst);
  let total = 0;
  for (const rs of oldRSs) {
    if (total >= maxCleanup) break;
    const replicas = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    s.scaleAndRecord(rs, replicas - count);
    total += count;
  }
  return total;
}

/** `scaleDownOldReplicaSetsForRollingUpdate`: scale old ReplicaSets down by the available replicas above the minimum, oldest first. */
export function scaleDownOldForRollingUpdate(s: DeploymentSync, allRSs: readonly ReplicaSet[], oldRSs: ReplicaSet[]): number {
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const available = availableSum(allRSs);
  if (available <= minAvailable) return 0;
  oldRSs.sort(olderFirst);
  const target = available - minAvailable;
  let total = 0;
  for (const rs of oldRSs) {
    if (total >= target) break;
    if (specReplicas(rs) === 0) continue;
    const count = Math.min(specReplicas(rs), target - total);
    s.scaleAndRecord(rs, specReplicas(rs) - count);
    total += count;
  }
  return total;
}

export function reconcileOldReplicaSets(s: DeploymentSync, allRSs: readonly ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (specSum(oldRSs) === 0) return false;
  const room = maxScaledDown(specSum(allRSs), desiredReplicas(s.d), maxUnavailable(s.d), newRS);
  if (room <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(s, oldRSs, room);
  const scaledDown = scaleDownOldForRollingUpdate(s, [...oldRSs, newRS], oldRSs);
  return cleaned + scaledDown > 0;
}

export function rolloutRolling(s: DeploymentSync): ReconcileResult {
  const { newRS, oldRSs } = s.getAll(true);
  if (newRS === undefined) throw new Error('rolloutRolling: no new ReplicaSet after creating it');
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(s, allRSs, newRS)) return syncRolloutStatus(s, allRSs, newRS);
  if (reconcileOldReplicaSets(s, allRSs, activeOnly(oldRSs), newRS)) return syncRolloutStatus(s, allRSs, newRS);
  if (deploymentComplete(s.d, s.d.status ?? {})) deleteReplicaSets(s, replicaSetsToCleanUp(s.d, oldRSs));
  return syncRolloutStatus(s, allRSs, newRS);
}
