/**
 * A rollout at scale: a 5,000-replica Deployment on 500 simulated nodes
 * (memory backend, free-running virtual time) is brought up, then rolled to
 * a new image with the default strategy (25% surge, 25% unavailable) until
 * kubectl would say "successfully rolled out". Reports the wall time and the
 * records written of the rollout alone, and of the whole run's peak heap.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { deploymentRolloutStatus } from '../src/controllers/index.js';
import type { KubeObject } from '../src/model/index.js';
import { startBenchCluster } from './bench-cluster.js';

export interface RolloutOptions {
  readonly nodes?: number;
  readonly replicas?: number;
  /** Also return the first 48 bits of a SHA-256 of every record written (to check that an optimisation changed no record). */
  readonly digest?: boolean;
}

export interface RolloutFigures {
  rollout_5k_wall_s: number;
  rollout_5k_events: number;
  rollout_5k_virtual_s: number;
  rollout_5k_setup_wall_s: number;
  rollout_5k_peak_heap_mb: number;
}

const KEY = 'apps/deployments/default/web';

function deployment(replicas: number, image: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image, resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
      },
    },
  };
}

export async function benchRollout(opts: RolloutOptions = {}): Promise<RolloutFigures & { rollout_digest?: number }> {
  const replicas = opts.replicas ?? 5000;
  const setupStarted = performance.now();
  const c = await startBenchCluster(opts.nodes ?? 500);
  const ctx = { actor: 'user:bench', fieldManager: 'bench' };
  const rolledOut = (image: string) => (): boolean => {
    const d = c.store.head().get(KEY);
    if (d === undefined || deploymentRolloutStatus(d).done !== true) return false;
    const containers = (d['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers;
    return containers[0]?.image === image;
  };
  await c.api.applyObject(deployment(replicas, 'nginx:1.27'), ctx);
  await c.runUntil(rolledOut('nginx:1.27'), 'the first rollout');
  const setup = (performance.now() - setupStarted) / 1000;

  const startRev = c.log.headRev();
  const startVirtual = c.scheduler.now();
  const started = performance.now();
  await c.api.applyObject(deployment(replicas, 'nginx:1.28'), ctx);
  await c.runUntil(rolledOut('nginx:1.28'), 'the rollout to nginx:1.28');
  const wall = (performance.now() - started) / 1000;
  c.cluster.stop();
  const figures: RolloutFigures = {
    rollout_5k_wall_s: wall,
    rollout_5k_events: c.log.headRev() - startRev,
    rollout_5k_virtual_s: (c.scheduler.now() - startVirtual) / 1000,
    rollout_5k_setup_wall_s: setup,
    rollout_5k_peak_heap_mb: c.peakMb(),
  };
  if (opts.digest !== true) return figures;
  const hash = createHash('sha256');
  for await (const r of c.log.read()) hash.update(JSON.stringify(r)).update('\n');
  return { ...figures, rollout_digest: parseInt(hash.digest('hex').slice(0, 12), 16) };
}
