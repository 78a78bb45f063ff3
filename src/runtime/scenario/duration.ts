/**
 * Durations as Kubernetes and Go write them (`300ms`, `30s`, `5m`, `1h30m`),
 * or a bare number of milliseconds. Used by scenarios and `--for`.
 */
const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(input: string | number, what = 'duration'): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new Error(`${what}: ${input} is not a non-negative number of milliseconds`);
    return Math.round(input);
  }
  const s = input.trim();
  if (/^[0-9]+$/.test(s)) return Number(s);
  const re = /([0-9]+(?:\.[0-9]+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * (UNITS[m[2] as string] ?? 0);
    matched = re.lastIndex;
  }
  if (s === '' || matched !== s.length) {
    throw new Error(`${what}: "${input}" is not a duration (write it like 300ms, 30s, 5m or 1h30m)`);
  }
  return Math.round(total);
}
