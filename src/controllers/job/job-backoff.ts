/**
 * The pod-failure back-off of the Job controller (pkg/controller/job,
 * backoff_utils.go, 1.32): after `n` failures since the last success, a
 * replacement pod waits `DefaultJobPodFailureBackOff` (10 s) doubled n-1
 * times, capped at `MaxJobPodFailureBackOff` (10 min in the code; the docs
 * say "capped at six minutes", the code wins), counted from the last
 * failure's finish time.
 *
 * Kubernetes keeps the back-off record in memory and updates it with the
 * pods newly counted in each sync. A reconcile here reads only the view, so
 * the record is rebuilt from the Job's pods, which stay (finished, without
 * their finalizer) until the Job goes: the failures whose finish time is
 * after the last success's, and the latest of them. Same numbers while the
 * pods exist; a user deleting finished pods shortens the back-off.
 */
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { finishedTime, isPodFailed } from './job-pods.js';

export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** `syncJobBatchPeriod`: a delayed sync is never sooner than this. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;

export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  /** Unix ms of the last failure after the last success. */
  readonly lastFailureTime?: number;
}

export function backoffRecord(job: Job, pods: readonly Pod[]): BackoffRecord {
  let lastSuccess = -Infinity;
  for (const p of pods) if (p.status?.phase === 'Succeeded') lastSuccess = Math.max(lastSuccess, finishedTime(p));
  let failures = 0;
  let last: number | undefined;
  for (const p of pods) {
    if (p.status?.phase === 'Succeeded' || !isPodFailed(p, job)) continue;
    const t = finishedTime(p);
    if (t <= lastSuccess) continue;
    failures++;
    last = last === undefined ? t : Math.max(last, t);
  }
  return last === undefined ? { failuresAfterLastSuccess: 0 } : { failuresAfterLastSuccess: failures, lastFailureTime: last };
}

/** The back-off after `failures` consecutive failures: 10 s, 20 s, 40 s … capped at 10 min (0 for none). */
export function backoffDelayMs(failures: number, baseMs = DEFAULT_POD_FAILURE_BACKOFF_MS, maxMs = MAX_POD_FAILURE_BACKOFF_MS): number {
  if (failures <= 0) return 0;
  let d = baseMs;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= maxMs) return maxMs;
  }
  return d;
}

/** `getRemainingTime`: how long pod creation must still wait (0: create now). */
export function remainingBackoffMs(record: BackoffRecord, nowUnixMs: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  const delay = backoffDelayMs(record.failuresAfterLastSuccess);
  const elapsed = nowUnixMs - record.lastFailureTime;
  return delay < elapsed ? 0 : delay - elapsed;
}
