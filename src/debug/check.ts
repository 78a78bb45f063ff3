/**
 * `check`: every range of revisions where an invariant fails, each with the
 * write that opened it — one incremental pass over the history (see
 * scanInvariant in invariants/), so the first range starts at the true
 * first failure.
 */
import type { FailingRange, Invariant } from '../invariants/index.js';
import { scanInvariant } from '../invariants/index.js';
import type { WriteRecord } from '../model/index.js';
import type { Store } from '../store/index.js';

export interface CheckedRange extends FailingRange {
  /** The write at `from`: what made the invariant fail (undefined at revision 0 or the compacted base). */
  readonly write: WriteRecord | undefined;
  /** The write after `to` that made it hold again, when it did. */
  readonly recoveredBy: WriteRecord | undefined;
}

export interface CheckReport {
  readonly invariant: string;
  readonly fromRev: number;
  readonly toRev: number;
  readonly holds: boolean;
  readonly ranges: readonly CheckedRange[];
}

export interface CheckOptions {
  /** Unix ms of the run's time 0 (the history header's epoch). */
  readonly epoch: number;
  readonly fromRev?: number;
  readonly toRev?: number;
}

/**
 * @example
 * const report = checkHistory(store, findInvariant('replicasets-satisfied'), { epoch: log.header.epoch });
 * if (!report.holds) console.log(report.ranges.map((r) => `${r.from}..${r.to}`));
 */
export function checkHistory(store: Store, invariant: Invariant, opts: CheckOptions): CheckReport {
  const scan = scanInvariant(store, invariant, opts);
  const ranges = scan.ranges.map((r) => ({
    ...r,
    write: r.from > store.compactedRev ? store.write(r.from) : undefined,
    recoveredBy: r.open ? undefined : store.write(r.to + 1),
  }));
  return { invariant: invariant.name, fromRev: scan.fromRev, toRev: scan.toRev, holds: ranges.length === 0, ranges };
}
