/**
 * Runs one test case in virtual time on a fresh in-memory (or given) log:
 * the setup objects, the controllers under test (perturbed as the case says)
 * plus the built-in helpers they rely on, the nodes, then the case's steps at
 * their times, until `settleMs` after the case's quiet point. A hot loop
 * cannot hang the run: it stops after `maxRecords` history records.
 * Same case, same history, record for record.
 */
import type { Api } from '../api/index.js';
import { createApi } from '../api/index.js';
import type { ControllerDefinition } from '../controllers/index.js';
import { deletableKinds, garbageCollector, nodeLifecycleController, podGCController, schedulerController, taintEvictionController } from '../controllers/index.js';
import type { Log } from '../log/index.js';
import { createMemoryLog } from '../log/index.js';
import type { HistoryHeader, KubeObject } from '../model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../model/index.js';
import type { BehaviourRule, SimWorld } from '../runtime/index.js';
import { Cluster, createWorld, SimScheduler, virtualClock } from '../runtime/index.js';
import type { Store } from '../store/index.js';
import { openStore } from '../store/index.js';
import { ControllerHost } from './controller-host.js';
import { runStep } from './run-step.js';
import type { TestCase } from './test-case.js';
import { quietAt } from './test-case.js';

/** Built-in helpers that run unperturbed beside the controllers under test. */
export type Builtin =
  /** The garbage collector (dependents of deleted owners go). */
  | 'gc'
  /** The scheduler, a simulated kubelet per node, node lifecycle, taint eviction and pod GC: pods get scheduled, run and become Ready. */
  | 'nodes';

/** What a property run is made of, besides the generated case. */
export interface Environment {
  /** Objects created at time 0 before any controller starts: CRDs, namespaces, configuration. */
  readonly setup?: readonly KubeObject[];
  /**
   * The controllers under test; perturbations name them. A function gives
   * fresh definitions for every run and for a restarted controller (needed
   * when a controller keeps state in memory).
   */
  readonly controllers: readonly ControllerDefinition[] | (() => readonly ControllerDefinition[]);
  /** Default `['gc']`. */
  readonly builtins?: readonly Builtin[];
  /** Container behaviours of the simulated world (see fixtures/SCENARIOS.md). */
  readonly behaviours?: readonly BehaviourRule[];
}

export interface RunCaseOptions {
  /** How long to keep running after the case's quiet point (virtual ms). */
  readonly settleMs: number;
  /** Stop the run after this many history records (a hot loop); default 5,000. */
  readonly maxRecords?: number;
  /** Where the history goes (default: a new memory log); its header should be virtual. */
  readonly log?: Log;
}

export interface CaseRun {
  readonly log: Log;
  readonly store: Store;
  readonly quietAt: number;
  readonly endedAt: number;
  /** Set when the run was cut short: why. */
  readonly stopped?: string;
}

/** The header of a property run's history. */
export function caseHeader(seed: number, meta?: Readonly<Record<string, string>>): HistoryHeader {
  return { format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: Date.UTC(2026, 0, 1), clock: 'virtual', seed, ...(meta === undefined ? {} : { meta }) };
}

export async function runCase(env: Environment, c: TestCase, opts: RunCaseOptions): Promise<CaseRun> {
  const log = opts.log ?? createMemoryLog(caseHeader(c.seed));
  const maxRecords = opts.maxRecords ?? 5_000;
  const store = await openStore(log);
  const clock = virtualClock(0);
  const api: Api = createApi({ log, store, clock, ids: seededIds(seededRandom(c.seed)) });
  const scheduler = new SimScheduler(clock);
  const world: SimWorld = createWorld({ behaviours: env.behaviours ?? [] });
  const cluster = new Cluster({ api, store, log, scheduler, world, seed: c.seed });
  let records = 0;
  const sub = log.appended$.subscribe((batch) => (records += batch.length));
  const quiet = quietAt(c);
  const until = quiet + opts.settleMs;
  const warnings: string[] = [];
  try {
    await api.bootstrap();
    for (const obj of env.setup ?? []) await api.applyObject(obj, { actor: 'user:setup', fieldManager: 'chronokube-testing' });
    const builtins = env.builtins ?? ['gc'];
    const helpers: ControllerDefinition[] = [];
    // The collector watches the kinds served now, custom ones from the setup's CRDs included.
    if (builtins.includes('gc')) helpers.push(garbageCollector({ kinds: deletableKinds(api.deps.kinds.kinds(store.head())) }));
    if (builtins.includes('nodes')) helpers.push(nodeLifecycleController(), taintEvictionController(), podGCController(), schedulerController());
    for (const h of helpers) cluster.manager.add(h);
    const host = new ControllerHost({ manager: cluster.manager, store, log, scheduler, controllers: env.controllers, plans: c.perturbations, kinds: (ref) => {
        const info = api.deps.kinds.kinds(store.head()).find((k) => k.group === ref.group && k.kind === ref.kind);
        if (info === undefined) throw new Error(`unknown kind ${ref.group}/${ref.kind}`);
        return info;
      } });
    host.start();
    if (builtins.includes('nodes')) for (const n of c.nodes) cluster.addNode(n);
    await scheduler.run(0);
    for (const step of c.steps) {
      scheduler.schedule(() => void scheduler.track(runStep(api, cluster, step, warnings)), step.at - scheduler.now());
    }
    const stop = (): boolean => records > maxRecords;
    await scheduler.run(until, stop);
    const stopped = stop() ? `stopped at ${scheduler.now()} ms after ${records} history records (more than ${maxRecords}): a hot loop` : undefined;
    return { log, store, quietAt: quiet, endedAt: scheduler.now(), ...(stopped === undefined ? {} : { stopped }) };
  } finally {
    sub.unsubscribe();
    cluster.stop();
    await scheduler.settle();
  }
}
