/**
 * Replay against new code: re-run a user's build of one or more controllers
 * over exactly the inputs the recorded controllers of the same names were
 * given (key, view at the recorded revision, time, random source rebuilt
 * from the run's seed, the last refusal), and name the first command that
 * differs from the recorded one, with both command lists and the inputs.
 *
 * This is the second kind of replay — RE-RUNNING CONTROLLERS OVER RECORDED
 * INPUTS — as opposed to re-folding recorded events (exact: what `get --at`,
 * `diff` and `why` read). It never rewrites the history: the views come from
 * the recording, so a divergence says what the new code would have done at
 * that point, not what would have followed.
 */
import type { ControllerDefinition } from '../controllers/index.js';
import type { Command, Fault, HistoryHeader, HistoryRecord } from '../model/index.js';
import { controllerRandom } from '../runtime/index.js';
import type { Store } from '../store/index.js';
import { replayReconciles } from './replay-reconciles.js';

/** The replay's label, for output and JSON: never confused with a re-fold. */
export const RERUN_CONTROLLERS = 're-running controllers over recorded inputs';
export const REFOLD_EVENTS = 're-folding recorded events (exact)';

export interface ControllerReplayOptions {
  readonly store: Store;
  readonly records: AsyncIterable<HistoryRecord> | Iterable<HistoryRecord>;
  /** The history's header: its epoch and seed rebuild each controller's context. */
  readonly header: Pick<HistoryHeader, 'epoch' | 'seed'>;
  /** The new builds; each replaces the recorded controller with the same `name`. */
  readonly controllers: readonly ControllerDefinition[];
  /** Called for each fault record, in order (controllers that read a world replay it there). */
  onFault?(fault: Fault, time: number): void;
}

/** What the first differing reconcile was given. */
export interface ReplayInput {
  readonly controller: string;
  readonly key: string;
  /** Revisions whose watch events woke the key. */
  readonly wokenBy: readonly number[];
  /** Revision the controller's view was at. */
  readonly viewRev: number;
  readonly time: number;
  /** Head revision when the reconcile was recorded. */
  readonly atRev: number;
}

export interface CommandDivergence {
  readonly input: ReplayInput;
  /** `command`: the command lists differ at `index`; `requeue` or `error`: the lists agree, the outcome does not. */
  readonly what: 'command' | 'requeue' | 'error';
  /** Position of the first differing command (the lists' common length when one is a prefix of the other). */
  readonly index: number;
  /** The recorded command at `index` (undefined: the new code returned an extra one). */
  readonly recorded?: Command;
  /** The new code's command at `index` (undefined: it dropped one). */
  readonly replayed?: Command;
  readonly recordedResult: { readonly commands: readonly Command[]; readonly requeueAfterMs?: number; readonly error?: string };
  readonly replayedResult: { readonly commands: readonly Command[]; readonly requeueAfterMs?: number; readonly error?: string };
}

export interface ControllerReplayReport {
  readonly kind: typeof RERUN_CONTROLLERS;
  /** Reconciles re-run and compared, per controller name (sorted). */
  readonly checked: Readonly<Record<string, number>>;
  /** Names in `controllers` with no recorded reconcile in the part read (all of it when there is no divergence). */
  readonly unrecorded: readonly string[];
  readonly divergence?: CommandDivergence;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export async function replayControllers(opts: ControllerReplayOptions): Promise<ControllerReplayReport> {
  const defs = new Map<string, ControllerDefinition>();
  for (const d of opts.controllers) {
    if (defs.has(d.name)) throw new Error(`two controllers are named "${d.name}"`);
    defs.set(d.name, d);
  }
  const checked = new Map<string, number>();
  async function* counted(): AsyncGenerator<HistoryRecord> {
    for await (const r of opts.records) {
      if (r.type === 'reconcile' && defs.has(r.controller)) checked.set(r.controller, (checked.get(r.controller) ?? 0) + 1);
      yield r;
    }
  }
  const report = await replayReconciles({
    store: opts.store,
    records: counted(),
    epoch: opts.header.epoch,
    definitionFor: (name) => defs.get(name),
    randomFor: (name) => controllerRandom(opts.header.seed ?? 0, name),
    only: new Set(defs.keys()),
    ...(opts.onFault === undefined ? {} : { onFault: opts.onFault }),
  });
  const names = [...defs.keys()].sort();
  const base = {
    kind: RERUN_CONTROLLERS,
    checked: Object.fromEntries(names.filter((n) => checked.has(n)).map((n) => [n, checked.get(n) ?? 0])),
    unrecorded: names.filter((n) => !checked.has(n)),
  } as const;
  const d = report.divergence;
  if (d === undefined) return base;
  const r = d.record;
  const input: ReplayInput = { controller: r.controller, key: r.key, wokenBy: r.wokenBy, viewRev: r.viewRev, time: r.time, atRev: r.atRev };
  const a = d.recorded.commands;
  const b = d.replayed.commands;
  let index = 0;
  while (index < a.length && index < b.length && same(a[index], b[index])) index++;
  const what = index < a.length || index < b.length ? 'command' : d.recorded.error !== d.replayed.error ? 'error' : 'requeue';
  const recorded = a[index];
  const replayed = b[index];
  const divergence: CommandDivergence = {
    input,
    what,
    index,
    ...(recorded === undefined ? {} : { recorded }),
    ...(replayed === undefined ? {} : { replayed }),
    recordedResult: d.recorded,
    replayedResult: d.replayed,
  };
  return { ...base, divergence };
}
