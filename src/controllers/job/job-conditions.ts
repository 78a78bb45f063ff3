/**
 * Job conditions (batch/v1, 1.32). Since 1.31, with JobPodReplacementPolicy
 * and JobManagedBy on by default (`delayTerminalCondition`), the controller
 * first writes the interim `FailureTarget` / `SuccessCriteriaMet` condition
 * and adds the terminal `Failed` / `Complete` one only once no pod is
 * uncounted or terminating. Reasons and messages are Kubernetes' own.
 */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1.js';

export const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' } as const;
export const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' } as const;
export const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' } as const;

export function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, stamp: string): JobCondition {
  return {
    type,
    status,
    lastProbeTime: stamp,
    lastTransitionTime: stamp,
    ...(reason === '' ? {} : { reason }),
    ...(message === '' ? {} : { message }),
  };
}

export function findCondition(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type);
}

/** `IsJobFinished`: a `Complete` or `Failed` condition that is True. */
export function isJobFinished(job: Job): boolean {
  return job.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') === true;
}

/** The finished condition's type and when it was set, if finished. */
export function finishedCondition(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/**
 * `ensureJobConditionStatus`: replace a condition of that type whose status,
 * reason or message differs; append a new one unless it would be False.
 * Returns undefined when nothing changes.
 */
export function ensureCondition(list: readonly JobCondition[], c: JobCondition): JobCondition[] | undefined {
  const i = list.findIndex((x) => x.type === c.type);
  if (i >= 0) {
    const old = list[i];
    if (old?.status === c.status && (old.reason ?? '') === (c.reason ?? '') && (old.message ?? '') === (c.message ?? '')) return undefined;
    return list.map((x, j) => (j === i ? c : x));
  }
  return c.status === 'False' ? undefined : [...list, c];
}
