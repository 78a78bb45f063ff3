/**
 * The control plane the end-to-end benchmarks drive: memory log, store, API
 * and every built-in controller on free-running virtual time, with `nodes`
 * simulated nodes of 32 CPUs and 128 GiB, and a peak-heap sampler.
 */
import { createApi } from '../src/api/index.js';
import type { Api } from '../src/api/index.js';
import { createMemoryLog } from '../src/log/index.js';
import type { Log } from '../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../src/model/index.js';
import { Cluster, createWorld, SimScheduler, virtualClock } from '../src/runtime/index.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';

export interface BenchCluster {
  readonly log: Log;
  readonly store: Store;
  readonly api: Api;
  readonly scheduler: SimScheduler;
  readonly cluster: Cluster;
  /** Records the heap now; `peakMb()` is the highest seen. */
  sample(): void;
  peakMb(): number;
  /** Runs virtual time a second at a time until `done()`, failing after `limitMs` of virtual time. */
  runUntil(done: () => boolean, what: string, limitMs?: number): Promise<void>;
}

export async function startBenchCluster(nodes: number): Promise<BenchCluster> {
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: Date.UTC(2026, 0, 1), clock: 'virtual', seed: 1 });
  const store = await openStore(log);
  const clock = virtualClock(0);
  const api = createApi({ log, store, clock, ids: seededIds(seededRandom(1)), strictServiceAccounts: true });
  const scheduler = new SimScheduler(clock);
  const cluster = new Cluster({ api, store, log, scheduler, world: createWorld(), seed: 1 });
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  await api.bootstrap();
  cluster.start();
  for (let i = 1; i <= nodes; i++) cluster.addNode({ name: `node-${i}`, cpu: '32', memory: '128Gi', pods: 110 });
  await scheduler.run(0);
  return {
    log,
    store,
    api,
    scheduler,
    cluster,
    sample,
    peakMb: () => peak / 2 ** 20,
    runUntil: async (done, what, limitMs = 3_600_000) => {
      const start = scheduler.now();
      while (!done()) {
        await scheduler.run(scheduler.now() + 1000);
        sample();
        if (scheduler.now() - start > limitMs) throw new Error(`bench: ${what} not reached after ${limitMs / 60_000} virtual minutes`);
      }
    },
  };
}
