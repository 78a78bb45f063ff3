/**
 * `trackJobStatusAndRemoveFinalizers` (pkg/controller/job, 1.32) as
 * commands, in Kubernetes' order:
 *
 * 1. finished pods still holding `batch.kubernetes.io/job-tracking` go to
 *    `status.uncountedTerminatedPods` (Indexed successes to
 *    `completedIndexes` instead), with the interim `FailureTarget` /
 *    `SuccessCriteriaMet` condition — a status update conditional on the
 *    Job's resourceVersion, sent when anything changed;
 * 2. their finalizers are removed (`$deleteFromPrimitiveList/finalizers`);
 * 3. uids whose pods lost the finalizer move to `succeeded` / `failed`, and
 *    the terminal condition (`completionTime` for Complete) is added once
 *    nothing is uncounted or terminating — an unconditional status update,
 *    since the first one changed the resourceVersion.
 *
 * The runtime stops a reconcile's commands at the first refusal, which is
 * Kubernetes' "flush partial progress and retry": the next reconcile reads
 * what got through. At most 500 pods are counted per sync (MaxUncountedPods).
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { refOf } from '../../model/index.js';
import { formatIndexes } from './completed-indexes.js';
import { ensureCondition, findCondition, newCondition } from './job-conditions.js';
import { JOB_TRACKING_FINALIZER, completionIndex, hasTrackingFinalizer, isPodFailed } from './job-pods.js';
import { isIndexed } from './manage-job.js';

export const MAX_UNCOUNTED_PODS = 500;

export interface TrackInput {
  readonly job: Job;
  /** The status so far (start time, active, ready, terminating, suspend conditions). */
  readonly status: JobStatus;
  readonly pods: readonly Pod[];
  /** `jobCtx.finishedCondition`: interim or terminal, undefined while running. */
  readonly finished: JobCondition | undefined;
  readonly terminating: number;
  readonly needsFlush: boolean;
  /** Indexed: previously completed indexes and all succeeded indexes. */
  readonly prevSucceededIndexes: ReadonlySet<number>;
  readonly succeededIndexes: ReadonlySet<number>;
  readonly stamp: string;
}

export interface TrackResult {
  readonly commands: readonly Command[];
  readonly status: JobStatus;
  /** The terminal condition added in this sync, for the Completed / Failed event. */
  readonly finishedNow?: JobCondition;
}

function moveUncountedWithoutFinalizer(status: JobStatus, withFinalizer: ReadonlySet<string>): boolean {
  const u = status.uncountedTerminatedPods ?? {};
  const keepS = (u.succeeded ?? []).filter((uid) => withFinalizer.has(uid));
  const keepF = (u.failed ?? []).filter((uid) => withFinalizer.has(uid));
  const movedS = (u.succeeded ?? []).length - keepS.length;
  const movedF = (u.failed ?? []).length - keepF.length;
  if (movedS === 0 && movedF === 0) return false;
  status.succeeded = (status.succeeded ?? 0) + movedS;
  status.failed = (status.failed ?? 0) + movedF;
  status.uncountedTerminatedPods = { ...(keepS.length > 0 ? { succeeded: keepS } : {}), ...(keepF.length > 0 ? { failed: keepF } : {}) };
  return true;
}

/** Go omits zero counters (`omitempty`); ready and terminating are pointers and stay. */
function serial(status: JobStatus): JobStatus {
  const s: JobStatus = { ...status };
  for (const k of ['active', 'succeeded', 'failed'] as const) if (s[k] === 0) delete s[k];
  if (s.completedIndexes === '') delete s.completedIndexes;
  return s;
}

function statusWrite(job: Job, status: JobStatus, conditional: boolean): Command {
  const { resourceVersion, ...meta } = job.metadata ?? {};
  const metadata = conditional ? { ...meta, resourceVersion } : meta;
  return { type: 'update', subresource: 'status', object: { ...job, metadata, status: serial(status) } as unknown as KubeObject };
}

export function trackJobStatus(input: TrackInput): TrackResult {
  const { job, pods } = input;
  const indexed = isIndexed(job);
  const completions = job.spec?.completions ?? 0;
  const status: JobStatus = structuredClone(input.status);
  status.uncountedTerminatedPods ??= {};
  let needsFlush = input.needsFlush;
  const withFinalizer = new Set(pods.filter(hasTrackingFinalizer).map((p) => p.metadata?.uid ?? ''));
  if (moveUncountedWithoutFinalizer(status, withFinalizer)) needsFlush = true;
  const uncountedS = new Set(status.uncountedTerminatedPods.succeeded ?? []);
  const uncountedF = new Set(status.uncountedTerminatedPods.failed ?? []);
  const newS: string[] = [];
  const newF: string[] = [];
  const newIndexes: number[] = [];
  const toRemove: Pod[] = [];
  const sorted = indexed ? [...pods].sort((a, b) => (completionIndex(a) ?? -1) - (completionIndex(b) ?? -1)) : pods;
  const finished = input.finished;
  for (const pod of sorted) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata?.uid ?? '';
    const failed = isPodFailed(pod, job);
    // canRemoveFinalizer (no per-index back-off here).
    if (!(job.metadata?.deletionTimestamp !== undefined || finished !== undefined || pod.status?.phase === 'Succeeded' || failed)) continue;
    toRemove.push(pod);
    const ix = completionIndex(pod);
    if (pod.status?.phase === 'Succeeded' && !uncountedF.has(uid)) {
      if (indexed) {
        if (ix !== undefined && ix < completions && !input.prevSucceededIndexes.has(ix)) newIndexes.push(ix);
      } else if (!uncountedS.has(uid)) newS.push(uid);
    } else if (failed || (finished !== undefined && finished.type !== 'SuccessCriteriaMet' && finished.type !== 'Complete')) {
      if (!uncountedF.has(uid) && (!indexed || (ix !== undefined && ix < completions))) newF.push(uid);
    }
    if (newIndexes.length + uncountedS.size + newS.length + uncountedF.size + newF.length >= MAX_UNCOUNTED_PODS) break;
  }
  const reachedMax = newIndexes.length + uncountedS.size + newS.length + uncountedF.size + newF.length >= MAX_UNCOUNTED_PODS;
  if (newS.length + newF.length > 0) {
    needsFlush = true;
    const u = status.uncountedTerminatedPods;
    status.uncountedTerminatedPods = {
      ...(u.succeeded !== undefined || newS.length > 0 ? { succeeded: [...(u.succeeded ?? []), ...newS] } : {}),
      ...(u.failed !== undefined || newF.length > 0 ? { failed: [...(u.failed ?? []), ...newF] } : {}),
    };
  }
  if (indexed) {
    const all = new Set([...input.succeededIndexes, ...newIndexes]);
    const s = formatIndexes(all);
    if (s !== (job.status?.completedIndexes ?? '')) needsFlush = true;
    status.succeeded = all.size;
    status.completedIndexes = s;
  }
  // The interim condition is written before any finalizer goes; the terminal one replaces it in the plan.
  let terminal = finished;
  if (finished?.type === 'FailureTarget') {
    status.conditions = [...(status.conditions ?? []), finished];
    needsFlush = true;
    terminal = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', input.stamp);
  }
  if (finished?.type === 'SuccessCriteriaMet') {
    if (findCondition({ status } as Job, 'SuccessCriteriaMet') === undefined) {
      status.conditions = [...(status.conditions ?? []), finished];
      needsFlush = true;
    }
    terminal = newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', input.stamp);
  }

  const commands: Command[] = [];
  if (needsFlush) commands.push(statusWrite(job, status, true));
  needsFlush = false;
  for (const pod of toRemove) {
    commands.push({ type: 'patch', ref: refOf(pod as KubeObject), patchType: 'strategic', patch: { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [JOB_TRACKING_FINALIZER] } } });
    withFinalizer.delete(pod.metadata?.uid ?? '');
  }
  if (moveUncountedWithoutFinalizer(status, withFinalizer)) needsFlush = true;

  let finishedNow: JobCondition | undefined;
  const u = status.uncountedTerminatedPods;
  if (!reachedMax && terminal !== undefined && (u.succeeded ?? []).length + (u.failed ?? []).length === 0 && input.terminating === 0) {
    const conditions = ensureCondition(status.conditions ?? [], terminal);
    if (conditions !== undefined) status.conditions = conditions;
    if (terminal.type === 'Complete') status.completionTime = terminal.lastTransitionTime ?? input.stamp;
    finishedNow = terminal;
    needsFlush = true;
  }
  if (needsFlush) commands.push(statusWrite(job, status, commands.length === 0));
  return { commands, status, ...(finishedNow === undefined ? {} : { finishedNow }) };
}
