/** `always(p)`: the invariant holds at every revision of the history. */
import type { Invariant } from './invariant.js';
import type { HistoryProperty } from './history-property.js';
import { InvariantTracker } from './invariant-tracker.js';

/**
 * @example
 * always(findInvariant('rollout-bounds')).evaluate(store, { epoch }).holds
 */
export function always(invariant: Invariant): HistoryProperty {
  return {
    name: `always(${invariant.name})`,
    evaluate(store, { epoch }) {
      const t = new InvariantTracker(store, invariant, epoch).start(store.compactedRev);
      for (;;) {
        if (!t.holds) {
          const violations = t.violations();
          return { holds: false, rev: t.rev, violations, message: `${invariant.name} fails at revision ${t.rev}: ${violations.map((v) => `${v.key}: ${v.message}`).join('; ')}` };
        }
        if (!t.forward()) break;
      }
      return { holds: true, message: `${invariant.name} holds at every revision up to ${t.rev}` };
    },
  };
}
