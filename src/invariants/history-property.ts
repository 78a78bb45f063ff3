/**
 * Properties of a whole history, built from invariants — what property tests
 * assert after a random run: `always(p)`, `eventually(p, { withinMs })` and
 * `stable(...)`. Each evaluates incrementally (see InvariantTracker) and
 * explains a failure by the revision and violations that broke it.
 */
import type { Store } from '../store/index.js';
import type { Violation } from './invariant.js';

export interface PropertyOptions {
  /** Unix ms of the run's time 0 (the history header's epoch). */
  readonly epoch: number;
}

export interface PropertyResult {
  readonly holds: boolean;
  /** One line: why it holds or where it broke. */
  readonly message: string;
  /** The revision that decided a failure. */
  readonly rev?: number;
  readonly violations?: readonly Violation[];
}

export interface HistoryProperty {
  readonly name: string;
  evaluate(store: Store, opts: PropertyOptions): PropertyResult;
}

/** The last revision written at or before run time `t` (write times never decrease); the compacted base if none. */
export function revAtTime(store: Store, t: number): number {
  let lo = store.compactedRev;
  let hi = store.rev;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const w = store.write(mid);
    if (w !== undefined && w.time <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
