/**
 * Kubernetes' duration wording (`apimachinery/pkg/util/duration`), used by
 * every AGE-like cell. Durations are in milliseconds and always come from a
 * caller-supplied `now`, never the wall clock, so a replayed history shows
 * the ages it showed then.
 *
 * @example
 * humanDuration(200_000) // '3m20s'
 * shortHumanDuration(200_000) // '3m'
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Go's integer division of durations truncates toward zero. */
const whole = (ms: number, unit: number): number => Math.trunc(ms / unit);

/**
 * About 2–3 significant figures: `45s`, `119s`, `3m20s`, `15m`, `4h5m`,
 * `20h`, `2d3h`, `30d`, `3y20d`, `9y`. More than a second in the future is
 * `<invalid>`; under a second in the future is `0s` (clock skew).
 */
export function humanDuration(ms: number): string {
  const seconds = whole(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = whole(ms, MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = whole(ms, HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** One unit only: `59s`, `1m`, `23h`, `364d`, `1y`. */
export function shortHumanDuration(ms: number): string {
  const seconds = whole(ms, SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = whole(ms, MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = whole(ms, HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / DAY / 365)}y`;
}

/** Milliseconds of an RFC 3339 timestamp, or undefined when absent or unreadable. */
export function timeOf(timestamp: string | undefined | null): number | undefined {
  if (timestamp === undefined || timestamp === null || timestamp === '') return undefined;
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? undefined : t;
}

/** `translateTimestampSince`: the age of `timestamp` at `now`, `<unknown>` without one. */
export function since(timestamp: string | undefined | null, now: number): string {
  const t = timeOf(timestamp);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}
