/**
 * The two ways a sync ends in Kubernetes 1.32 (sync.go and progress.go):
 * `syncDeploymentStatus` (scaling events, paused Deployments, deletion:
 * counts and Available only) and `syncRolloutStatus` (rollouts: also the
 * Progressing estimate, the ReplicaSets' ReplicaFailure condition, and a
 * progress-deadline re-check when nothing moved).
 */
import type { DeploymentCondition, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { ReconcileResult } from '../controller.js';
import type { DeploymentSync } from './deployment-sync.js';
import { estimateProgress, removeCondition, setCondition, stuckRequeueMs } from './progress.js';
import { calculateStatus } from './status.js';

export function syncDeploymentStatus(s: DeploymentSync, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): ReconcileResult {
  s.d.status = calculateStatus(allRSs, newRS, s.d, s.now);
  return s.finish();
}

/** `getReplicaFailures`: the new ReplicaSet's ReplicaFailure condition first, else an old one's. */
function replicaFailure(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition | undefined {
  const ordered = newRS === undefined ? allRSs : [newRS, ...allRSs.filter((rs) => rs !== newRS)];
  for (const rs of ordered) {
    const c = rs?.status?.conditions?.find((x) => x.type === 'ReplicaFailure');
    if (c !== undefined) {
      return {
        type: 'ReplicaFailure',
        status: c.status,
        ...(c.lastTransitionTime === undefined ? {} : { lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime }),
        ...(c.reason === undefined ? {} : { reason: c.reason }),
        ...(c.message === undefined ? {} : { message: c.message }),
      };
    }
  }
  return undefined;
}

export function syncRolloutStatus(s: DeploymentSync, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): ReconcileResult {
  const next = calculateStatus(allRSs, newRS, s.d, s.now);
  estimateProgress(s.d, next, newRS, s.now);
  const failure = replicaFailure(allRSs, newRS);
  if (failure !== undefined) setCondition(next, failure);
  else removeCondition(next, 'ReplicaFailure');
  const requeue = stuckRequeueMs(s.d, next, s.now);
  s.d.status = next;
  return s.finish(requeue);
}
