/**
 * Virtual time for replays, tests and `chronokube run`: time moves only when
 * told to, so an hour of cluster time runs in milliseconds and a run is
 * reproducible. Timers fire in (time, order of scheduling) order.
 */
import type { Clock } from '../model/index.js';

export interface VirtualClock extends Clock {
  /** Moves time forward to `t` (never backward). */
  advanceTo(t: number): void;
}

export function virtualClock(start = 0): VirtualClock {
  let t = start;
  return {
    now: () => t,
    advanceTo(next: number) {
      if (next < t) throw new RangeError(`virtual time cannot go back from ${t} to ${next}`);
      t = next;
    },
  };
}
