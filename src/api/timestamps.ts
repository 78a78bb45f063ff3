/** RFC 3339 timestamps, second precision, as Kubernetes writes `creationTimestamp` and friends. */

/** `epoch + t` milliseconds as `2026-11-25T06:10:28Z`. */
export function rfc3339(epoch: number, t: number): string {
  return new Date(epoch + t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Milliseconds since the epoch for an RFC 3339 timestamp, or undefined if it is not one. */
export function parseRfc3339(epoch: number, s: string): number | undefined {
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms - epoch;
}
