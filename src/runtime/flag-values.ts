/**
 * Flag values in the syntax kube-controller-manager's flags take (Go's
 * `time.ParseDuration`, `strconv.ParseFloat`, `strconv.ParseInt(s, 0, 32)`
 * as pflag calls them), so a value copied from a real command line means
 * the same here. Errors read as pflag's: `invalid argument "20" for
 * "--node-monitor-grace-period" flag: time: missing unit in duration "20"`.
 *
 * Durations come back in whole milliseconds (chronokube's clock unit): a
 * duration with a sub-millisecond part is refused rather than rounded.
 */

export type FlagType = 'duration' | 'float32' | 'float64' | 'int32';

export class FlagValueError extends Error {
  constructor(flag: string, value: string, reason: string) {
    super(`invalid argument ${JSON.stringify(value)} for "--${flag}" flag: ${reason}`);
    this.name = 'FlagValueError';
  }
}

/** Nanoseconds per unit, as Go's `time` package names them. */
const UNIT_NS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's `time.ParseDuration`, in milliseconds: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or a bare `0`. */
export function parseGoDuration(flag: string, s: string): number {
  const fail = (reason: string): never => {
    throw new FlagValueError(flag, s, reason);
  };
  const quoted = JSON.stringify(s);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') fail(`time: invalid duration ${quoted}`);
  let ns = 0;
  const term = /^([0-9]*)(?:\.([0-9]*))?([^0-9.]*)/;
  while (rest !== '') {
    const m = term.exec(rest);
    const whole = m?.[1] ?? '';
    const frac = m?.[2];
    const unit = m?.[3] ?? '';
    if (m === null || (whole === '' && (frac === undefined || frac === ''))) return fail(`time: invalid duration ${quoted}`);
    if (unit === '') return fail(`time: missing unit in duration ${quoted}`);
    const perUnit = UNIT_NS[unit];
    if (perUnit === undefined) return fail(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    ns += Number(`${whole === '' ? '0' : whole}.${frac ?? ''}0`) * perUnit;
    rest = rest.slice(m[0].length);
  }
  // Go's int64 nanoseconds overflow at about 292 years.
  if (ns > 9.223372036854775e18) fail(`time: invalid duration ${quoted}`);
  const ms = (sign * ns) / 1e6;
  const whole = Math.round(ms);
  if (Math.abs(ms - whole) > 1e-9 * Math.max(1, Math.abs(ms))) fail(`chronokube's clock counts whole milliseconds`);
  return whole === 0 ? 0 : whole;
}

/** Go's `strconv.ParseFloat` for decimal forms (`0.1`, `.5`, `1e-2`); `Inf`/`NaN` parse but are not finite. */
export function parseGoFloat(flag: string, s: string): number {
  const t = s.replace(/_/g, '');
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (s.includes('_') || !/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) {
    throw new FlagValueError(flag, s, `strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
  }
  return Number(t);
}

/** Go's `strconv.ParseInt(s, 0, 32)`: decimal, `0x`/`0o`/`0b` prefixes, a leading `0` for octal, `_` between digits. */
export function parseGoInt32(flag: string, s: string): number {
  const syntax = (): never => {
    throw new FlagValueError(flag, s, `strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
  };
  let body = s;
  let sign = 1n;
  if (body.startsWith('-') || body.startsWith('+')) {
    sign = body.startsWith('-') ? -1n : 1n;
    body = body.slice(1);
  }
  let digits = body;
  let prefix = '';
  const p = /^0([xXoObB])/.exec(body);
  if (p !== null) {
    prefix = `0${(p[1] ?? '').toLowerCase()}`;
    digits = body.slice(2).replace(/^_/, '');
  } else if (body.length > 1 && body.startsWith('0')) {
    prefix = '0o';
    digits = body.slice(1).replace(/^_/, '');
  }
  const alphabet = prefix === '0x' ? '[0-9a-fA-F]' : prefix === '0o' ? '[0-7]' : prefix === '0b' ? '[01]' : '[0-9]';
  if (!new RegExp(`^${alphabet}+(_${alphabet}+)*$`).test(digits)) syntax();
  const n = sign * BigInt(`${prefix}${digits.replace(/_/g, '')}`);
  if (n > 2147483647n || n < -2147483648n) throw new FlagValueError(flag, s, `strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
  return Number(n);
}

export function parseFlagValue(flag: string, type: FlagType, s: string): number {
  switch (type) {
    case 'duration':
      return parseGoDuration(flag, s);
    case 'float32':
    case 'float64':
      return parseGoFloat(flag, s);
    case 'int32':
      return parseGoInt32(flag, s);
  }
}

/** Go's `Duration.String()` for whole milliseconds: `0s`, `500ms`, `20s`, `1.5s`, `5m0s`, `1h0m0s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0) return `-${formatGoDuration(-ms)}`;
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = `${String((ms % 60_000) / 1000)}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}

export function formatFlagValue(type: FlagType, v: number): string {
  return type === 'duration' ? formatGoDuration(v) : String(v);
}
