/**
 * End-to-end: the whole control plane in free-running virtual time on the
 * memory backend — 1,000 simulated nodes, ReplicaSets totalling 30,000
 * pods, from apply until every ReplicaSet reports all its replicas ready.
 * Reports wall time, records written and peak heap.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startBenchCluster } from './bench-cluster.js';

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
  const started = performance.now();
  const { log, store, api, scheduler, cluster, runUntil, peakMb } = await startBenchCluster(nodes);
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
  await runUntil(allReady, 'all pods ready');
  const wall = (performance.now() - started) / 1000;
  cluster.stop();
  const result: E2eFigures & { digest?: string } = { e2e_30k_wall_s: wall, e2e_30k_events: log.headRev(), e2e_30k_peak_heap_mb: peakMb(), e2e_30k_virtual_s: scheduler.now() / 1000 };
  if (opts.digest === true) {
    const hash = createHash('sha256');
    for await (const r of log.read()) hash.update(JSON.stringify(r)).update('\n');
    result.digest = hash.digest('hex');
  }
  return result;
}
