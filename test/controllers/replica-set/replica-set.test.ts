import { describe, expect, it } from 'vitest';
import { isTerminal } from '../../../src/controllers/controller.js';
import { replicaSetController } from '../../../src/controllers/replica-set/replica-set.js';
import type { HistoryRecord, KubeObject } from '../../../src/model/index.js';
import { conflict } from '../../../src/model/index.js';
import type { StateView } from '../../../src/store/index.js';
import { testEngine } from '../../runtime/engine.js';
import type { TestEngine } from '../../runtime/engine.js';
import { PODS, RS, pod, replicaSet, user } from './fixtures.js';

const ACTOR = 'controller:replicaset';
const EPOCH = Date.UTC(2026, 0, 1);
const stamp = (ms: number): string => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function records(e: TestEngine): Promise<HistoryRecord[]> {
  const out: HistoryRecord[] = [];
  for await (const r of e.log.read()) out.push(r);
  return out;
}
const podNames = (e: TestEngine): string[] => e.api.list(PODS).items.map((p) => p.metadata.name ?? '');
const rsStatus = (e: TestEngine, name = 'web'): Record<string, unknown> => e.api.get({ ...RS, name })['status'] as Record<string, unknown>;
const ready = (e: TestEngine, name: string, atMs: number, extra: object = {}): Promise<KubeObject> =>
  e.api.patch(
    { ...PODS, name, subresource: 'status' },
    'merge',
    { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: stamp(atMs) }], ...extra } },
    user,
  );

async function started(replicas: number, extra: Parameters<typeof replicaSet>[2] = {}): Promise<TestEngine> {
  const e = await testEngine();
  e.manager.add(replicaSetController);
  await e.api.create(RS, replicaSet('web', replicas, extra), user);
  await e.scheduler.run(e.clock.now() + 100);
  return e;
}

describe('replicaSetController', () => {
  it('does nothing when there is no ReplicaSet', async () => {
    const e = await testEngine();
    e.manager.add(replicaSetController);
    await e.api.create(PODS, pod('lonely', { app: 'web' }), user);
    await e.scheduler.run(1000);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(0);
  });

  it('creates the pods from the template in one sync, then records SuccessfulCreate and the status', async () => {
    const e = await started(10);
    const pods = e.api.list(PODS).items;
    expect(pods).toHaveLength(10);
    const rs = e.api.get({ ...RS, name: 'web' });
    for (const p of pods) {
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    const syncs = (await records(e)).filter((r): r is Extract<HistoryRecord, { type: 'reconcile' }> => r.type === 'reconcile' && r.controller === 'replicaset');
    expect(syncs[0]?.commands.filter((c) => c.type === 'create').length).toBe(10);
    const events = e.api.list({ group: '', version: 'v1', resource: 'events', namespace: 'default' }).items;
    expect(events.filter((ev) => ev['reason'] === 'SuccessfulCreate').map((ev) => ev['message']).sort()).toEqual(podNames(e).map((n) => `Created pod: ${n}`).sort());
    expect(rsStatus(e)).toMatchObject({ replicas: 10, fullyLabeledReplicas: 10, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 });
  });

  it('stops a sync’s slow-start batches at the first refused create and resumes with a new slow start', async () => {
    const e = await testEngine();
    let creates = 0;
    const execute = e.api.execute.bind(e.api);
    e.api.execute = (command, ctx) => {
      if (command.type === 'create' && command.object.kind === 'Pod' && ++creates === 4) return Promise.reject(conflict({ group: '', resource: 'pods' }, 'web-x', 'injected'));
      return execute(command, ctx);
    };
    e.manager.add(replicaSetController);
    await e.api.create(RS, replicaSet('web', 10), user);
    await e.scheduler.run(1000);
    expect(podNames(e)).toHaveLength(10);
    const all = await records(e);
    const attempts = all.filter((r) => r.type === 'attempt');
    expect(attempts).toHaveLength(1);
    // The first sync got through batches [1, 2] and was stopped in the third; the retry plans [1, 2, 4] for the 7 left.
    const podCreates = all.filter((r) => r.type === 'write' && r.actor === ACTOR && r.verb === 'create' && r.key.startsWith('core/pods/'));
    const bySync = new Map<number, number>();
    for (const w of podCreates) if (w.type === 'write') bySync.set(w.observedRev ?? 0, (bySync.get(w.observedRev ?? 0) ?? 0) + 1);
    expect([...bySync.values()]).toEqual([3, 7]);
  });

  it('a metadata-only update of the ReplicaSet writes nothing', async () => {
    const e = await started(2);
    const before = e.store.writes({ actor: ACTOR }).length;
    await e.api.patch({ ...RS, name: 'web' }, 'merge', { metadata: { annotations: { note: 'x' } } }, user);
    await e.scheduler.run(e.clock.now() + 100);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(before);
  });

  it('scales up and, scaling down, deletes the least valuable pods first', async () => {
    const e = await started(2);
    await e.api.patch({ ...RS, name: 'web' }, 'merge', { spec: { replicas: 5 } }, user);
    await e.scheduler.run(e.clock.now() + 100);
    const names = podNames(e);
    expect(names).toHaveLength(5);
    const [a, b, c, d, f] = names as [string, string, string, string, string];
    await ready(e, a, 0);
    await ready(e, b, 0);
    await e.api.patch({ ...PODS, name: c, subresource: 'status' }, 'merge', { status: { phase: 'Running' } }, user);
    await ready(e, d, 0, { containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready: true, restartCount: 4 }] });
    // f stays Pending: it goes first, then c (Running, not ready), then d (ready, most restarts).
    await e.api.patch({ ...RS, name: 'web' }, 'merge', { spec: { replicas: 2 } }, user);
    await e.scheduler.run(e.clock.now() + 100);
    expect(podNames(e).sort()).toEqual([a, b].sort());
    const deletes = e.store.writes({ actor: ACTOR }).filter((w) => w.verb === 'delete').map((w) => w.key.split('/')[3]);
    expect(deletes).toEqual([f, c, d]);
    const events = e.api.list({ group: '', version: 'v1', resource: 'events', namespace: 'default' }).items;
    expect(events.filter((ev) => ev['reason'] === 'SuccessfulDelete').map((ev) => ev['message']).sort()).toEqual([f, c, d].map((n) => `Deleted pod: ${n}`).sort());
  });

  it('replaces a pod a user deletes, and does not count terminated pods', async () => {
    const e = await started(3);
    const [first, second] = podNames(e) as [string, string];
    await e.api.delete({ ...PODS, name: first }, user);
    await e.api.patch({ ...PODS, name: second, subresource: 'status' }, 'merge', { status: { phase: 'Succeeded' } }, user);
    await e.scheduler.run(e.clock.now() + 100);
    const names = podNames(e);
    expect(names).not.toContain(first);
    expect(names).toHaveLength(4); // the Succeeded pod stays but is not counted
    expect(rsStatus(e)).toMatchObject({ replicas: 3 });
  });

  it('adopts a matching orphan and releases a pod whose labels stop matching', async () => {
    const e = await testEngine();
    e.manager.add(replicaSetController);
    await e.api.create(PODS, pod('orphan', { app: 'web' }), user);
    await e.api.create(PODS, pod('stranger', { app: 'other' }), user);
    await e.api.create(RS, replicaSet('web', 2), user);
    await e.scheduler.run(1000);
    const rs = e.api.get({ ...RS, name: 'web' });
    const orphan = e.api.get({ ...PODS, name: 'orphan' });
    expect(orphan.metadata.ownerReferences).toEqual([expect.objectContaining({ uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true })]);
    expect(e.api.get({ ...PODS, name: 'stranger' }).metadata.ownerReferences).toBeUndefined();
    expect(podNames(e)).toHaveLength(3); // orphan + 1 created + stranger
    await e.api.patch({ ...PODS, name: 'orphan' }, 'merge', { metadata: { labels: { app: 'retired' } } }, user);
    await e.scheduler.run(e.clock.now() + 1000);
    expect(e.api.get({ ...PODS, name: 'orphan' }).metadata.ownerReferences ?? []).toEqual([]);
    expect(e.api.list(PODS).items.filter((p) => p.metadata.labels?.['app'] === 'web')).toHaveLength(2);
  });

  it('counts available replicas after minReadySeconds, re-checking by itself (requeue-after)', async () => {
    const e = await started(2, { minReadySeconds: 10 });
    const [a, b] = podNames(e) as [string, string];
    const t = Math.ceil(e.clock.now() / 1000) * 1000;
    await e.scheduler.run(t);
    await ready(e, a, t);
    await ready(e, b, t);
    await e.scheduler.run(t + 100);
    expect(rsStatus(e)).toMatchObject({ readyReplicas: 2, availableReplicas: 0 });
    await e.scheduler.run(t + 10_500);
    expect(rsStatus(e)).toMatchObject({ availableReplicas: 0 });
    await e.scheduler.run(t + 11_100);
    expect(rsStatus(e)).toMatchObject({ availableReplicas: 2 });
    const statusWrite = e.store.writes({ actor: ACTOR }).filter((w) => w.verb === 'update').at(-1);
    expect(statusWrite?.time).toBe(t + 11_000); // minReadySeconds + 1 s after turning ready, as Kubernetes re-enqueues
  });

  it('retries a status write refused with a conflict, with backoff', async () => {
    const e = await testEngine();
    let refused = 0;
    const execute = e.api.execute.bind(e.api);
    e.api.execute = (command, ctx) => {
      if (command.type === 'update' && command.subresource === 'status' && refused++ < 2) return Promise.reject(conflict({ group: 'apps', resource: 'replicasets' }, 'web', 'injected'));
      return execute(command, ctx);
    };
    e.manager.add(replicaSetController);
    await e.api.create(RS, replicaSet('web', 0), user);
    await e.scheduler.run(1000);
    const attempts = (await records(e)).filter((r) => r.type === 'attempt');
    expect(attempts.map((a) => a.time)).toEqual([0, 5]);
    expect(rsStatus(e)).toMatchObject({ replicas: 0, observedGeneration: 1 });
    expect(e.store.writes({ actor: ACTOR }).map((w) => w.time)).toEqual([15]);
  });

  it('an unusable selector is a terminal error', () => {
    const bad = replicaSet('web', 1);
    (bad['spec'] as { selector: unknown }).selector = { matchExpressions: [{ key: 'app', operator: 'Near', values: ['x'] }] };
    const view = { get: () => bad } as unknown as StateView;
    let thrown: unknown;
    try {
      replicaSetController.reconcile('apps/replicasets/default/web', view, { now: 0, epoch: EPOCH, random: { next: () => 0, int: () => 0 } });
    } catch (err) {
      thrown = err;
    }
    expect(isTerminal(thrown)).toBe(true);
  });

  it('acts no more once removed from the manager (shutdown mid-run)', async () => {
    const e = await testEngine();
    e.manager.add(replicaSetController);
    await e.api.create(RS, replicaSet('web', 3), user);
    e.manager.remove('replicaset');
    await e.scheduler.run(1000);
    expect(podNames(e)).toHaveLength(0);
  });

  it('stops managing pods while the ReplicaSet is being deleted', async () => {
    const e = await started(2);
    await e.api.delete({ ...RS, name: 'web' }, user, { propagationPolicy: 'Orphan' });
    const [first] = podNames(e) as [string];
    await e.api.delete({ ...PODS, name: first }, user);
    await e.scheduler.run(e.clock.now() + 1000);
    expect(podNames(e)).toHaveLength(1);
    expect(rsStatus(e)).toMatchObject({ replicas: 1 });
  });
});

