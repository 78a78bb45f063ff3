import { describe, expect, it } from 'vitest';
import { disruptionController } from '../../../src/controllers/disruption/disruption-controller.js';
import { createApi } from '../../../src/api/index.js';
import type { Api } from '../../../src/api/index.js';
import { createMemoryLog } from '../../../src/log/index.js';
import type { KubeObject } from '../../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../../../src/model/index.js';
import { Cluster, SimScheduler, createWorld, virtualClock } from '../../../src/runtime/index.js';
import type { DrainResult } from '../../../src/runtime/scenario/drain-node.js';
import { cordonNode, drainNode, goDuration } from '../../../src/runtime/scenario/drain-node.js';
import type { Store } from '../../../src/store/index.js';
import { openStore } from '../../../src/store/index.js';
import { pod, PODS, replicaSet } from '../../controllers/disruption/helpers.js';

const EPOCH = Date.UTC(2026, 0, 1);

function daemonSetSpec(): Promise<KubeObject> {
  return Promise.resolve({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {},
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      updateStrategy: { type: 'OnDelete' },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'agent' }] } },
    },
  });
}
const ops = { actor: 'user:ops' };
const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;

interface Run {
  readonly api: Api;
  readonly store: Store;
  readonly scheduler: SimScheduler;
  readonly cluster: Cluster;
}

async function cluster(nodes: readonly string[]): Promise<Run> {
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: EPOCH, clock: 'virtual', seed: 3 });
  const store = await openStore(log);
  const clock = virtualClock(0);
  const api = createApi({ log, store, clock, ids: seededIds(seededRandom(3)) });
  const scheduler = new SimScheduler(clock);
  const c = new Cluster({ api, store, log, scheduler, world: createWorld({ behaviours: [] }), seed: 3 });
  await api.bootstrap();
  c.start([disruptionController]);
  for (const name of nodes) c.addNode({ name });
  await scheduler.run(1000);
  return { api, store, scheduler, cluster: c };
}

const web = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});
const pdb = (minAvailable: number): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default' },
  spec: { minAvailable, selector: { matchLabels: { app: 'web' } } },
});

const ready = (p: KubeObject): boolean =>
  p.metadata.deletionTimestamp === undefined &&
  ((p['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const nodeOf = (p: KubeObject): string | undefined => (p['spec'] as { nodeName?: string }).nodeName;

/** Runs the scheduler until `p` settles (in virtual time), at most `limitMs` more. */
async function until(r: Run, p: Promise<DrainResult>, limitMs: number): Promise<DrainResult> {
  let result: DrainResult | undefined;
  void p.then((x) => (result = x));
  const end = r.scheduler.now() + limitMs;
  while (result === undefined && r.scheduler.now() < end) await r.scheduler.run(r.scheduler.now() + 1000);
  if (result === undefined) throw new Error('the drain did not finish');
  return result;
}

describe('drainNode', () => {
  it('cordons, then evicts one pod at a time as the budget allows, retrying refusals every 5 s, and never breaks the budget', async () => {
    const r = await cluster(['node-1']);
    await r.api.applyObject(web(3), ops);
    await r.api.applyObject(pdb(2), ops);
    await r.scheduler.run(60_000);
    expect(r.api.list(PODS).items.filter(ready).map(nodeOf)).toEqual(['node-1', 'node-1', 'node-1']);
    r.cluster.addNode({ name: 'node-2' });
    r.cluster.addNode({ name: 'node-3' });
    await r.scheduler.run(70_000);
    const from = r.store.rev;
    const result = await until(r, drainNode(r.api, 'node-1', ops, { scheduler: r.scheduler, ignoreDaemonSets: true }), 600_000);

    expect(result.drained).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.evicted).toHaveLength(3);
    expect(result.refusals).toBeGreaterThan(0);
    expect(result.output[0]).toBe('node/node-1 cordoned');
    expect(result.output.at(-1)).toBe('node/node-1 drained');
    expect(result.output).toContain(
      `error when evicting pods/"${result.evicted[1]?.split('/')[1] ?? ''}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    );
    expect(r.api.get({ ...NODES, name: 'node-1' })['spec']).toMatchObject({ unschedulable: true });
    // Never fewer than 2 ready pods, at any revision of the drain.
    const cursor = r.store.cursor(from);
    let least = Number.POSITIVE_INFINITY;
    while (cursor.forward()) least = Math.min(least, cursor.state.list({ group: '', resource: 'pods', namespace: 'default' }).filter(ready).length);
    expect(least).toBe(2);
    // One eviction at a time: each granted eviction (a budget status write by the drain's actor) waits for the previous replacement.
    const spends = r.store.writes({ actor: 'user:ops' }).filter((w) => w.rev > from && w.key.startsWith('policy/'));
    expect(spends).toHaveLength(3);
    const pods = r.api.list(PODS).items.filter(ready);
    expect(pods).toHaveLength(3);
    expect(pods.map(nodeOf).every((n) => n !== 'node-1')).toBe(true);
  }, 60_000);

  it('gives up at the timeout with kubectl\'s "global timeout reached" while the budget refuses', async () => {
    const r = await cluster(['node-1']);
    await r.api.applyObject(web(2), ops);
    await r.api.applyObject(pdb(2), ops);
    await r.scheduler.run(60_000);
    const result = await until(r, drainNode(r.api, 'node-1', ops, { scheduler: r.scheduler, timeoutMs: 30_000 }), 120_000);
    expect(result.drained).toBe(false);
    expect(result.evicted).toEqual([]);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/^error when evicting pods\/"web-[a-z0-9-]+" -n "default": global timeout reached: 30s$/);
    expect(result.refusals).toBe(12);
    expect(result.endedAt).toBe(60_000 + 30_000);
  }, 60_000);

  it("refuses DaemonSet pods without ignoreDaemonSets, and pods without a controller unless forced, before evicting anything", async () => {
    const r = await cluster(['node-1']);
    // OnDelete: the DaemonSet controller keeps agent-x (no template hash) instead of replacing it.
    const ds = await r.api.create(
      { group: 'apps', version: 'v1', resource: 'daemonsets', namespace: 'default' },
      { ...(await daemonSetSpec()), metadata: { name: 'agent' } },
      ops,
    );
    await pod(r.api, 'agent-x', { owner: ds, labels: { app: 'agent' } });
    // Labels no controller selects (a ReplicaSet would adopt a matching orphan).
    await pod(r.api, 'bare', { labels: { app: 'bare' } });
    await pod(r.api, 'static', { labels: { app: 'static' }, annotations: { 'kubernetes.io/config.mirror': 'x' } });
    await pod(r.api, 'scratch', { owner: await replicaSet(r.api, 'rs', 1), volumes: [{ name: 'tmp', emptyDir: {} }] });
    const rev = r.store.rev;
    const refused = await until(r, drainNode(r.api, 'node-1', ops, { scheduler: r.scheduler }), 10_000);
    expect(refused.drained).toBe(false);
    expect(refused.errors).toEqual([
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-x',
      'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch',
      'cannot delete Pods that declare no controller (use --force to override): default/bare',
    ]);
    // Only the cordon was written.
    expect(r.store.writes({ actor: 'user:ops' }).filter((w) => w.rev > rev).map((w) => w.key)).toEqual(['core/nodes/_/node-1']);

    const forced = await until(r, drainNode(r.api, 'node-1', ops, { scheduler: r.scheduler, ignoreDaemonSets: true, force: true, deleteEmptyDirData: true }), 120_000);
    expect(forced.output[0]).toBe('node/node-1 already cordoned');
    expect(forced.output[1]).toBe('Warning: deleting Pods that declare no controller: default/bare; ignoring DaemonSet-managed Pods: default/agent-x');
    expect([...forced.evicted].sort()).toEqual(['default/bare', 'default/scratch']);
    expect(r.api.get({ ...PODS, name: 'static' })).toBeDefined();
    expect(r.api.get({ ...PODS, name: 'agent-x' })).toBeDefined();
  }, 60_000);

  it('cordonNode and uncordon set and clear spec.unschedulable, and say when nothing changed', async () => {
    const r = await cluster(['node-1']);
    expect(await cordonNode(r.api, 'node-1', ops)).toBe(true);
    expect(await cordonNode(r.api, 'node-1', ops)).toBe(false);
    expect(await cordonNode(r.api, 'node-1', ops, false)).toBe(true);
    expect((r.api.get({ ...NODES, name: 'node-1' })['spec'] as Record<string, unknown>)['unschedulable']).toBeUndefined();
  });

  it("formats durations as Go's time.Duration", () => {
    expect([0, 1500, 30_000, 300_000, 3_723_000].map(goDuration)).toEqual(['0s', '1.5s', '30s', '5m0s', '1h2m3s']);
  });
});
