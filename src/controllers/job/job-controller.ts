/**
 * The Job controller (batch/v1), as kube-controller-manager 1.32's `job`
 * controller syncs a Job (`syncJob`): count the pods, decide whether the Job
 * failed (backoffLimit, activeDeadlineSeconds) or succeeded, otherwise keep
 * the wanted number of pods active (with the pod-failure back-off), then
 * write the status with the finalizer-based counting.
 *
 * Differences from Kubernetes, all because a reconcile reads the store at
 * its current revision: no expectations (the view already holds this
 * controller's own writes); the back-off record is rebuilt from the pods
 * (job-backoff.ts); pod events wake the Job at once rather than batched by
 * `syncJobBatchPeriod` (1 s). `SuccessfulCreate` is recorded by the next
 * sync, once the API has named the pod. No adoption of orphans (the
 * selector is generated from the Job's uid, so only its own pods match),
 * no podFailurePolicy, successPolicy or backoffLimitPerIndex.
 *
 * Level-triggered; may be called many times for one change.
 *
 * @example
 * manager.add(jobController);
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { refOf } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, ReconcileContext, ReconcileResult } from '../controller.js';

import { recordEvent } from '../events.js';
import { parseIndexes } from './completed-indexes.js';
import { SYNC_JOB_BATCH_PERIOD_MS, backoffRecord, remainingBackoffMs } from './job-backoff.js';
import { BACKOFF_LIMIT_EXCEEDED, COMPLETIONS_REACHED, DEADLINE_EXCEEDED, ensureCondition, findCondition, isJobFinished, newCondition } from './job-conditions.js';
import { createdPodEvents, jobPods, orphanFinalizerRemovals, removeFinalizerCommand } from './job-owned-pods.js';
import { completionIndex, hasTrackingFinalizer, isActive, isPodFailed, isReady, isTerminating, pastBackoffLimitOnFailure, rfc3339, unixMs } from './job-pods.js';
import { isIndexed, manageJob } from './manage-job.js';
import { trackJobStatus } from './track-job-status.js';

export const JOB_COMPONENT = 'job-controller';

export function syncJob(key: string, view: StateView, ctx: ReconcileContext): ReconcileResult {
  const obj = view.get(key);
  if (obj === undefined) return { commands: orphanFinalizerRemovals(view, key) };
  const job = obj as unknown as Job;
  const pods = jobPods(view, job);
  // A finished Job is not synced again; pods that still hold the finalizer are orphan-cleaned.
  if (isJobFinished(job)) return { commands: pods.filter(hasTrackingFinalizer).map(removeFinalizerCommand) };
  const event = (type: 'Normal' | 'Warning', reason: string, message: string): Command =>
    recordEvent(view, ctx, { object: obj, type, reason, message, component: JOB_COMPONENT });
  const mode = job.spec?.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    return { commands: [event('Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown')] };
  }
  const nowUnix = ctx.epoch + ctx.now;
  const stamp = rfc3339(nowUnix);
  const suspended = job.spec?.suspend === true;
  const indexed = isIndexed(job);
  const completions = job.spec?.completions ?? 0;
  const commands: Command[] = createdPodEvents(view, ctx, obj, pods);
  let requeue: number | undefined;
  const requeueAfter = (ms: number): void => {
    requeue = Math.min(requeue ?? Infinity, ms);
  };

  const status: JobStatus = structuredClone(job.status ?? {});
  const uncountedS = new Set(status.uncountedTerminatedPods?.succeeded ?? []);
  const uncountedF = new Set(status.uncountedTerminatedPods?.failed ?? []);
  let active = pods.filter(isActive);
  let ready = active.filter(isReady).length;
  let terminating = pods.filter(isTerminating).length;
  const valid = (p: Pod): boolean => !indexed || ((completionIndex(p) ?? completions) < completions);
  const uncountedPod = (p: Pod, set: Set<string>): boolean => hasTrackingFinalizer(p) && !set.has(p.metadata?.uid ?? '') && valid(p);
  const newSucceeded = pods.filter((p) => uncountedPod(p, uncountedS) && p.status?.phase === 'Succeeded');
  const newFailed = pods.filter((p) => uncountedPod(p, uncountedF) && isPodFailed(p, job));
  let succeeded = (status.succeeded ?? 0) + newSucceeded.length + uncountedS.size;
  const failed = (status.failed ?? 0) + newFailed.length + uncountedF.size;
  if (status.startTime === undefined && !suspended) status.startTime = stamp;

  let finished: JobCondition | undefined = findCondition(job, 'SuccessCriteriaMet');
  if (finished?.status !== 'True') finished = undefined;
  if (finished === undefined) {
    const target = findCondition(job, 'FailureTarget');
    if (target?.status === 'True') finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', stamp);
  }
  if (finished === undefined) {
    const startedAt = unixMs(status.startTime) ?? nowUnix;
    const deadline = job.spec?.activeDeadlineSeconds;
    if (failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
      finished = newCondition('FailureTarget', 'True', BACKOFF_LIMIT_EXCEEDED.reason, BACKOFF_LIMIT_EXCEEDED.message, stamp);
    } else if (deadline !== undefined && !suspended && job.status?.startTime !== undefined && nowUnix - startedAt >= deadline * 1000) {
      finished = newCondition('FailureTarget', 'True', DEADLINE_EXCEEDED.reason, DEADLINE_EXCEEDED.message, stamp);
    } else if (deadline !== undefined && !suspended) {
      requeueAfter(deadline * 1000 - (nowUnix - startedAt));
    }
  }
  const prevSucceededIndexes = new Set(indexed ? parseIndexes(job.status?.completedIndexes, completions) : []);
  const succeededIndexes = new Set(prevSucceededIndexes);
  if (indexed) {
    for (const p of pods) {
      const ix = completionIndex(p);
      if (p.status?.phase === 'Succeeded' && ix !== undefined && ix < completions && hasTrackingFinalizer(p)) succeededIndexes.add(ix);
    }
    succeeded = succeededIndexes.size;
  }

  let suspendChanged = false;
  let activeCount = active.length;
  if (finished !== undefined) {
    // Remove active pods once the Job has failed (or met its success criteria).
    for (const p of active) commands.push(...deletePod(p, event));
    terminating += active.length;
    ready = 0;
    activeCount = 0;
    active = [];
  } else {
    const manageCalled = job.metadata?.deletionTimestamp === undefined;
    if (manageCalled) {
      const backoffMs = remainingBackoffMs(backoffRecord(job, pods), nowUnix);
      const plan = manageJob({ job, active, succeeded, terminating, succeededIndexes, backoffMs });
      // deleteJobPods: the finalizer goes first, so these pods are never counted as failed.
      for (const p of plan.deletes) commands.push(...(hasTrackingFinalizer(p) ? [removeFinalizerCommand(p)] : []), ...deletePod(p, event));
      for (const p of plan.creates) commands.push({ type: 'create', object: p });
      terminating += plan.deletes.length;
      ready -= plan.deletes.filter(isReady).length;
      activeCount = plan.active;
      if (plan.waitMs !== undefined) requeueAfter(Math.max(plan.waitMs, SYNC_JOB_BATCH_PERIOD_MS));
    }
    const complete = (job.spec?.completions ?? undefined) === undefined ? succeeded > 0 && activeCount === 0 : succeeded >= completions && activeCount === 0;
    if (complete) {
      finished = newCondition('SuccessCriteriaMet', 'True', COMPLETIONS_REACHED.reason, COMPLETIONS_REACHED.message, stamp);
    } else if (manageCalled) {
      const cond = suspended
        ? newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', stamp)
        : newCondition('Suspended', 'False', 'JobResumed', 'Job resumed', stamp);
      const next = ensureCondition(status.conditions ?? [], cond);
      if (next !== undefined) {
        status.conditions = next;
        suspendChanged = true;
        commands.push(event('Normal', suspended ? 'Suspended' : 'Resumed', suspended ? 'Job suspended' : 'Job resumed'));
        // ActiveDeadlineSeconds counts continuous activity: a resume restarts the clock.
        if (!suspended) status.startTime = stamp;
      }
    }
  }

  const old = job.status ?? {};
  const needsFlush =
    suspendChanged || activeCount !== (old.active ?? 0) || ready !== old.ready || terminating !== old.terminating || status.startTime !== old.startTime;
  status.active = activeCount;
  status.ready = ready;
  status.terminating = terminating;
  const tracked = trackJobStatus({ job, status, pods, finished, terminating, needsFlush, prevSucceededIndexes, succeededIndexes, stamp });
  commands.push(...tracked.commands);
  const f = tracked.finishedNow;
  if (f !== undefined) {
    if (f.type === 'Complete') {
      if (job.spec?.completions != null && (tracked.status.succeeded ?? 0) > job.spec.completions) {
        commands.push(event('Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached'));
      }
      commands.push(event('Normal', 'Completed', 'Job completed'));
    } else {
      commands.push(event('Warning', f.reason ?? '', f.message ?? ''));
    }
  }
  return requeue === undefined || f !== undefined ? { commands } : { commands, requeueAfterMs: Math.max(0, requeue) };
}

/** `podControl.DeletePod`: the delete and its `SuccessfulDelete` event. */
function deletePod(p: Pod, event: (type: 'Normal', reason: string, message: string) => Command): Command[] {
  return [{ type: 'delete', ref: refOf(p as KubeObject) }, event('Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name ?? ''}`)];
}

export const jobController: ControllerDefinition = {
  name: 'job',
  for: { group: 'batch', kind: 'Job' },
  owns: [{ group: '', kind: 'Pod' }],
  reconcile: syncJob,
};

