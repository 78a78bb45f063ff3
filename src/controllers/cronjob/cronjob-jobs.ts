/**
 * The Jobs of a CronJob (pkg/controller/cronjob, 1.32): the Job built for a
 * scheduled time (`getJobFromTemplate2`: `NAME-<scheduled Unix minutes>`,
 * the template's labels and annotations plus
 * `batch.kubernetes.io/cronjob-scheduled-timestamp` in the CronJob's time
 * zone, the CronJob as controller), the owned Jobs, their references in
 * `status.active`, and the history clean-up order (`byJobStartTime`).
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { controllerOf } from '../handlers.js';
import { unixMs } from '../job/job-pods.js';

export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** `getJobName`: the scheduled time in minutes since the Unix epoch makes the name (and a lock against double creation). */
export function jobName(cronJobName: string, scheduledUnixMs: number): string {
  return `${cronJobName}-${Math.floor(scheduledUnixMs / 60_000)}`;
}

/** Go's RFC 3339 rendering of an instant in a time zone: `Z` for UTC, else `±hh:mm`. */
export function rfc3339InZone(unix: number, timeZone: string | undefined): string {
  const base = new Date(Math.floor(unix / 1000) * 1000);
  if (timeZone === undefined || timeZone === 'UTC' || timeZone === 'Etc/UTC') return base.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset' })
      .formatToParts(base)
      .map((p) => [p.type, p.value]),
  );
  const off = String(parts['timeZoneName'] ?? 'GMT').replace(/^GMT/, '');
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}${off === '' ? 'Z' : off}`;
}

export function jobFromTemplate(cj: CronJob, scheduledUnixMs: number): KubeObject {
  const t = cj.spec?.jobTemplate;
  const name = cj.metadata?.name ?? '';
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(name, scheduledUnixMs),
      namespace: cj.metadata?.namespace ?? 'default',
      ...(t?.metadata?.labels === undefined ? {} : { labels: { ...t.metadata.labels } }),
      annotations: { ...(t?.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339InZone(scheduledUnixMs, cj.spec?.timeZone ?? undefined) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name, uid: cj.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: structuredClone(t?.spec ?? {}) as Record<string, unknown>,
  };
}

/** The scheduled time a Job was created for, from its annotation. */
export function scheduledTimeOf(job: Job): number | undefined {
  return unixMs(job.metadata?.annotations?.[SCHEDULED_TIMESTAMP]);
}

/** Jobs whose controller is this CronJob (by uid), sorted by key. */
export function ownedJobs(view: StateView, cj: CronJob): Job[] {
  const uid = cj.metadata?.uid ?? '';
  return view
    .byOwner(uid)
    .filter((o) => o.kind === 'Job' && o.apiVersion === 'batch/v1' && o.metadata.namespace === cj.metadata?.namespace && controllerOf(o)?.uid === uid) as unknown as Job[];
}

/** `getRef`: the reference `status.active` holds. */
export function jobRef(job: Job): ObjectReference {
  return {
    kind: 'Job',
    namespace: job.metadata?.namespace ?? '',
    name: job.metadata?.name ?? '',
    uid: job.metadata?.uid ?? '',
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata?.resourceVersion ?? '',
  };
}

/** `byJobStartTime`: started before not started, earlier start first, then by name. */
export function byJobStartTime(a: Job, b: Job): number {
  const sa = unixMs(a.status?.startTime);
  const sb = unixMs(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : (a.metadata?.name ?? '') > (b.metadata?.name ?? '') ? 1 : 0;
  return (sa ?? 0) - (sb ?? 0);
}

/** Go's RFC1123Z, in UTC (the MissSchedule event's format). */
export function rfc1123z(unix: number): string {
  const d = new Date(unix);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
