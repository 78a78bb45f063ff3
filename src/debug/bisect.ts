/**
 * `bisect`, as `git bisect`: given a revision where an invariant holds
 * (good, default the oldest kept) and a later one where it fails (bad,
 * default head), halve the range until two neighbouring revisions remain —
 * one that holds and the next, which fails. That costs O(log n) seeks and
 * full checks, however long the history. It finds *a* transition: if the
 * invariant recovers and fails again in between, other transitions exist,
 * which `check` lists (the result says so rather than promise the first).
 */
import type { Invariant, Violation } from '../invariants/index.js';
import { contextAt } from '../invariants/index.js';
import type { WriteRecord } from '../model/index.js';
import type { Store } from '../store/index.js';

export interface BisectOptions {
  /** Unix ms of the run's time 0 (the history header's epoch). */
  readonly epoch: number;
  /** A revision where the invariant holds (default: the oldest kept). */
  readonly good?: number;
  /** A later revision where it fails (default: head). */
  readonly bad?: number;
}

export interface BisectResult {
  readonly invariant: string;
  readonly good: number;
  readonly bad: number;
  /** The revision where it goes from holding (at `rev − 1`) to failing. */
  readonly rev: number;
  /** The write at `rev`: the change that broke it. */
  readonly write: WriteRecord | undefined;
  readonly violations: readonly Violation[];
  /** States checked, the two ends included. */
  readonly seeks: number;
  /** The git-bisect caveat, in words. */
  readonly note: string;
}

export class BisectError extends Error {}

/**
 * @example
 * const r = bisect(store, findInvariant('deployments-available'), { epoch });
 * console.log(r.rev, r.write?.actor, r.violations);
 */
export function bisect(store: Store, invariant: Invariant, opts: BisectOptions): BisectResult {
  const good = opts.good ?? store.compactedRev;
  const bad = opts.bad ?? store.rev;
  for (const [what, rev] of [['good', good], ['bad', bad]] as const) {
    if (!Number.isInteger(rev) || rev < store.compactedRev || rev > store.rev) {
      throw new BisectError(`${what} revision ${rev} is outside the history (${store.compactedRev}..${store.rev})`);
    }
  }
  if (good >= bad) throw new BisectError(`the good revision (${good}) must come before the bad one (${bad})`);
  let seeks = 0;
  const violationsAt = (rev: number): readonly Violation[] => {
    seeks++;
    return invariant.check(store.at(rev), contextAt(store, rev, opts.epoch));
  };
  if (violationsAt(good).length > 0) throw new BisectError(`${invariant.name} already fails at the good revision ${good}: pick an earlier one where it holds (--good)`);
  let badViolations = violationsAt(bad);
  if (badViolations.length === 0) throw new BisectError(`${invariant.name} holds at the bad revision ${bad}: nothing to bisect`);
  let lo = good;
  let hi = bad;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const vs = violationsAt(mid);
    if (vs.length > 0) {
      hi = mid;
      badViolations = vs;
    } else lo = mid;
  }
  return {
    invariant: invariant.name,
    good,
    bad,
    rev: hi,
    write: hi > store.compactedRev ? store.write(hi) : undefined,
    violations: badViolations,
    seeks,
    note: `${invariant.name} holds at ${lo} and fails at ${hi}; if it recovers and fails again between ${good} and ${bad}, other transitions exist (check lists every failing range)`,
  };
}
