/**
 * Timestamps and monitor ticks. Objects carry RFC 3339 times; controllers
 * think in milliseconds on the run's clock (`epoch` is the clock's zero).
 */
import type { ReconcileContext } from '../controller.js';

type Clock = Pick<ReconcileContext, 'now' | 'epoch'>;

/** Run-clock milliseconds of an RFC 3339 time (seconds or micro-seconds precision); undefined if absent or malformed. */
export function parseTime(ctx: Pick<ReconcileContext, 'epoch'>, s: unknown): number | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms - ctx.epoch;
}

/** True for a present but unparseable timestamp (absent is not malformed). */
export function isMalformedTime(s: unknown): boolean {
  return s !== undefined && s !== null && (typeof s !== 'string' || Number.isNaN(Date.parse(s)));
}

/** `metav1.Time`: second precision, as Kubernetes serialises it. */
export function stamp(ctx: Clock, t: number = ctx.now): string {
  return new Date(ctx.epoch + t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The first periodic pass strictly after `t`: passes run at every multiple of
 * `period` on the run's clock, as a controller started at time 0 with
 * `wait.Until(f, period)` would run them.
 */
export function nextTick(t: number, period: number): number {
  return Math.floor(t / period) * period + period;
}
