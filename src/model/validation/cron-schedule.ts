/**
 * CronJob schedules as Kubernetes reads them (robfig/cron's standard
 * parser): five fields or a descriptor (`@hourly`, `@every 1h30m` ...), no
 * `TZ=`/`CRON_TZ=` prefix (the `timeZone` field replaces it). Field values
 * are checked, and next times computed, with the `cron-parser` library;
 * the extensions robfig does not accept (`L`, `W`, `#`, a seconds field)
 * are refused first.
 *
 * @example
 * cronScheduleErrors('*\/5 * * * *') // []
 * cronScheduleErrors('foo')         // ['expected exactly 5 fields, found 1: [foo]']
 */
import { CronExpressionParser } from 'cron-parser';

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** Problems with a schedule; empty when Kubernetes accepts it. */
export function cronScheduleErrors(schedule: string): string[] {
  const s = schedule.trim();
  if (/^(CRON_)?TZ=/.test(s)) return ['cannot use TZ or CRON_TZ in schedule, use timeZone field instead'];
  if (s.startsWith('@')) {
    if (DESCRIPTORS.has(s)) return [];
    if (s.startsWith('@every ')) {
      const d = s.slice('@every '.length).trim();
      return GO_DURATION.test(d) ? [] : [`failed to parse duration ${s}: time: invalid duration "${d}"`];
    }
    return [`unrecognized descriptor: ${s}`];
  }
  const fields = s.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return [`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`];
  const bad = fields.find((f) => /[LW#]/.test(f.replace(/[A-Za-z]{3}/g, (m) => (/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat)$/i.test(m) ? '' : m))));
  if (bad !== undefined) return [`failed to parse int from ${bad}: strconv.Atoi: parsing "${bad}": invalid syntax`];
  try {
    CronExpressionParser.parse(s, { currentDate: new Date(0), tz: 'UTC' });
    return [];
  } catch (e) {
    const msg = (e as Error).message;
    // robfig accepts dates that never occur (30 February); cron-parser refuses them.
    if (msg.includes('Invalid explicit day of month definition')) return [];
    return [msg];
  }
}

/** Whether `tz` names an IANA time zone this runtime knows (`Local` is refused, as in Kubernetes). */
export function timeZoneErrors(tz: string): string[] {
  if (tz === 'Local' || tz.trim() !== tz || tz === '') {
    return ['timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'];
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return [];
  } catch {
    return [`unknown time zone ${tz}`];
  }
}
