/**
 * CronJob schedule arithmetic (pkg/controller/cronjob/utils.go, 1.32) over
 * Unix milliseconds. `Schedule.next(t)` is robfig/cron's `Next`: the first
 * activation strictly after `t`, evaluated in the CronJob's time zone (UTC
 * when unset); five-field expressions and descriptors go through
 * `cron-parser`, `@every D` adds D (at least 1 s) to `t` truncated to the second.
 *
 * @example
 * const s = parseSchedule('*\/5 * * * *');
 * s.next(Date.UTC(2026, 0, 1, 0, 3)) // Date.UTC(2026, 0, 1, 0, 5)
 */
import { CronExpressionParser } from 'cron-parser';

export interface Schedule {
  next(unixMs: number): number;
}

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const GO_UNITS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

function goDurationMs(s: string): number {
  let total = 0;
  const re = /([0-9]+(?:\.[0-9]+)?)(ms|us|µs|ns|h|m|s)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * (GO_UNITS[m[2] ?? ''] ?? 0);
    at = re.lastIndex;
  }
  if (at !== s.length || s === '') throw new Error(`failed to parse duration @every ${s}`);
  return total;
}

/** Throws on a schedule robfig's standard parser refuses (the API validates first, so rarely). */
export function parseSchedule(schedule: string, timeZone?: string): Schedule {
  const s = schedule.trim();
  if (s.startsWith('@every ')) {
    // robfig rounds the delay down to whole seconds, at least one.
    const delay = Math.max(1000, Math.floor(goDurationMs(s.slice('@every '.length).trim()) / 1000) * 1000);
    return { next: (t) => Math.floor(t / 1000) * 1000 + delay };
  }
  const expr = DESCRIPTORS[s] ?? s;
  const tz = timeZone ?? 'UTC';
  CronExpressionParser.parse(expr, { currentDate: new Date(0), tz });
  return { next: (t) => CronExpressionParser.parse(expr, { currentDate: new Date(t), tz }).next().toDate().getTime() };
}

export type Missed = 'none' | 'few' | 'many';

export interface MostRecent {
  readonly earliest: number;
  /** The latest activation at or before now after `earliest`, if any. */
  readonly mostRecent?: number;
  readonly missed: Missed;
  readonly error?: string;
}

export interface ScheduleInputs {
  /** Unix ms of the CronJob's creationTimestamp. */
  readonly created: number;
  readonly lastScheduleTime?: number;
  readonly startingDeadlineSeconds?: number;
}

/**
 * `mostRecentScheduleTime`: the latest activation in (earliest, now], where
 * earliest is the last schedule time (else the creation time), raised to
 * `now - startingDeadlineSeconds` when asked; more than 100 missed
 * activations (estimated from the first interval) is "many".
 */
export function mostRecentScheduleTime(cj: ScheduleInputs, now: number, schedule: Schedule, includeStartingDeadline: boolean): MostRecent {
  let earliest = cj.lastScheduleTime ?? cj.created;
  if (includeStartingDeadline && cj.startingDeadlineSeconds !== undefined) {
    earliest = Math.max(earliest, now - cj.startingDeadlineSeconds * 1000);
  }
  const t1 = schedule.next(earliest);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliest, missed: 'none' };
  if (now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.trunc((now - t1) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: Missed = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return mostRecent === undefined ? { earliest, missed } : { earliest, mostRecent, missed };
}

/** `nextScheduleDelta`: the controller wakes this long after an activation. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** `nextScheduleTimeDuration`: ms until just after the next activation. */
export function nextScheduleDelayMs(cj: ScheduleInputs, now: number, schedule: Schedule): number {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  const from = r.error !== undefined ? now : (r.mostRecent ?? r.earliest);
  return schedule.next(from) + NEXT_SCHEDULE_DELTA_MS - now;
}
