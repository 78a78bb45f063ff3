/**
 * The live clock: milliseconds since the history's epoch, following the wall
 * clock. One of the two places under src/ allowed to read real time (the
 * other is virtual-clock.ts, which never does).
 */
import type { Clock } from '../model/index.js';

export interface WallClock extends Clock {
  /** Unix milliseconds of time 0: the history header's `epoch`. */
  readonly epoch: number;
}

/** A clock whose time 0 is `epoch` (default: now). */
export function wallClock(epoch: number = Date.now()): WallClock {
  return { epoch, now: () => Date.now() - epoch };
}

/** Waits `ms` of wall time (forever when undefined) or until `wake` resolves: the live scheduler's only timer. */
export function sleepOrWake(ms: number | undefined, wake: Promise<void>): Promise<void> {
  if (ms === undefined) return wake;
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void wake.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
