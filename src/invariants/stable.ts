/**
 * `stable({ after })`: after run time `after` (when the cluster should have
 * converged) nothing is written but heartbeats — node lease renewals and a
 * kubelet's node status posts, the same writes a scenario run's
 * "until stable" ignores (`isHeartbeat` in the runtime).
 */
import { isHeartbeat } from '../runtime/index.js';
import type { HistoryProperty } from './history-property.js';
import { revAtTime } from './history-property.js';

export interface StableOptions {
  /** Run time (ms) from which only heartbeats may be written. */
  readonly after: number;
}

/**
 * @example
 * stable({ after: lastStepAt + 300_000 }).evaluate(store, { epoch })
 */
export function stable(opts: StableOptions): HistoryProperty {
  return {
    name: `stable(after ${opts.after} ms)`,
    evaluate(store) {
      for (let rev = revAtTime(store, opts.after) + 1; rev <= store.rev; rev++) {
        const w = store.write(rev);
        if (w === undefined || isHeartbeat(w)) continue;
        const sub = w.subresource === undefined ? '' : `/${w.subresource}`;
        return { holds: false, rev, violations: [{ key: w.key, message: `${w.actor} ${w.verb}${sub} at ${w.time} ms` }], message: `not stable: revision ${rev} (${w.actor} ${w.verb}${sub} ${w.key}) is after ${opts.after} ms` };
      }
      return { holds: true, message: `only heartbeats after ${opts.after} ms` };
    },
  };
}
