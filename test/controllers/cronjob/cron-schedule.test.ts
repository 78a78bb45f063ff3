import { describe, expect, it } from 'vitest';
import { mostRecentScheduleTime, nextScheduleDelayMs, parseSchedule } from '../../../src/controllers/cronjob/cron-schedule.js';
import { jobName, rfc1123z, rfc3339InZone } from '../../../src/controllers/cronjob/cronjob-jobs.js';

const T = (h: number, m = 0, s = 0): number => Date.UTC(2026, 0, 1, h, m, s);

describe('cron schedules', () => {
  it('next is strictly after, in the time zone, with descriptors and @every', () => {
    expect(parseSchedule('*/5 * * * *').next(T(0, 3))).toBe(T(0, 5));
    expect(parseSchedule('*/5 * * * *').next(T(0, 5))).toBe(T(0, 10));
    expect(parseSchedule('0 9 * * *', 'America/New_York').next(T(0))).toBe(T(14));
    expect(parseSchedule('@hourly').next(T(0, 30))).toBe(T(1));
    expect(parseSchedule('@every 90s').next(T(0, 0, 0) + 400)).toBe(T(0, 1, 30));
    expect(() => parseSchedule('nonsense')).toThrow();
  });

  it('finds the most recent missed start and counts missed starts (more than 100 is "many")', () => {
    const every = parseSchedule('* * * * *');
    expect(mostRecentScheduleTime({ created: T(0) }, T(0, 0, 30), every, false)).toEqual({ earliest: T(0), missed: 'none' });
    expect(mostRecentScheduleTime({ created: T(0) }, T(0, 1, 30), every, false)).toMatchObject({ mostRecent: T(0, 1), missed: 'none' });
    expect(mostRecentScheduleTime({ created: T(0) }, T(0, 5, 30), every, false)).toMatchObject({ mostRecent: T(0, 5), missed: 'few' });
    expect(mostRecentScheduleTime({ created: T(0), lastScheduleTime: T(0, 4) }, T(0, 5, 30), every, false)).toMatchObject({ mostRecent: T(0, 5) });
    expect(mostRecentScheduleTime({ created: T(0) }, T(3), every, false)).toMatchObject({ mostRecent: T(3), missed: 'many' });
    // startingDeadlineSeconds narrows the window: 200 s back from 03:00 leaves a handful, not "many".
    expect(mostRecentScheduleTime({ created: T(0), startingDeadlineSeconds: 200 }, T(3), every, true)).toMatchObject({ mostRecent: T(3), missed: 'few' });
  });

  it('requeues 100 ms after the next start', () => {
    expect(nextScheduleDelayMs({ created: T(0) }, T(0, 0, 30), parseSchedule('* * * * *'))).toBe(30_100);
    expect(nextScheduleDelayMs({ created: T(0), lastScheduleTime: T(0, 2) }, T(0, 2, 10), parseSchedule('*/10 * * * *'))).toBe(7 * 60_000 + 50_000 + 100);
  });

  it('names Jobs by the scheduled minute and stamps the time in the zone', () => {
    expect(jobName('tick', T(0, 1))).toBe('tick-29453761');
    expect(rfc3339InZone(T(14), 'America/New_York')).toBe('2026-01-01T09:00:00-05:00');
    expect(rfc3339InZone(T(14), undefined)).toBe('2026-01-01T14:00:00Z');
    expect(rfc1123z(T(0, 1))).toBe('Thu, 01 Jan 2026 00:01:00 +0000');
  });
});
