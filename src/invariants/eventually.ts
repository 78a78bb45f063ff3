/**
 * `eventually(p, { after, withinMs })`: from run time `after` (default 0),
 * the invariant holds at some revision no later than `after + withinMs`.
 * The state at `after` itself counts (the last revision written by then).
 * A history that ends before the deadline without the invariant holding
 * fails too, saying so: it proves nothing either way.
 */
import type { Invariant } from './invariant.js';
import type { HistoryProperty } from './history-property.js';
import { revAtTime } from './history-property.js';
import { InvariantTracker } from './invariant-tracker.js';

export interface EventuallyOptions {
  /** Run time (ms) the clock starts at; default 0. */
  readonly after?: number;
  readonly withinMs: number;
}

/**
 * @example
 * eventually(findInvariant('replicasets-satisfied'), { after: faultHealedAt, withinMs: 600_000 })
 */
export function eventually(invariant: Invariant, opts: EventuallyOptions): HistoryProperty {
  const after = opts.after ?? 0;
  const deadline = after + opts.withinMs;
  return {
    name: `eventually(${invariant.name}, after ${after} ms within ${opts.withinMs} ms)`,
    evaluate(store, { epoch }) {
      const t = new InvariantTracker(store, invariant, epoch).start(revAtTime(store, after));
      for (;;) {
        if (t.holds) return { holds: true, rev: t.rev, message: `${invariant.name} holds at revision ${t.rev}` };
        const next = store.write(t.rev + 1);
        if (next === undefined || next.time > deadline) break;
        t.forward();
      }
      const violations = t.violations();
      const ended = store.write(t.rev + 1) === undefined && (store.write(t.rev)?.time ?? 0) < deadline;
      return {
        holds: false,
        rev: t.rev,
        violations,
        message: `${invariant.name} still fails at revision ${t.rev}${ended ? `, where the history ends before the deadline (${deadline} ms)` : ` at the deadline (${deadline} ms)`}: ${violations.map((v) => `${v.key}: ${v.message}`).join('; ')}`,
      };
    },
  };
}
