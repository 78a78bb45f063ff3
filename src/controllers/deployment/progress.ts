/**
 * Deployment conditions and progress estimation, as Kubernetes 1.32's
 * deployment/util (`NewDeploymentCondition`, `SetDeploymentCondition`,
 * `DeploymentComplete`, `DeploymentProgressing`, `DeploymentTimedOut`) and
 * progress.go (`syncRolloutStatus`'s Progressing decisions,
 * `requeueStuckDeployment`).
 *
 * Times are RFC 3339 with whole seconds, as metav1.Time serialises, so a
 * deadline is measured from the second the condition was last updated.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { MAX_INT32, Reason } from './names.js';
import { desiredReplicas } from './rolling-update.js';

export interface Now {
  /** Unix milliseconds. */
  readonly ms: number;
  /** The same instant as metav1.Time writes it. */
  readonly stamp: string;
}

export function nowOf(epoch: number, now: number): Now {
  const ms = epoch + now;
  return { ms, stamp: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

export function newCondition(type: string, status: string, reason: string, message: string, now: Now): DeploymentCondition {
  return { type, status, lastUpdateTime: now.stamp, lastTransitionTime: now.stamp, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** `SetDeploymentCondition`: same status and reason is a no-op; same status keeps lastTransitionTime; the condition moves to the end. */
export function setCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const current = getCondition(status, cond.type);
  if (current !== undefined && current.status === cond.status && current.reason === cond.reason) return;
  const keep = current !== undefined && current.status === cond.status;
  const next: DeploymentCondition = keep ? { ...cond } : cond;
  if (keep) {
    if (current.lastTransitionTime === undefined) delete next.lastTransitionTime;
    else next.lastTransitionTime = current.lastTransitionTime;
  }
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length === 0) delete status.conditions;
  else status.conditions = rest;
}

/** `HasProgressDeadline`: set and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== MAX_INT32;
}

/** `DeploymentComplete`: every replica updated and available, and the newest generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/** `DeploymentProgressing`: more updated, fewer old, more ready or more available replicas than the stored status says. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0)
  );
}

const secondsMs = (stamp: string | undefined): number => (stamp === undefined ? 0 : Date.parse(stamp));

/** `DeploymentTimedOut`: the Progressing condition was last updated more than progressDeadlineSeconds ago. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: Now): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (c === undefined || c.reason === Reason.NewRSAvailable) return false;
  if (c.reason === Reason.TimedOut) return true;
  return secondsMs(c.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < now.ms;
}

/**
 * The Progressing condition `syncRolloutStatus` leaves in `next` (mutated):
 * NewReplicaSetAvailable once complete, ReplicaSetUpdated on any progress
 * (lastUpdateTime moves, lastTransitionTime kept while True),
 * ProgressDeadlineExceeded once the deadline has passed. Nothing is
 * estimated once the rollout has completed (one ReplicaSet, already
 * NewReplicaSetAvailable), and without a deadline the condition is removed.
 */
export function estimateProgress(d: Deployment, next: DeploymentStatus, newRS: ReplicaSet | undefined, now: Now): void {
  if (!hasProgressDeadline(d)) {
    removeCondition(next, 'Progressing');
    return;
  }
  const current = getCondition(d.status, 'Progressing');
  const complete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === Reason.NewRSAvailable;
  if (complete) return;
  const name = d.metadata?.name ?? '';
  const subject = newRS === undefined ? `Deployment "${name}"` : `ReplicaSet "${newRS.metadata?.name ?? ''}"`;
  if (deploymentComplete(d, next)) {
    setCondition(next, newCondition('Progressing', 'True', Reason.NewRSAvailable, `${subject} has successfully progressed.`, now));
  } else if (deploymentProgressing(d, next)) {
    const cond = newCondition('Progressing', 'True', Reason.ReplicaSetUpdated, `${subject} is progressing.`, now);
    if (current !== undefined) {
      if (current.status === 'True' && current.lastTransitionTime !== undefined) cond.lastTransitionTime = current.lastTransitionTime;
      removeCondition(next, 'Progressing');
    }
    setCondition(next, cond);
  } else if (deploymentTimedOut(d, next, now)) {
    setCondition(next, newCondition('Progressing', 'False', Reason.TimedOut, `${subject} has timed out progressing.`, now));
  }
}

/**
 * `requeueStuckDeployment`: when a rollout with a deadline shows no
 * progress, check again once the deadline has passed. Kubernetes waits
 * `lastUpdateTime + deadline - now + 1s`; when under a second is left it
 * re-queues rate-limited, which here is 1 ms after the deadline. When the
 * deadline has already passed and still nothing times out (a Progressing
 * condition of reason NewReplicaSetAvailable never does), Kubernetes keeps
 * re-queueing rate-limited — its per-item back-off is reset by every
 * successful sync, so the controller queue's overall 10 per second bucket
 * paces it: every 100 ms, not a busy loop at one virtual instant.
 */
export function stuckRequeueMs(d: Deployment, next: DeploymentStatus, now: Now): number | undefined {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || current === undefined) return undefined;
  if (deploymentComplete(d, next) || current.reason === Reason.TimedOut) return undefined;
  const deadline = secondsMs(current.lastUpdateTime) + (d.spec?.progressDeadlineSeconds ?? 0) * 1000;
  const after = deadline - now.ms;
  if (after < 0) return RATE_LIMITED_REQUEUE_MS;
  return after < 1000 ? after + 1 : after + 1000;
}

/** The default controller rate limiter's steady pace for one key re-queued after every successful sync (10 qps bucket). */
export const RATE_LIMITED_REQUEUE_MS = 100;
