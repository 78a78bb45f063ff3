/**
 * The debugger on a large history: a cluster with churn (Deployments scaled
 * and rolled to new images every virtual minute) and faults (a node down
 * for a few minutes every ten, container crashes), run until the log holds
 * about `records` records (1,000,000 by default), so causes chain through
 * the Deployment, ReplicaSet, scheduler, node lifecycle and taint-eviction
 * controllers and the kubelets. Then, on that history:
 * - why_p99_ms: `why` of a pod version at a random write to a pod;
 * - blame_p99_ms: `blame` of a pod or Deployment at a random revision;
 * - bisect_s: `bisect` of deployments-available between a revision where it
 *   holds (after the first rollout) and the head (an unschedulable
 *   Deployment is applied last, so it fails there).
 *
 * The default is the size, 1,000,000 records (about 450k writes),
 * which takes several minutes to build on the 2-core machine; `--writes
 * 250000` gives a quicker look.
 */
import { performance } from 'node:perf_hooks';
import { blame, bisect, why } from '../src/debug/index.js';
import { findInvariant } from '../src/invariants/index.js';
import type { FaultRecord, KubeObject, WriteRecord } from '../src/model/index.js';
import { seededRandom } from '../src/model/index.js';
import { startBenchCluster } from './bench-cluster.js';

/** The history size `npm run bench` uses (see the header). */
export const DEFAULT_RECORDS = 1_000_000;

export interface DebugBenchOptions {
  readonly records?: number;
  readonly nodes?: number;
  readonly deployments?: number;
  readonly samples?: number;
  /** Called after each virtual minute of churn (for a progress line). */
  readonly onMinute?: (minute: number, records: number, writes: number) => void;
}

export interface DebugFigures {
  debug_history_records: number;
  debug_history_writes: number;
  debug_build_s: number;
  why_p99_ms: number;
  blame_p99_ms: number;
  bisect_s: number;
}

function deployment(name: string, replicas: number, image: string, cpu = '100m'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      // No progress deadline (MaxInt32, as Kubernetes spells it): the Deployment controller re-queues a rollout
      // stuck past its deadline every 1 ms until it reports TimedOut, which floods a long faulty run with reconciles.
      progressDeadlineSeconds: 2_147_483_647,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image, resources: { requests: { cpu, memory: '64Mi' } } }] } },
    },
  };
}

function p99(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] ?? 0;
}

export async function benchDebug(opts: DebugBenchOptions = {}): Promise<DebugFigures> {
  const target = opts.records ?? DEFAULT_RECORDS;
  const nodes = opts.nodes ?? 20;
  const deps = opts.deployments ?? 10;
  const samples = opts.samples ?? 300;
  const built = performance.now();
  const c = await startBenchCluster(nodes);
  let records = 0;
  const faults: FaultRecord[] = [];
  const sub = c.log.appended$.subscribe((batch) => {
    records += batch.length;
    for (const r of batch) if (r.type === 'fault') faults.push(r);
  });
  const ctx = { actor: 'user:bench', fieldManager: 'bench' };
  const rnd = seededRandom(42);
  for (let i = 0; i < deps; i++) await c.api.applyObject(deployment(`app-${i}`, 10, 'img:1'), ctx);
  const available = findInvariant('deployments-available');
  await c.runUntil(() => available.check(c.store.head(), { rev: c.store.rev, time: c.scheduler.now(), epoch: c.log.header.epoch }).length === 0, 'the first rollout', 600_000);
  const good = c.store.rev;
  let minute = 0;
  const version = new Map<number, number>();
  while (records < target) {
    minute++;
    const i = rnd.int(deps);
    if (minute % 2 === 0) {
      const v = (version.get(i) ?? 1) + 1;
      version.set(i, v);
      await c.api.applyObject(deployment(`app-${i}`, 5 + rnd.int(20), `img:${v}`), ctx);
    } else {
      await c.api.applyObject(deployment(`app-${i}`, 5 + rnd.int(20), `img:${version.get(i) ?? 1}`), ctx);
    }
    if (minute % 10 === 3) await c.cluster.fault({ kind: 'node-down', node: `node-${1 + rnd.int(nodes)}` });
    if (minute % 10 === 8) {
      for (let n = 1; n <= nodes; n++) if (isDown(c, n)) await c.cluster.fault({ kind: 'node-up', node: `node-${n}` });
    }
    if (minute % 4 === 1) {
      const pods = c.store.head().list({ group: '', resource: 'pods', namespace: 'default' });
      const pod = pods[rnd.int(Math.max(1, pods.length))];
      if (pod !== undefined) await c.cluster.fault({ kind: 'container-crash', pod: `default/${pod.metadata.name ?? ''}`, container: 'app' });
    }
    await c.scheduler.run(c.scheduler.now() + 60_000);
    opts.onMinute?.(minute, records, c.store.rev);
  }
  // A Deployment that can never be available: deployments-available fails at head.
  await c.api.applyObject(deployment('too-big', 1, 'img:1', '1000'), ctx);
  await c.scheduler.run(c.scheduler.now() + 30_000);
  sub.unsubscribe();
  c.cluster.stop();
  const buildS = (performance.now() - built) / 1000;

  const store = c.store;
  const podWrites: WriteRecord[] = [];
  for (let k = 0; k < samples * 4 && podWrites.length < samples; k++) {
    const w = store.write(1 + rnd.int(store.rev));
    if (w !== undefined && w.key.startsWith('core/pods/') && !w.actor.startsWith('user:')) podWrites.push(w);
  }
  const whyMs: number[] = [];
  for (const w of podWrites) {
    const t = performance.now();
    why(store, faults, w.key, w.rev);
    whyMs.push(performance.now() - t);
  }
  const blameMs: number[] = [];
  for (const w of podWrites) {
    const key = rnd.int(4) === 0 ? `apps/deployments/default/app-${rnd.int(deps)}` : w.key;
    const t = performance.now();
    blame(store, key, w.rev);
    blameMs.push(performance.now() - t);
  }
  const t = performance.now();
  bisect(store, available, { epoch: c.log.header.epoch, good, bad: store.rev });
  const bisectS = (performance.now() - t) / 1000;
  return { debug_history_records: records, debug_history_writes: store.rev, debug_build_s: buildS, why_p99_ms: p99(whyMs), blame_p99_ms: p99(blameMs), bisect_s: bisectS };
}

/** Whether the world has the node down (its Node is not Ready). */
function isDown(c: Awaited<ReturnType<typeof startBenchCluster>>, n: number): boolean {
  const node = c.store.head().get(`core/nodes/_/node-${n}`);
  const ready = ((node?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).find((x) => x.type === 'Ready');
  return ready !== undefined && ready.status !== 'True';
}
