/**
 * Replay against controller code: re-feed every recorded reconcile its exact
 * inputs — the key, the view at the revision the controller had observed,
 * the time, its random source — and compare what the code returns now with
 * what was recorded. The first difference is reported with both command
 * lists and the inputs that led there (a determinism violation if the code
 * is unchanged; the effect of a fix if it is not).
 *
 * This re-runs controllers over recorded inputs; it never re-folds or
 * rewrites the history. Faults are re-applied to the world at their
 * positions, so node agents see what they saw.
 */
import type { ControllerDefinition } from '../controllers/index.js';
import type { Command, Fault, HistoryRecord, Random, ReconcileRecord } from '../model/index.js';
import type { Store } from '../store/index.js';

export interface ReplayInputs {
  readonly store: Store;
  /** Every record of the history, in log order. */
  readonly records: AsyncIterable<HistoryRecord> | Iterable<HistoryRecord>;
  readonly epoch: number;
  /** The controller (current code) for a recorded name; undefined skips its reconciles (counted). */
  definitionFor(name: string): ControllerDefinition | undefined;
  /** The controller's random source, rebuilt from the run's seed (runtime's `controllerRandom`). */
  randomFor(name: string): Random;
  /** Called for each fault record, before the reconciles after it. */
  onFault?(fault: Fault, time: number): void;
  /** Only these controllers (all when absent). */
  readonly only?: ReadonlySet<string>;
}

export interface ReplayDivergence {
  readonly record: ReconcileRecord;
  readonly recorded: { readonly commands: readonly Command[]; readonly requeueAfterMs?: number; readonly error?: string };
  readonly replayed: { readonly commands: readonly Command[]; readonly requeueAfterMs?: number; readonly error?: string };
}

export interface ReplayReport {
  /** Reconciles re-run and compared. */
  readonly checked: number;
  /** Reconciles of controllers `definitionFor` did not know. */
  readonly skipped: number;
  readonly divergence?: ReplayDivergence;
}

export async function replayReconciles(inputs: ReplayInputs): Promise<ReplayReport> {
  const randoms = new Map<string, Random>();
  let checked = 0;
  let skipped = 0;
  for await (const r of inputs.records) {
    if (r.type === 'fault') {
      inputs.onFault?.(r.fault, r.time);
      continue;
    }
    if (r.type !== 'reconcile') continue;
    if (inputs.only !== undefined && !inputs.only.has(r.controller)) continue;
    const def = inputs.definitionFor(r.controller);
    if (def === undefined) {
      skipped++;
      continue;
    }
    let random = randoms.get(r.controller);
    if (random === undefined) {
      random = inputs.randomFor(r.controller);
      randoms.set(r.controller, random);
    }
    const replayed = runOne(def, r, inputs.store, inputs.epoch, random);
    checked++;
    const recorded = {
      commands: r.commands,
      ...(r.requeueAfterMs === undefined ? {} : { requeueAfterMs: r.requeueAfterMs }),
      ...(r.error === undefined ? {} : { error: r.error }),
    };
    if (JSON.stringify(recorded) !== JSON.stringify(replayed)) return { checked, skipped, divergence: { record: r, recorded, replayed } };
  }
  return { checked, skipped };
}

function runOne(def: ControllerDefinition, r: ReconcileRecord, store: Store, epoch: number, random: Random): ReplayDivergence['replayed'] {
  try {
    const result = def.reconcile(r.key, store.at(r.viewRev), { now: r.time, epoch, random, ...(r.lastRefusal === undefined ? {} : { lastRefusal: r.lastRefusal }) });
    return { commands: result.commands, ...(result.requeueAfterMs === undefined ? {} : { requeueAfterMs: result.requeueAfterMs }) };
  } catch (e) {
    return { commands: [], error: e instanceof Error ? e.message : String(e) };
  }
}
