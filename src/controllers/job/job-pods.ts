/**
 * What the Job controller reads from its pods (pkg/controller/job, 1.32):
 * active (`controller.FilterActivePods`), terminating
 * (`controller.CountTerminatingPods`), "considered failed" (`isPodFailed`:
 * Failed, or deleted before succeeding unless only failed pods are
 * replaced), the `batch.kubernetes.io/job-tracking` finalizer that keeps a
 * finished pod until it is counted, the completion index, and when a pod
 * finished (`getFinishedTime`: latest container `finishedAt`, else the
 * deletion timestamp, else the creation time).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Job } from 'kubernetes-types/batch/v1.js';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/** Unix ms of an RFC 3339 stamp, undefined when absent or malformed. */
export function unixMs(stamp: string | undefined | null): number | undefined {
  if (stamp === undefined || stamp === null || stamp === '') return undefined;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? undefined : ms;
}

/** metav1.Time as JSON: RFC 3339, whole seconds. */
export function rfc3339(unix: number): string {
  return new Date(Math.floor(unix / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const terminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export function isActive(p: Pod): boolean {
  return !terminal(p) && p.metadata?.deletionTimestamp === undefined;
}

export function isTerminating(p: Pod): boolean {
  return !terminal(p) && p.metadata?.deletionTimestamp !== undefined;
}

export function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

export function hasTrackingFinalizer(p: Pod): boolean {
  return p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) === true;
}

/** `onlyReplaceFailedPods`: podReplacementPolicy Failed, or a podFailurePolicy. */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy !== undefined;
}

/** `isPodFailed`: deleted pods count as failed, so orphans that never reach Failed are counted. */
export function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return p.metadata?.deletionTimestamp !== undefined && p.status?.phase !== 'Succeeded';
}

/** The pod's completion index; undefined when missing or not a non-negative integer (`unknownCompletionIndex`). */
export function completionIndex(p: Pod): number | undefined {
  const v = p.metadata?.annotations?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `getFinishedTime`, in Unix ms. */
export function finishedTime(p: Pod): number {
  let latest: number | undefined;
  let allTerminated = true;
  for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
    const t = unixMs(cs.state?.terminated?.finishedAt);
    if (t === undefined) allTerminated = false;
    else latest = latest === undefined ? t : Math.max(latest, t);
  }
  if (allTerminated && latest !== undefined) return latest;
  return unixMs(p.metadata?.deletionTimestamp) ?? unixMs(p.metadata?.creationTimestamp) ?? 0;
}

/** Sum of container restarts of Pending/Running pods (`pastBackoffLimitOnFailure`, restartPolicy OnFailure only). */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const cs of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])]) restarts += cs.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/**
 * Deletion order (`controller.ActivePods`, simplified): unscheduled before
 * scheduled, Pending before Running, not ready before ready, more restarts
 * first, newer before older, then by name.
 */
export function deletionOrder(a: Pod, b: Pod): number {
  const rank = (p: Pod): number[] => [
    p.spec?.nodeName === undefined || p.spec.nodeName === '' ? 0 : 1,
    p.status?.phase === 'Pending' || p.status?.phase === undefined ? 0 : p.status.phase === 'Running' ? 2 : 1,
    isReady(p) ? 1 : 0,
    -Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount)),
    -(unixMs(p.metadata?.creationTimestamp) ?? 0),
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0);
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : (a.metadata?.name ?? '') > (b.metadata?.name ?? '') ? 1 : 0;
}
