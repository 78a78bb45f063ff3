/**
 * The CronJob controller (batch/v1), as kube-controller-manager 1.32's
 * `cronjob` controller (ControllerV2) syncs a CronJob: clean up finished
 * Jobs beyond the history limits, reconcile `status.active` with the owned
 * Jobs, then create the Job of the most recent unmet schedule time unless
 * suspended, too late (`startingDeadlineSeconds`), already done, or
 * forbidden by `concurrencyPolicy`; requeue just after the next activation
 * (on the run's clock, so a week of schedules runs in virtual time).
 *
 * One difference: Kubernetes creates the Job and records it in
 * `status.active` / `lastScheduleTime` in one sync, using the created Job's
 * uid. A reconcile cannot know a uid before the API assigns it, so the
 * create's own sync records nothing and the next one (woken by the new Job)
 * adds it: a Job named for its `cronjob-scheduled-timestamp`, later than
 * `lastScheduleTime`, is "just created" rather than "unexpected".
 *
 * Level-triggered; may be called many times for one change.
 *
 * @example
 * manager.add(cronJobController);
 */
import type { CronJob, CronJobStatus, Job } from 'kubernetes-types/batch/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { objectKey, refOf } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { recordEvent } from '../events.js';
import { finishedCondition } from '../job/job-conditions.js';
import { rfc3339, unixMs } from '../job/job-pods.js';
import type { Schedule, ScheduleInputs } from './cron-schedule.js';
import { mostRecentScheduleTime, nextScheduleDelayMs, parseSchedule } from './cron-schedule.js';
import { byJobStartTime, jobFromTemplate, jobName, jobRef, ownedJobs, rfc1123z, scheduledTimeOf } from './cronjob-jobs.js';

export const CRONJOB_COMPONENT = 'cronjob-controller';

export function syncCronJob(key: string, view: StateView, ctx: ReconcileContext): ReconcileResult {
  const obj = view.get(key);
  if (obj === undefined) return done();
  const cj = obj as unknown as CronJob;
  const now = ctx.epoch + ctx.now;
  const commands: Command[] = [];
  const event = (type: 'Normal' | 'Warning', reason: string, message: string): void => {
    commands.push(recordEvent(view, ctx, { object: obj, type, reason, message, component: CRONJOB_COMPONENT }));
  };
  const status: CronJobStatus = structuredClone(cj.status ?? {});
  let active = [...(status.active ?? [])];
  let updateStatus = false;
  const jobs = ownedJobs(view, cj);
  const deleteJob = (j: Job): void => {
    commands.push({ type: 'delete', ref: refOf(j as unknown as KubeObject), options: { propagationPolicy: 'Background' } });
    active = active.filter((r) => r.uid !== j.metadata?.uid);
    event('Normal', 'SuccessfulDelete', `Deleted job ${j.metadata?.name ?? ''}`);
    updateStatus = true;
  };

  // cleanupFinishedJobs: oldest first beyond each history limit.
  const deleted = new Set<string>();
  const limits = [
    ['Complete', cj.spec?.successfulJobsHistoryLimit],
    ['Failed', cj.spec?.failedJobsHistoryLimit],
  ] as const;
  for (const [type, limit] of limits) {
    if (limit === undefined || limit === null) continue;
    const finished = jobs.filter((j) => finishedCondition(j)?.type === type).sort(byJobStartTime);
    for (const j of finished.slice(0, Math.max(0, finished.length - limit))) {
      deleteJob(j);
      deleted.add(j.metadata?.uid ?? '');
    }
  }

  // The active list against the owned Jobs.
  const lastSchedule = unixMs(status.lastScheduleTime);
  let recordedSchedule = lastSchedule;
  for (const j of jobs) {
    if (deleted.has(j.metadata?.uid ?? '')) continue;
    const inActive = active.some((r) => r.uid === j.metadata?.uid);
    const fin = finishedCondition(j);
    if (!inActive && fin === undefined) {
      const t = scheduledTimeOf(j);
      if (t !== undefined && j.metadata?.name === jobName(cj.metadata?.name ?? '', t) && (lastSchedule === undefined || t > lastSchedule)) {
        active.push(jobRef(j));
        recordedSchedule = Math.max(recordedSchedule ?? t, t);
        updateStatus = true;
      } else {
        event('Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata?.name ?? ''}`);
      }
    } else if (inActive && fin !== undefined) {
      active = active.filter((r) => r.uid !== j.metadata?.uid);
      event('Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata?.name ?? ''}, condition: ${fin.type}`);
      updateStatus = true;
    }
    if (fin?.type === 'Complete' && j.status?.completionTime !== undefined) {
      const done = unixMs(j.status.completionTime) ?? 0;
      if (status.lastSuccessfulTime === undefined || done > (unixMs(status.lastSuccessfulTime) ?? 0)) {
        status.lastSuccessfulTime = j.status.completionTime;
        updateStatus = true;
      }
    }
  }
  const children = new Set(jobs.map((j) => j.metadata?.uid ?? ''));
  for (const r of [...active]) {
    if (children.has(r.uid ?? '')) continue;
    event('Normal', 'MissingJob', `Active job went missing: ${r.name ?? ''}`);
    active = active.filter((x) => x.uid !== r.uid);
    updateStatus = true;
  }
  if (recordedSchedule !== undefined && recordedSchedule !== lastSchedule) status.lastScheduleTime = rfc3339(recordedSchedule);

  const finish = (requeueAfterMs?: number): ReconcileResult => {
    if (updateStatus) {
      const next: CronJobStatus = { ...status };
      if (active.length > 0) next.active = active;
      else delete next.active;
      commands.push({ type: 'update', subresource: 'status', object: { ...obj, status: next } });
    }
    return requeueAfterMs === undefined ? { commands } : { commands, requeueAfterMs };
  };

  if (cj.metadata?.deletionTimestamp !== undefined || cj.spec?.suspend === true) return finish();
  let schedule: Schedule;
  try {
    schedule = parseSchedule(cj.spec?.schedule ?? '', cj.spec?.timeZone ?? undefined);
  } catch (e) {
    event('Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule ?? ''}" : ${(e as Error).message}`);
    return finish();
  }
  const lastScheduled = unixMs(status.lastScheduleTime);
  const inputs: ScheduleInputs = {
    created: unixMs(cj.metadata?.creationTimestamp) ?? now,
    ...(lastScheduled === undefined ? {} : { lastScheduleTime: lastScheduled }),
    ...(cj.spec?.startingDeadlineSeconds == null ? {} : { startingDeadlineSeconds: cj.spec.startingDeadlineSeconds }),
  };
  const later = (): ReconcileResult => finish(nextScheduleDelayMs(inputs, now, schedule));
  const recent = mostRecentScheduleTime(inputs, now, schedule, true);
  if (recent.error !== undefined) {
    event('Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule ?? ''} : ${recent.error}`);
    return finish();
  }
  const scheduled = recent.mostRecent;
  if (scheduled === undefined || scheduled > now) return later();
  if (recent.missed === 'many') {
    event('Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  }
  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds != null && scheduled + sds * 1000 < now) {
    event('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return later();
  }
  const name = jobName(cj.metadata?.name ?? '', scheduled);
  if (active.some((r) => r.name === name) || unixMs(status.lastScheduleTime) === scheduled) return later();
  if (cj.spec?.concurrencyPolicy === 'Forbid' && active.length > 0) {
    event('Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return later();
  }
  if (cj.spec?.concurrencyPolicy === 'Replace') {
    for (const r of [...active]) {
      const j = jobs.find((x) => x.metadata?.uid === r.uid);
      if (j !== undefined) deleteJob(j);
    }
  }
  // A Job of that name already there (ours, not yet recorded): Kubernetes' AlreadyExists, nothing to create.
  if (view.get(objectKey({ group: 'batch', resource: 'jobs', namespace: cj.metadata?.namespace ?? '', name })) === undefined) {
    commands.push({ type: 'create', object: jobFromTemplate(cj, scheduled) });
    event('Normal', 'SuccessfulCreate', `Created job ${name}`);
  }
  return finish(nextScheduleDelayMs({ ...inputs, lastScheduleTime: scheduled }, now, schedule));
}

export const cronJobController: ControllerDefinition = {
  name: 'cronjob',
  for: { group: 'batch', kind: 'CronJob' },
  owns: [{ group: 'batch', kind: 'Job' }],
  reconcile: syncCronJob,
};
