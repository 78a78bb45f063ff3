import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import { ClusterCache } from '../../../src/controllers/scheduler/cluster-cache.js';
import { schedulerController } from '../../../src/controllers/scheduler/scheduler.js';
import type { HistoryRecord, KubeObject } from '../../../src/model/index.js';
import type { TestEngine } from '../../runtime/engine.js';
import { testEngine } from '../../runtime/engine.js';
import { addNode, EVENTS, NODES, PODS, pod, user } from './fixtures.js';

const get = (e: TestEngine, name: string) => e.api.get({ ...PODS, name }) as KubeObject & Pod;
const nodeOf = (e: TestEngine, name: string) => get(e, name).spec?.nodeName;
const condition = (e: TestEngine, name: string) => get(e, name).status?.conditions?.find((c) => c.type === 'PodScheduled');
const events = (e: TestEngine, podName: string, reason: string) =>
  e.api.list(EVENTS).items.filter((i) => (i['involvedObject'] as { name?: string }).name === podName && i['reason'] === reason);
const bindings = (e: TestEngine, actor = 'controller:scheduler') => e.store.writes({ actor }).filter((w) => w.subresource === 'binding');

async function records(e: TestEngine, type: HistoryRecord['type']): Promise<HistoryRecord[]> {
  const out: HistoryRecord[] = [];
  for await (const r of e.log.read()) if (r.type === type) out.push(r);
  return out;
}

describe('scheduler: the controller contract', () => {
  it('does nothing when there is nothing to schedule', async () => {
    const e = await testEngine();
    await addNode(e.api, 'a');
    const before = e.log.headRev();
    e.manager.add(schedulerController());
    await e.scheduler.run(60_000);
    expect(e.log.headRev()).toBe(before);
  });

  it('binds a new pod through a Binding and records a Scheduled event', async () => {
    const e = await testEngine();
    await addNode(e.api, 'a');
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('web'), user);
    await e.scheduler.run(1000);
    expect(nodeOf(e, 'web')).toBe('a');
    expect(condition(e, 'web')).toMatchObject({ status: 'True' });
    expect(events(e, 'web', 'Scheduled')).toMatchObject([{ type: 'Normal', message: 'Successfully assigned default/web to a', source: { component: 'default-scheduler' } }]);
    expect(bindings(e)).toMatchObject([{ verb: 'create', key: 'core/pods/default/web' }]);
  });

  it("leaves other schedulers' pods, bound pods, and its own status writes alone", async () => {
    const e = await testEngine();
    await addNode(e.api, 'a', { cpu: '1' });
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('mine-elsewhere', undefined, { schedulerName: 'other' }), user);
    await e.api.create(PODS, pod('big', { cpu: '2' }), user);
    await e.scheduler.run(1000);
    expect(nodeOf(e, 'mine-elsewhere')).toBeUndefined();
    const reconciles = (await records(e, 'reconcile')).filter((r) => r.type === 'reconcile' && r.key === 'core/pods/default/big');
    // one attempt; the PodScheduled=False status patch it wrote did not wake it again
    expect(reconciles).toHaveLength(1);
    expect(events(e, 'big', 'FailedScheduling')).toHaveLength(1);
  });

  it('a no-op (status-only) update to a pending pod is filtered out; a spec change (a toleration added) reschedules it', async () => {
    const e = await testEngine();
    await addNode(e.api, 'a', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('db'), user);
    await e.scheduler.run(1000);
    expect(condition(e, 'db')?.message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: db}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    const count = async () => (await records(e, 'reconcile')).filter((r) => r.type === 'reconcile' && r.key === 'core/pods/default/db').length;
    const before = await count();
    await e.api.patch({ ...PODS, name: 'db', subresource: 'status' }, 'merge', { status: { message: 'hello' } }, user);
    await e.scheduler.run(2000);
    expect(await count()).toBe(before);
    const tolerations = [...(get(e, 'db').spec?.tolerations ?? []), { key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }];
    await e.api.patch({ ...PODS, name: 'db' }, 'merge', { spec: { tolerations } }, user);
    await e.scheduler.run(5000);
    expect(nodeOf(e, 'db')).toBe('a');
  });

  it('forgets a pod deleted before it was scheduled', async () => {
    const e = await testEngine();
    await addNode(e.api, 'a');
    await e.api.create(PODS, pod('gone'), user);
    await e.api.delete({ ...PODS, name: 'gone' }, user, { gracePeriodSeconds: 0 });
    e.manager.add(schedulerController());
    await e.scheduler.run(1000);
    expect(bindings(e)).toHaveLength(0);
  });

  it('a refused binding (the pod was bound meanwhile: 409) is recorded and retried with backoff', async () => {
    const e = await testEngine();
    await addNode(e.api, 'a');
    await e.api.create(PODS, pod('raced'), user);
    const pendingRev = e.store.rev;
    await e.api.create({ ...PODS, name: 'raced', subresource: 'binding' }, { metadata: { name: 'raced' }, target: { kind: 'Node', name: 'a' } }, { actor: 'user:other-scheduler' });
    const real = schedulerController();
    let stale = true;
    // A stale cache: the first reconcile still sees the pod pending.
    const def: ControllerDefinition = { ...real, predicates: [], reconcile: (k, v, c) => real.reconcile(k, stale ? ((stale = false), e.store.at(pendingRev)) : v, c) };
    e.manager.add(def);
    await e.scheduler.run(1000);
    const attempts = await records(e, 'attempt');
    expect(attempts).toMatchObject([{ type: 'attempt', actor: 'controller:scheduler', status: { reason: 'Conflict' } }]);
    const reconciles = (await records(e, 'reconcile')).filter((r) => r.type === 'reconcile' && r.key === 'core/pods/default/raced');
    expect(reconciles).toHaveLength(2);
    expect(reconciles[1]!.time - reconciles[0]!.time).toBe(5);
    expect(reconciles[1]).toMatchObject({ commands: [] });
  });

  it('stops cleanly: a removed scheduler binds nothing more', async () => {
    const e = await testEngine();
    await addNode(e.api, 'a');
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('one'), user);
    await e.scheduler.run(1000);
    e.manager.remove('scheduler');
    await e.api.create(PODS, pod('two'), user);
    await e.scheduler.run(60_000);
    expect(nodeOf(e, 'one')).toBe('a');
    expect(nodeOf(e, 'two')).toBeUndefined();
  });

  it('is deterministic: same seed, same placements (ties broken by the seeded source)', async () => {
    const place = async (seed: number): Promise<string[]> => {
      const e = await testEngine(seed);
      for (let i = 0; i < 6; i++) await addNode(e.api, `n${i}`);
      for (let i = 0; i < 6; i++) await e.api.create(PODS, pod(`p${i}`, undefined), user);
      e.manager.add(schedulerController());
      await e.scheduler.run(1000);
      return Array.from({ length: 6 }, (_, i) => nodeOf(e, `p${i}`) ?? '');
    };
    const a = await place(3);
    expect(await place(3)).toEqual(a);
    expect(a.every((n) => n !== '')).toBe(true);
  });
});

describe('scheduler: kube-scheduler semantics', () => {
  it('marks a pod no node fits Unschedulable with the exact message and a FailedScheduling warning', async () => {
    const e = await testEngine();
    for (const n of ['a', 'b', 'c']) await addNode(e.api, n, { cpu: '1' });
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('big', { cpu: '2' }), user);
    await e.scheduler.run(1000);
    const message = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    expect(condition(e, 'big')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(events(e, 'big', 'FailedScheduling')).toMatchObject([{ type: 'Warning', message, count: 1 }]);
  });

  it('keeps pods off not-ready (tainted), cordoned and mismatching nodes', async () => {
    const e = await testEngine();
    await addNode(e.api, 'not-ready', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] });
    await addNode(e.api, 'cordoned', { unschedulable: true });
    await addNode(e.api, 'ssd', { labels: { disk: 'ssd' } });
    await addNode(e.api, 'hdd', { labels: { disk: 'hdd' } });
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('p', undefined, { nodeSelector: { disk: 'ssd' } }), user);
    await e.api.create(PODS, pod('q', undefined, { nodeSelector: { disk: 'nvme' } }), user);
    await e.scheduler.run(1000);
    expect(nodeOf(e, 'p')).toBe('ssd');
    expect(condition(e, 'q')?.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });

  it('says when there are no nodes at all', async () => {
    const e = await testEngine();
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('p'), user);
    await e.scheduler.run(1000);
    expect(condition(e, 'p')).toMatchObject({ reason: 'Unschedulable', message: 'no nodes available to schedule pods' });
  });

  it('spreads by default (LeastAllocated) and packs with MostAllocated', async () => {
    const run = async (strategy: 'LeastAllocated' | 'MostAllocated'): Promise<Set<string>> => {
      const e = await testEngine();
      for (const n of ['a', 'b', 'c']) await addNode(e.api, n);
      e.manager.add(schedulerController({ scoringStrategy: strategy }));
      for (let i = 0; i < 3; i++) {
        await e.api.create(PODS, pod(`p${i}`, { cpu: '500m', memory: '1Gi' }), user);
        await e.scheduler.run(e.clock.now() + 100);
      }
      return new Set(['p0', 'p1', 'p2'].map((p) => nodeOf(e, p) ?? ''));
    };
    expect((await run('LeastAllocated')).size).toBe(3);
    expect((await run('MostAllocated')).size).toBe(1);
  });

  it('a node added wakes the unschedulable pod, which retries once its 1 s backoff is over', async () => {
    const e = await testEngine();
    await addNode(e.api, 'small', { cpu: '1' });
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('big', { cpu: '2' }), user);
    await e.scheduler.run(100);
    await addNode(e.api, 'large', { cpu: '4' });
    await e.scheduler.run(10_000);
    expect(nodeOf(e, 'big')).toBe('large');
    // failed during second 0 → backoff from its end (0.999 s) + 1 s, on the backoff queue's 1 s flush
    expect(bindings(e)[0]?.time).toBe(2000);
  });

  it('a node update irrelevant to scheduling (heartbeat) wakes nobody; the pod waits for the 5-minute flush', async () => {
    const e = await testEngine();
    await addNode(e.api, 'small', { cpu: '1' });
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('big', { cpu: '2' }), user);
    await e.scheduler.run(100);
    await e.api.patch({ ...NODES, name: 'small', subresource: 'status' }, 'merge', { status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-01T00:00:01Z' }] } }, user);
    await e.scheduler.run(329_000);
    expect(events(e, 'big', 'FailedScheduling')[0]?.['count']).toBe(1);
    await e.scheduler.run(331_000);
    expect(events(e, 'big', 'FailedScheduling')[0]).toMatchObject({ count: 2, lastTimestamp: '2026-01-01T00:05:30Z' });
  });

  it('backs off 1, 2, 4 s between attempts moved by node events', async () => {
    const e = await testEngine();
    await addNode(e.api, 'small', { cpu: '1' });
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('big', { cpu: '2' }), user);
    const attemptTimes = async () =>
      (await records(e, 'reconcile')).filter((r) => r.type === 'reconcile' && r.key === 'core/pods/default/big' && r.commands.length > 0).map((r) => r.time);
    await e.scheduler.run(100);
    for (const [t, label] of [
      [100, 'x'],
      [2100, 'y'],
      [5100, 'z'],
    ] as const) {
      await e.scheduler.run(t);
      await e.api.patch({ ...NODES, name: 'small' }, 'merge', { metadata: { labels: { step: label } } }, user);
    }
    await e.scheduler.run(20_000);
    expect(await attemptTimes()).toEqual([0, 2000, 5000, 10_000]);
    expect(events(e, 'big', 'FailedScheduling')[0]?.['count']).toBe(4);
  });

  it('a bound pod leaving frees its resources and wakes the waiting pod', async () => {
    const e = await testEngine();
    await addNode(e.api, 'a', { cpu: '1' });
    e.manager.add(schedulerController());
    await e.api.create(PODS, pod('first', { cpu: '1' }), user);
    await e.scheduler.run(100);
    await e.api.create(PODS, pod('second', { cpu: '1' }), user);
    await e.scheduler.run(500);
    expect(condition(e, 'second')?.reason).toBe('Unschedulable');
    await e.api.delete({ ...PODS, name: 'first' }, user, { gracePeriodSeconds: 0 });
    await e.scheduler.run(5000);
    expect(nodeOf(e, 'second')).toBe('a');
  });

  it('pins a pod to the nodes named by matchFields, reporting the others as NodeAffinity misses', async () => {
    const e = await testEngine();
    for (const n of ['a', 'b', 'c']) await addNode(e.api, n, { pods: '1' });
    e.manager.add(schedulerController());
    const pinned = (name: string) =>
      pod(name, undefined, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }] } } } });
    await e.api.create(PODS, pinned('ds-1'), user);
    await e.scheduler.run(100);
    await e.api.create(PODS, pinned('ds-2'), user);
    await e.scheduler.run(200);
    expect(nodeOf(e, 'ds-1')).toBe('b');
    expect(condition(e, 'ds-2')?.message).toBe(
      "0/3 nodes are available: 1 Too many pods, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('samples nodes from a rotating start: with 150 nodes it looks for 100 feasible ones per pod', async () => {
    const e = await testEngine();
    for (let i = 0; i < 150; i++) await addNode(e.api, `n${String(i).padStart(3, '0')}`);
    const def = schedulerController();
    e.manager.add(def);
    await e.api.create(PODS, pod('p0'), user);
    await e.scheduler.run(100);
    expect(def.cache.nextStartNodeIndex).toBe(100);
    await e.api.create(PODS, pod('p1'), user);
    await e.scheduler.run(200);
    expect(def.cache.nextStartNodeIndex).toBe(50);
    // p1 was scored among n100..n149 and n000..n049 only
    const n1 = Number(nodeOf(e, 'p1')?.slice(1));
    expect(n1 < 50 || n1 >= 100).toBe(true);
  });

  it('keeps node usage incrementally, equal to a full recount of the view', async () => {
    const e = await testEngine();
    for (const n of ['a', 'b', 'c', 'd']) await addNode(e.api, n, { cpu: '2', memory: '4Gi' });
    const def = schedulerController();
    e.manager.add(def);
    for (let i = 0; i < 12; i++) {
      await e.api.create(PODS, pod(`p${i}`, { cpu: `${100 + i * 50}m`, memory: `${64 * (i + 1)}Mi` }), user);
      if (i % 3 === 2) await e.api.delete({ ...PODS, name: `p${i - 1}` }, user, { gracePeriodSeconds: 0 });
      if (i === 6) await e.api.patch({ ...NODES, name: 'b', subresource: 'status' }, 'merge', { status: { allocatable: { cpu: '3', memory: '4Gi', pods: '110' } } }, user);
      if (i === 8) await e.api.delete({ ...NODES, name: 'd' }, user);
      await e.scheduler.run(e.clock.now() + 50);
    }
    await e.api.patch({ ...PODS, name: 'p0', subresource: 'status' }, 'merge', { status: { phase: 'Succeeded' } }, user);
    await e.api.create(PODS, pod('last'), user);
    await e.scheduler.run(e.clock.now() + 50);
    expect(def.cache.stats.rebuilds).toBe(1);
    expect(def.cache.stats.incremental).toBeGreaterThan(5);
    const fresh = new ClusterCache(() => false);
    fresh.sync(e.store.head());
    def.cache.sync(e.store.head());
    const usage = (c: ClusterCache) => c.nodeList().map((n) => ({ name: n.name, cpu: n.allocatable.cpu, usage: n.usage }));
    expect(usage(def.cache)).toEqual(usage(fresh));
    expect(usage(fresh).map((u) => u.name)).toEqual(['a', 'b', 'c']);
  });
});
