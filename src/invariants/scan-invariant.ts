/**
 * Every stretch of revisions where an invariant fails, in one incremental
 * pass over the history (see InvariantTracker). The first range starts at
 * the true first failing revision: every revision is visited, only the
 * checks are skipped where nothing relevant changed.
 */
import type { Store } from '../store/index.js';
import type { Invariant, Violation } from './invariant.js';
import { InvariantTracker } from './invariant-tracker.js';

export interface FailingRange {
  /** First failing revision. */
  readonly from: number;
  /** Last failing revision (the end of the scan when it still fails there). */
  readonly to: number;
  /** Whether it still fails at the last revision scanned. */
  readonly open: boolean;
  /** The violations at `from`. */
  readonly violations: readonly Violation[];
}

export interface ScanOptions {
  /** Unix ms of the run's time 0 (the history header's epoch). */
  readonly epoch: number;
  /** First revision scanned (default: the oldest kept, the compacted revision). */
  readonly fromRev?: number;
  /** Last revision scanned (default: head). */
  readonly toRev?: number;
}

export interface ScanResult {
  readonly fromRev: number;
  readonly toRev: number;
  readonly ranges: readonly FailingRange[];
  /** Checks that ran (subject or whole-state), for the curious and for benchmarks. */
  readonly checks: number;
}

/**
 * @example
 * const { ranges } = scanInvariant(store, findInvariant('replicasets-satisfied'), { epoch: header.epoch });
 * for (const r of ranges) console.log(`${r.from}..${r.to}`, r.violations);
 */
export function scanInvariant(store: Store, invariant: Invariant, opts: ScanOptions): ScanResult {
  const fromRev = Math.max(opts.fromRev ?? store.compactedRev, store.compactedRev);
  const toRev = Math.min(opts.toRev ?? store.rev, store.rev);
  const ranges: FailingRange[] = [];
  const tracker = new InvariantTracker(store, invariant, opts.epoch).start(fromRev);
  let open: { from: number; violations: readonly Violation[] } | undefined;
  for (;;) {
    if (!tracker.holds && open === undefined) open = { from: tracker.rev, violations: tracker.violations() };
    if (tracker.holds && open !== undefined) {
      ranges.push({ from: open.from, to: tracker.rev - 1, open: false, violations: open.violations });
      open = undefined;
    }
    if (tracker.rev >= toRev || !tracker.forward()) break;
  }
  if (open !== undefined) ranges.push({ from: open.from, to: tracker.rev, open: true, violations: open.violations });
  return { fromRev, toRev: tracker.rev, ranges, checks: tracker.checks };
}
