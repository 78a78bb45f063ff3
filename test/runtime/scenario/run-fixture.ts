/** Runs a shipped fixture scenario on the memory log, and replays its recorded reconciles. */
import { nodeAgent } from '../../../src/controllers/index.js';
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import type { ReplayReport } from '../../../src/debug/index.js';
import { replayReconciles } from '../../../src/debug/index.js';
import type { Log } from '../../../src/log/index.js';
import { createMemoryLog } from '../../../src/log/index.js';
import type { HistoryRecord } from '../../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../../src/model/index.js';
import type { RunResult, Scenario } from '../../../src/runtime/index.js';
import { controlPlaneControllers, controllerRandom, createWorld, loadScenario, runScenario } from '../../../src/runtime/index.js';
import type { Store } from '../../../src/store/index.js';
import { openStore } from '../../../src/store/index.js';

export interface FixtureRun {
  readonly scenario: Scenario;
  readonly log: Log;
  readonly store: Store;
  readonly result: RunResult;
  readonly records: readonly HistoryRecord[];
}

/** `controllers`: extra controllers (e.g. one not yet in the control plane), started after the built-in ones. */
export async function runFixture(
  file: string,
  until: { stable: true } | { forMs: number } = { stable: true },
  controllers: readonly ControllerDefinition[] = [],
): Promise<FixtureRun> {
  const scenario = loadScenario(file);
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: scenario.epoch, clock: 'virtual', seed: scenario.seed });
  const result = await runScenario(scenario, { log, until, controllers });
  const store = await openStore(log);
  const records: HistoryRecord[] = [];
  for await (const r of log.read()) records.push(r);
  return { scenario, log, store, result, records };
}

/** Re-feeds every recorded reconcile to the same controllers, with the world replayed from the fault records. */
export function replayFixture(run: FixtureRun): Promise<ReplayReport> {
  const world = createWorld({ behaviours: run.scenario.behaviours });
  const defs = new Map<string, ControllerDefinition>();
  // The HPA reads the world: a fresh one per replay (its memory is rebuilt from the re-fed reconciles).
  for (const d of controlPlaneControllers(world)) defs.set(d.name, d);
  const nodes = [...run.scenario.nodes, ...run.scenario.timeline.flatMap((s) => (s.type === 'add-node' ? [s.node] : []))];
  for (const n of nodes) {
    for (const d of nodeAgent(n.name, world, { cpu: n.cpu, memory: n.memory, pods: n.pods, labels: n.labels, taints: n.taints.map((t) => ({ ...t })), podCIDRs: n.podCIDRs })) {
      defs.set(d.name, d);
    }
  }
  return replayReconciles({
    store: run.store,
    records: run.records,
    epoch: run.scenario.epoch,
    definitionFor: (name) => defs.get(name),
    randomFor: (name) => controllerRandom(run.scenario.seed, name),
    onFault: (fault, time) => world.applyFault(fault, time),
  });
}
