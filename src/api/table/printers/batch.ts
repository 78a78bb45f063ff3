/**
 * Jobs (STATUS COMPLETIONS DURATION AGE, the STATUS column new in 1.30) and
 * CronJobs (SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE). A Job's
 * status is, in order: Complete, Failed, Terminating, Suspended,
 * FailureTarget, else Running; its duration runs to `now` until it
 * completes.
 */
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1.js';
import { AGE_COLUMN, CONTAINER_COLUMNS, NAME_COLUMN, SELECTOR_DESCRIPTION, column, wide } from '../columns.js';
import { boolPtr, containerCells, formatLabelSelector } from '../cells.js';
import { humanDuration, since, timeOf } from '../human-duration.js';
import { printer } from '../printer.js';

/** The first condition of a type decides. */
const hasCondition = (conds: readonly JobCondition[] | undefined, type: string): boolean =>
  conds?.find((c) => c.type === type)?.status === 'True';

export function jobStatus(job: Job): string {
  const conds = job.status?.conditions;
  if (hasCondition(conds, 'Complete')) return 'Complete';
  if (hasCondition(conds, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp !== undefined) return 'Terminating';
  if (hasCondition(conds, 'Suspended')) return 'Suspended';
  if (hasCondition(conds, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined && job.spec.completions !== null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(job: Job, now: number): string {
  const start = timeOf(job.status?.startTime);
  if (start === undefined) return '';
  const end = timeOf(job.status?.completionTime) ?? now;
  return humanDuration(end - start);
}

export const jobPrinter = printer<Job>(
  [
    NAME_COLUMN,
    column('Status', 'string', 'Running, Complete, Failed, Suspended, FailureTarget or Terminating.'),
    column('Completions', 'string', 'Succeeded pods out of the completions asked for.'),
    column('Duration', 'string', 'How long the job ran, or has been running.'),
    AGE_COLUMN,
    ...CONTAINER_COLUMNS,
    wide('Selector', 'string', SELECTOR_DESCRIPTION),
  ],
  (job, now) => [
    job.metadata?.name ?? '',
    jobStatus(job),
    completions(job),
    duration(job, now),
    since(job.metadata?.creationTimestamp, now),
    ...containerCells(job.spec?.template.spec?.containers),
    formatLabelSelector(job.spec?.selector),
  ],
);

export const cronJobPrinter = printer<CronJob>(
  [
    NAME_COLUMN,
    column('Schedule', 'string', 'The cron schedule.'),
    column('Timezone', 'string', 'The time zone the schedule is read in.'),
    column('Suspend', 'boolean', 'Whether new runs are held back.'),
    column('Active', 'integer', 'Jobs currently running.'),
    column('Last Schedule', 'string', 'How long ago a job was last scheduled.'),
    AGE_COLUMN,
    ...CONTAINER_COLUMNS,
    wide('Selector', 'string', SELECTOR_DESCRIPTION),
  ],
  (cj, now) => {
    const last = cj.status?.lastScheduleTime;
    return [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      boolPtr(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      last === undefined ? '<none>' : since(last, now),
      since(cj.metadata?.creationTimestamp, now),
      ...containerCells(cj.spec?.jobTemplate.spec?.template.spec?.containers),
      formatLabelSelector(cj.spec?.jobTemplate.spec?.selector),
    ];
  },
);
