/**
 * `noWriteStorm({ maxPerMinute })`: no object is written more than
 * `maxPerMinute` times within any 60 s of run time — a controller that
 * fights another or rewrites status on every reconcile shows up here long
 * before it shows up in a bill. Heartbeats (node leases, kubelet node
 * status posts) are not counted. Kubernetes sets no such number; 30 a
 * minute (default) is far above what a converging controller writes.
 */
import type { WriteRecord } from '../model/index.js';
import { isHeartbeat } from '../runtime/index.js';
import type { HistoryProperty } from './history-property.js';

export interface WriteStormOptions {
  /** Writes allowed per object in any 60 s window; default 30. */
  readonly maxPerMinute?: number;
  /** Only writes by this actor count (e.g. `controller:podset`); default all but heartbeats. */
  readonly actor?: string;
}

export const WRITE_STORM_WINDOW_MS = 60_000;

/**
 * @example
 * noWriteStorm({ maxPerMinute: 20 }).evaluate(store, { epoch })
 */
export function noWriteStorm(opts: WriteStormOptions = {}): HistoryProperty {
  const max = opts.maxPerMinute ?? 30;
  return {
    name: `no-write-storm(${max}/min${opts.actor === undefined ? '' : ` by ${opts.actor}`})`,
    evaluate(store) {
      const recent = new Map<string, WriteRecord[]>();
      for (let rev = store.compactedRev + 1; rev <= store.rev; rev++) {
        const w = store.write(rev);
        if (w === undefined || isHeartbeat(w) || (opts.actor !== undefined && w.actor !== opts.actor)) continue;
        const kept = (recent.get(w.key) ?? []).filter((x) => x.time > w.time - WRITE_STORM_WINDOW_MS);
        kept.push(w);
        recent.set(w.key, kept);
        if (kept.length > max) {
          const actors = [...new Set(kept.map((x) => x.actor))].sort().join(', ');
          const message = `${kept.length} writes to ${w.key} within 60 s (at most ${max}), by ${actors}, the last at revision ${rev}`;
          return { holds: false, rev, violations: [{ key: w.key, message }], message: `write storm: ${message}` };
        }
      }
      return { holds: true, message: `no object written more than ${max} times in 60 s` };
    },
  };
}
