/**
 * What a property run asserts over the history it produced. A plain
 * `HistoryProperty` from the invariants layer (`always(p)`, `noWriteStorm()`)
 * is used as is; liveness properties are stated relative to the case's quiet
 * point (its last operation, fault or perturbation), because Kubernetes only
 * promises convergence once the disturbance stops.
 */
import type { HistoryProperty, Invariant } from '../invariants/index.js';
import { eventually, stable } from '../invariants/index.js';

/** What a property may depend on besides the history. */
export interface RunFacts {
  /** Run time of the case's last step or perturbation. */
  readonly quietAt: number;
}

export type RunProperty = HistoryProperty | ((run: RunFacts) => HistoryProperty);

export function propertyFor(p: RunProperty, run: RunFacts): HistoryProperty {
  return typeof p === 'function' ? p(run) : p;
}

/**
 * `converges(p, { withinMs })`: after the quiet point, `p` comes to hold within
 * `withinMs` and still holds when the run ends (the counting form of
 * "eventually": a ReplicaSet reaches its replicas and stays there).
 *
 * @example
 * converges(replicaSetPodCounts, { withinMs: 120_000 })
 */
export function converges(invariant: Invariant, opts: { readonly withinMs: number }): RunProperty {
  return (run) => {
    const inner = eventually(invariant, { after: run.quietAt, withinMs: opts.withinMs });
    return {
      name: `converges(${invariant.name}, within ${opts.withinMs} ms of ${run.quietAt} ms)`,
      evaluate(store, o) {
        const r = inner.evaluate(store, o);
        if (!r.holds) return r;
        const last = store.write(store.rev);
        const violations = invariant.check(store.head(), { rev: store.rev, time: last?.time ?? 0, epoch: o.epoch });
        if (violations.length === 0) return { holds: true, message: `${invariant.name} holds from revision ${r.rev ?? store.rev} to the end` };
        return {
          holds: false,
          rev: store.rev,
          violations,
          message: `${invariant.name} held at revision ${r.rev ?? 0} but fails again at the end (revision ${store.rev}): ${violations.map((v) => `${v.key}: ${v.message}`).join('; ')}`,
        };
      },
    };
  };
}

/**
 * `settles({ withinMs })`: nothing but heartbeats is written from `withinMs`
 * after the quiet point on (no hot loop).
 */
export function settles(opts: { readonly withinMs: number }): RunProperty {
  return (run) => stable({ after: run.quietAt + opts.withinMs });
}
