/**
 * End-to-end: the whole control plane in free-running virtual time on the
 * memory backend — 1,000 simulated nodes, ReplicaSets totalling 30,000
 * pods, from apply until every ReplicaSet reports all its replicas ready.
 * Reports wall time, records written and peak heap.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createApi } from '../src/api/index.js';
import { createMemoryLog } from '../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../src/model/index.js';
import { Cluster, createWorld, SimScheduler, virtualClock } from '../src/runtime/index.js';
import { openStore } from '../src/store/index.js';

export interface E2eOptions {
  readonly nodes?: number;
  readonly replicaSets?: number;
  readonly replicas?: number;
  /** Also return a SHA-256 of every record written (to check that an optimisation changed no record). */
  readonly digest?: boolean;
}

export interface E2eFigures {
  e2e_30k_wall_s: number;
  e2e_30k_events: number;
  e2e_30k_peak_heap_mb: number;
  e2e_30k_virtual_s: number;
}

export async function benchE2e(opts: E2eOptions = {}): Promise<E2eFigures & { e2e_digest?: number }> {
  const { digest, ...figures } = await runE2e(opts);
  // A figure is a number: the digest's first 48 bits are enough to tell runs apart.
  return digest === undefined ? figures : { ...figures, e2e_digest: parseInt(digest.slice(0, 12), 16) };
}

async function runE2e(opts: E2eOptions): Promise<E2eFigures & { digest?: string }> {
  const nodes = opts.nodes ?? 1000;
  const sets = opts.replicaSets ?? 30;
  const replicas = opts.replicas ?? 1000;
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
  const started = performance.now();
  await api.bootstrap();
  cluster.start();
  for (let i = 1; i <= nodes; i++) cluster.addNode({ name: `node-${i}`, cpu: '32', memory: '128Gi', pods: 110 });
  await scheduler.run(0);
  for (let s = 0; s < sets; s++) {
    await api.applyObject(
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `rs-${s}`, namespace: 'default' },
        spec: {
          replicas,
          selector: { matchLabels: { app: `rs-${s}` } },
          template: {
            metadata: { labels: { app: `rs-${s}` } },
            spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
          },
        },
      },
      { actor: 'user:bench', fieldManager: 'bench' },
    );
  }
  const allReady = (): boolean => {
    const head = store.head();
    for (let s = 0; s < sets; s++) {
      const rs = head.get(`apps/replicasets/default/rs-${s}`);
      if ((rs?.['status'] as { readyReplicas?: number } | undefined)?.readyReplicas !== replicas) return false;
    }
    return true;
  };
  while (!allReady()) {
    await scheduler.run(scheduler.now() + 1000);
    sample();
    if (scheduler.now() > 3_600_000) throw new Error('e2e bench: not all pods ready after an hour of virtual time');
  }
  const wall = (performance.now() - started) / 1000;
  cluster.stop();
  const result: E2eFigures & { digest?: string } = { e2e_30k_wall_s: wall, e2e_30k_events: log.headRev(), e2e_30k_peak_heap_mb: peak / 2 ** 20, e2e_30k_virtual_s: scheduler.now() / 1000 };
  if (opts.digest === true) {
    const hash = createHash('sha256');
    for await (const r of log.read()) hash.update(JSON.stringify(r)).update('\n');
    result.digest = hash.digest('hex');
  }
  return result;
}
