/** Runs a batch fixture with the Job, TTL and CronJob controllers added, and replays its reconciles with them. */
import { cronJobController } from '../../../src/controllers/cronjob/cronjob-controller.js';
import { jobController } from '../../../src/controllers/job/job-controller.js';
import { ttlAfterFinishedController } from '../../../src/controllers/job/ttl-after-finished.js';
import type { ControllerDefinition } from '../../../src/controllers/controller.js';
import { nodeAgent } from '../../../src/controllers/node-agent/node-agent.js';
import type { ReplayReport } from '../../../src/debug/index.js';
import { replayReconciles } from '../../../src/debug/index.js';
import { createMemoryLog } from '../../../src/log/index.js';
import type { HistoryRecord } from '../../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../../src/model/index.js';
import type { RunResult, Scenario } from '../../../src/runtime/index.js';
import { controlPlaneControllers, controllerRandom, createWorld, loadScenario, runScenario } from '../../../src/runtime/index.js';
import type { Store } from '../../../src/store/index.js';
import { openStore } from '../../../src/store/index.js';

export const BATCH_CONTROLLERS: readonly ControllerDefinition[] = [jobController, ttlAfterFinishedController, cronJobController];

export interface BatchRun {
  readonly scenario: Scenario;
  readonly store: Store;
  readonly result: RunResult;
  readonly records: readonly HistoryRecord[];
}

export async function runBatchFixture(file: string, until: { stable: true } | { forMs: number }): Promise<BatchRun> {
  const scenario = loadScenario(file);
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: scenario.epoch, clock: 'virtual', seed: scenario.seed });
  const result = await runScenario(scenario, { log, until, controllers: BATCH_CONTROLLERS });
  const store = await openStore(log);
  const records: HistoryRecord[] = [];
  for await (const r of log.read()) records.push(r);
  return { scenario, store, result, records };
}

export function replayBatchFixture(run: BatchRun): Promise<ReplayReport> {
  const world = createWorld({ behaviours: run.scenario.behaviours });
  const defs = new Map<string, ControllerDefinition>();
  for (const d of [...controlPlaneControllers(), ...BATCH_CONTROLLERS]) defs.set(d.name, d);
  for (const n of run.scenario.nodes) {
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
