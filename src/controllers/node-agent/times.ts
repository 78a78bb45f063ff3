/**
 * Time as the kubelet writes it: run-clock milliseconds to and from
 * Kubernetes timestamps (RFC 3339 to the second; MicroTime for leases), and
 * Go's `time.Duration` formatting for messages ("10s", "1m20s", "5m0s").
 */

/** RFC 3339 to the second, as `metav1.Time` serialises. */
export function stamp(epoch: number, ms: number): string {
  return new Date(epoch + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with microseconds, as `metav1.MicroTime` (a Lease's renewTime). */
export function microStamp(epoch: number, ms: number): string {
  return new Date(epoch + ms).toISOString().replace(/Z$/, '000Z');
}

/** A timestamp back to run-clock ms (undefined when absent or malformed). */
export function parseStamp(epoch: number, s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t - epoch;
}

/** The start of the wall-clock second containing `ms`: what survives a round trip through `stamp`. */
export function floorSecond(epoch: number, ms: number): number {
  return Math.floor((epoch + ms) / 1000) * 1000 - epoch;
}

/** Go's `time.Duration.String()` for non-negative whole milliseconds. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sMs = ms % 60_000;
  const s = sMs % 1000 === 0 ? String(sMs / 1000) : (sMs / 1000).toFixed(3).replace(/0+$/, '');
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** A Go duration string ("1m30s", "500ms", "2h") or a bare number of seconds, to ms; undefined if malformed. */
export function parseGoDuration(s: string): number | undefined {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(t); m !== null; m = re.exec(t)) {
    total += Number(m[1]) * (unit[m[2] ?? ''] ?? 0);
    end = re.lastIndex;
  }
  return end === t.length && end > 0 ? Math.round(total) : undefined;
}
