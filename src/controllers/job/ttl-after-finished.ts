/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished,
 * 1.32): a finished Job with `spec.ttlSecondsAfterFinished` is deleted
 * (Foreground propagation, precondition on its uid) once that many seconds
 * have passed since its Complete/Failed condition's lastTransitionTime;
 * until then the key is requeued for the expiry.
 *
 * @example
 * manager.add(ttlAfterFinishedController);
 */
import type { Job } from 'kubernetes-types/batch/v1.js';
import { refOf } from '../../model/index.js';
import type { ControllerDefinition, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { finishedCondition } from './job-conditions.js';
import { unixMs } from './job-pods.js';

/** Ms until the Job expires (≤ 0: expired); undefined when it does not need clean-up. */
export function timeLeftMs(job: Job, nowUnixMs: number): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null || job.metadata?.deletionTimestamp !== undefined) return undefined;
  const finishedAt = unixMs(finishedCondition(job)?.lastTransitionTime);
  if (finishedAt === undefined) return undefined;
  return finishedAt + ttl * 1000 - nowUnixMs;
}

export const ttlAfterFinishedController: ControllerDefinition = {
  name: 'ttl-after-finished',
  for: { group: 'batch', kind: 'Job' },
  reconcile(key, view, ctx): ReconcileResult {
    const obj = view.get(key);
    if (obj === undefined) return done();
    const left = timeLeftMs(obj as unknown as Job, ctx.epoch + ctx.now);
    if (left === undefined) return done();
    if (left > 0) return { commands: [], requeueAfterMs: left };
    const uid = obj.metadata.uid;
    return {
      commands: [{ type: 'delete', ref: refOf(obj), options: { propagationPolicy: 'Foreground', ...(uid === undefined ? {} : { preconditions: { uid } }) } }],
    };
  },
};
