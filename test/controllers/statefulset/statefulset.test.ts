import { describe, expect, it } from 'vitest';
import { newRevision } from '../../../src/controllers/statefulset/revisions.js';
import { statefulSetController } from '../../../src/controllers/statefulset/statefulset.js';
import type { KubeObject } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';
import type { TestEngine } from '../../runtime/engine.js';
import type { SetOptions } from './helpers.js';
import {
  PODS,
  PVCS,
  REVS,
  STS,
  advance,
  claimNames,
  eventMessages,
  livePodNames,
  markFailed,
  markReady,
  markRunning,
  podNames,
  settle,
  setStatus,
  statefulSet,
  user,
} from './helpers.js';

const ACTOR = 'controller:statefulset';
const pod = (e: TestEngine, name: string): KubeObject => e.api.get({ ...PODS, name });
const image = (p: KubeObject): string | undefined => (p['spec'] as { containers: { image?: string }[] }).containers[0]?.image;
const revisionOf = (p: KubeObject): string | undefined => p.metadata.labels?.['controller-revision-hash'];
const setImage = (e: TestEngine, v: string, name = 'web') => e.api.patch({ ...STS, name }, 'merge', { spec: { template: { spec: { containers: [{ name: 'c', image: v }] } } } }, user);

async function started(replicas: number, o: SetOptions = {}, name = 'web'): Promise<TestEngine> {
  const e = await testEngine();
  e.manager.add(statefulSetController);
  await e.api.create(STS, statefulSet(name, replicas, o), user);
  return e;
}

/** Starts a set and readies its pods until all `replicas` run. */
async function running(replicas: number, o: SetOptions = {}): Promise<TestEngine> {
  const e = await started(replicas, o);
  await settle(e, e.clock.now() + (replicas + 2) * 1000);
  return e;
}

describe('statefulSetController', () => {
  it('does nothing without StatefulSets', async () => {
    const e = await testEngine();
    e.manager.add(statefulSetController);
    await advance(e, 5000);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(0);
  });

  it('OrderedReady: creates NAME-0 and its claim, and NAME-1 only once NAME-0 is Running and Ready', async () => {
    const e = await started(3);
    await advance(e, 1000);
    expect(podNames(e)).toEqual(['web-0']);
    expect(claimNames(e)).toEqual(['data-web-0']);
    await markRunning(e, 'web-0');
    await advance(e, 1000);
    expect(podNames(e)).toEqual(['web-0']);
    await markReady(e, 'web-0');
    await advance(e, 1000);
    expect(podNames(e)).toEqual(['web-0', 'web-1']);
    const p = pod(e, 'web-1');
    expect(p.metadata.generateName).toBe('web-');
    expect(p.metadata.labels).toEqual({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': setStatus(e)['updateRevision'] });
    expect(p['spec']).toMatchObject({ hostname: 'web-1', subdomain: 'web-svc', volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }] });
    expect(p.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'StatefulSet', name: 'web', controller: true, blockOwnerDeletion: true })]);
    const claim = e.api.get({ ...PVCS, name: 'data-web-1' });
    expect(claim.metadata.labels).toEqual({ app: 'web' });
    expect(claim.metadata.ownerReferences).toBeUndefined();
    expect(claim['spec']).toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(eventMessages(e, 'SuccessfulCreate').sort()).toEqual([
      'create Claim data-web-0 Pod web-0 in StatefulSet web success',
      'create Claim data-web-1 Pod web-1 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
    ]);
    expect(setStatus(e)).toMatchObject({ observedGeneration: 1, replicas: 2, readyReplicas: 1, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 1, collisionCount: 0 });
  });

  it('Parallel: creates every pod and claim in one sync, and deletes all surplus pods at once', async () => {
    const e = await started(3, { policy: 'Parallel' });
    await advance(e, 1000);
    expect(podNames(e)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(claimNames(e)).toEqual(['data-web-0', 'data-web-1', 'data-web-2']);
    await e.api.patch({ ...STS, name: 'web' }, 'merge', { spec: { replicas: 1 } }, user);
    await advance(e, 1000);
    expect(podNames(e)).toEqual(['web-0']);
    expect(claimNames(e)).toEqual(['data-web-0', 'data-web-1', 'data-web-2']);
  });

  it('scales down from the highest ordinal, one pod per sync, only while every remaining replica is Running and Ready', async () => {
    const e = await running(4);
    expect(livePodNames(e)).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
    await markRunning(e, 'web-0');
    await e.api.patch({ ...STS, name: 'web' }, 'merge', { spec: { replicas: 1 } }, user);
    await advance(e, 2000);
    // web-0 stays a replica and is not ready: the ordered sync stops there, nothing is deleted.
    expect(livePodNames(e)).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
    await markReady(e, 'web-0');
    await advance(e, 2000);
    expect(livePodNames(e)).toEqual(['web-0']);
    const deletes = e.store.writes({ actor: ACTOR }).filter((w) => w.verb === 'delete');
    expect(deletes.map((w) => w.key.split('/').pop())).toEqual(['web-3', 'web-2', 'web-1']);
    // One per sync: each delete was decided in a sync of its own.
    expect(new Set(deletes.map((w) => w.observedRev)).size).toBe(3);
    expect(claimNames(e)).toEqual(['data-web-0', 'data-web-1', 'data-web-2', 'data-web-3']);
    expect(eventMessages(e, 'SuccessfulDelete')).toContain('delete Pod web-3 in StatefulSet web successful');
  });

  it('scale-down: an unhealthy condemned pod waits unless it is the first unhealthy one (Kubernetes processCondemned)', async () => {
    const e = await running(4);
    await markRunning(e, 'web-2');
    await markRunning(e, 'web-3');
    await e.api.patch({ ...STS, name: 'web' }, 'merge', { spec: { replicas: 2 } }, user);
    await advance(e, 2000);
    // web-3 is unhealthy and web-2 is the first unhealthy pod: web-3 blocks.
    expect(livePodNames(e)).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
    await markReady(e, 'web-3');
    await advance(e, 2000);
    // web-3 goes; web-2, unhealthy but the first unhealthy pod, may go too.
    expect(livePodNames(e)).toEqual(['web-0', 'web-1']);
  });

  it('deletes a Failed pod and recreates it with the same name on a later sync', async () => {
    const e = await running(2);
    const uid = pod(e, 'web-1').metadata.uid;
    await markFailed(e, 'web-1');
    await advance(e, 1000);
    const again = pod(e, 'web-1');
    expect(again.metadata.uid).not.toBe(uid);
    expect((again['status'] as { phase: string }).phase).toBe('Pending');
    expect(eventMessages(e, 'SuccessfulDelete')).toEqual(['delete Pod web-1 in StatefulSet web successful']);
  });

  it('rolls a template change out from the highest ordinal down, one pod at a time, then completes the revision', async () => {
    const e = await running(3);
    const r1 = setStatus(e)['currentRevision'];
    await setImage(e, 'db:2');
    await advance(e, 500);
    const r2 = setStatus(e)['updateRevision'];
    expect(r2).not.toBe(r1);
    expect(podNames(e)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(image(pod(e, 'web-2'))).toBe('db:2');
    expect(image(pod(e, 'web-1'))).toBe('db:1');
    expect(setStatus(e)).toMatchObject({ currentRevision: r1, updateRevision: r2, updatedReplicas: 1, currentReplicas: 2 });
    await settle(e, e.clock.now() + 5000, 500);
    expect(['web-0', 'web-1', 'web-2'].map((n) => image(pod(e, n)))).toEqual(['db:2', 'db:2', 'db:2']);
    expect(setStatus(e)).toMatchObject({ currentRevision: r2, updateRevision: r2, currentReplicas: 3, updatedReplicas: 3, readyReplicas: 3, observedGeneration: 2 });
    const revs = e.api.list(REVS).items.map((r) => [r.metadata.name, r['revision']]);
    expect(revs.sort()).toEqual([[r1, 1], [r2, 2]].sort());
  });

  it('RollingUpdate with a partition updates only ordinals at or above it', async () => {
    const e = await running(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    await setImage(e, 'db:2');
    await settle(e, e.clock.now() + 5000, 500);
    expect(['web-0', 'web-1', 'web-2'].map((n) => image(pod(e, n)))).toEqual(['db:1', 'db:1', 'db:2']);
    expect(setStatus(e)).toMatchObject({ currentReplicas: 2, updatedReplicas: 1 });
    // A pod below the partition deleted by hand comes back at the current revision.
    await e.api.delete({ ...PODS, name: 'web-0' }, user);
    await settle(e, e.clock.now() + 3000, 500);
    expect(image(pod(e, 'web-0'))).toBe('db:1');
    await e.api.patch({ ...STS, name: 'web' }, 'merge', { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } }, user);
    await settle(e, e.clock.now() + 5000, 500);
    expect(['web-0', 'web-1', 'web-2'].map((n) => image(pod(e, n)))).toEqual(['db:2', 'db:2', 'db:2']);
  });

  it('OnDelete: a template change replaces no pod; a pod deleted by hand comes back at the update revision', async () => {
    const e = await running(2, { updateStrategy: { type: 'OnDelete' } });
    await setImage(e, 'db:2');
    await settle(e, e.clock.now() + 5000, 500);
    expect(['web-0', 'web-1'].map((n) => image(pod(e, n)))).toEqual(['db:1', 'db:1']);
    expect(e.store.writes({ actor: ACTOR }).filter((w) => w.verb === 'delete')).toHaveLength(0);
    await e.api.delete({ ...PODS, name: 'web-1' }, user);
    await settle(e, e.clock.now() + 3000, 500);
    expect(['web-0', 'web-1'].map((n) => image(pod(e, n)))).toEqual(['db:1', 'db:2']);
    expect(revisionOf(pod(e, 'web-1'))).toBe(setStatus(e)['updateRevision']);
    // OnDelete never completes a rollout: the current revision stays.
    expect(setStatus(e)['currentRevision']).not.toBe(setStatus(e)['updateRevision']);
  });

  it('minReadySeconds: the next ordinal waits until the previous one has been ready that long; availableReplicas counts it then', async () => {
    const e = await started(2, { minReadySeconds: 10 });
    await advance(e, 500);
    await markReady(e, 'web-0');
    await advance(e, 5000);
    expect(podNames(e)).toEqual(['web-0']);
    expect(setStatus(e)).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    await advance(e, 6000);
    expect(podNames(e)).toEqual(['web-0', 'web-1']);
    expect(setStatus(e)).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
    const requeues = (await records(e)).filter((r) => r.type === 'reconcile' && r.controller === 'statefulset' && r.requeueAfterMs !== undefined);
    expect(requeues.every((r) => r.type === 'reconcile' && r.requeueAfterMs === 10_000)).toBe(true);
    expect(requeues.length).toBeGreaterThan(0);
  });

  it('spec.ordinals.start numbers the pods and claims from it', async () => {
    const e = await started(2, { ordinalsStart: 5, policy: 'Parallel' });
    await advance(e, 1000);
    expect(podNames(e)).toEqual(['web-5', 'web-6']);
    expect(claimNames(e)).toEqual(['data-web-5', 'data-web-6']);
    expect(pod(e, 'web-6').metadata.labels?.['apps.kubernetes.io/pod-index']).toBe('6');
  });

  it('a rollback reuses the old ControllerRevision with a new number; history beyond revisionHistoryLimit is trimmed', async () => {
    const e = await running(1, { revisionHistoryLimit: 1 });
    const r1 = setStatus(e)['currentRevision'];
    await setImage(e, 'db:2');
    await settle(e, e.clock.now() + 3000, 500);
    await setImage(e, 'db:3');
    await settle(e, e.clock.now() + 3000, 500);
    // Live: the current and update revisions; of the others only one is kept, so r1 (the oldest) is deleted.
    let names = e.api.list(REVS).items.map((r) => r.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(r1);
    await setImage(e, 'db:2');
    await settle(e, e.clock.now() + 3000, 500);
    names = e.api.list(REVS).items.map((r) => r.metadata.name);
    const revs = Object.fromEntries(e.api.list(REVS).items.map((r) => [r.metadata.name, r['revision']]));
    expect(setStatus(e)['updateRevision']).toBe(names.find((n) => revs[n ?? ''] === 4));
    expect(image(pod(e, 'web-0'))).toBe('db:2');
  });

  it('a taken revision name with other data bumps collisionCount', async () => {
    const e = await testEngine();
    await e.api.create(STS, statefulSet('web', 1, { claims: false }), user);
    const stored = e.api.get({ ...STS, name: 'web' });
    const taken = newRevision(stored as never, 1, 0).metadata?.name ?? '';
    await e.api.create(REVS, { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: taken, labels: { other: 'x' } }, data: { something: 'else' }, revision: 7 }, user);
    e.manager.add(statefulSetController);
    await advance(e, 1000);
    const st = setStatus(e);
    expect(st['collisionCount']).toBe(1);
    expect(st['updateRevision']).toBe(newRevision(stored as never, 1, 1).metadata?.name);
    expect(revisionOf(pod(e, 'web-0'))).toBe(st['updateRevision']);
    expect(e.api.get({ ...REVS, name: taken })['revision']).toBe(7);
  });

  it('retention Delete/Delete: claims are owned by the set, and by their pod once it is scaled away', async () => {
    const e = await running(2, { retention: { whenDeleted: 'Delete', whenScaled: 'Delete' } });
    const setUid = e.api.get({ ...STS, name: 'web' }).metadata.uid;
    expect(e.api.get({ ...PVCS, name: 'data-web-1' }).metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'StatefulSet', uid: setUid, controller: true })]);
    // Mark web-1 as still on a node, so its deletion is graceful and the controller sees it condemned.
    await e.api.patch({ ...PODS, name: 'web-1' }, 'merge', { metadata: { finalizers: ['test/hold'] } }, user);
    const podUid = pod(e, 'web-1').metadata.uid;
    await e.api.patch({ ...STS, name: 'web' }, 'merge', { spec: { replicas: 1 } }, user);
    await advance(e, 2000);
    expect(e.api.get({ ...PVCS, name: 'data-web-1' }).metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Pod', name: 'web-1', uid: podUid, controller: true })]);
    expect(e.api.get({ ...PVCS, name: 'data-web-0' }).metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'StatefulSet', uid: setUid })]);
  });

  it('adopts an orphan pod named after it and releases one that is not its member', async () => {
    const e = await testEngine();
    e.manager.add(statefulSetController);
    await e.api.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'db:1' }] } }, user);
    await e.api.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'db:1' }] } }, user);
    await e.api.create(STS, statefulSet('web', 1, { claims: false }), user);
    await advance(e, 1000);
    expect(pod(e, 'web-0').metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
    expect(pod(e, 'stray').metadata.ownerReferences).toBeUndefined();
    // The adopted pod had no pod-name label: its identity is repaired once it is Running and Ready.
    await markReady(e, 'web-0');
    await advance(e, 1000);
    expect(pod(e, 'web-0').metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    expect(eventMessages(e, 'SuccessfulUpdate')).toEqual(['update Pod web-0 in StatefulSet web successful']);
  });

  it('a claim being deleted blocks its pod: FailedCreate, retried with backoff', async () => {
    const e = await testEngine();
    e.manager.add(statefulSetController);
    await e.api.create(PVCS, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-web-0', finalizers: ['kubernetes.io/pvc-protection'] }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }, user);
    await e.api.delete({ ...PVCS, name: 'data-web-0' }, user);
    await e.api.create(STS, statefulSet('web', 1), user);
    await advance(e, 2000);
    expect(podNames(e)).toEqual([]);
    expect(eventMessages(e, 'FailedCreate')).toEqual(['create Pod web-0 in StatefulSet web failed error: pvc data-web-0 is being deleted']);
    const failures = (await records(e)).filter((r) => r.type === 'reconcile' && r.controller === 'statefulset' && r.requeueAfterMs !== undefined);
    expect(failures.length).toBeGreaterThan(2);
  });

  it('writes nothing once settled', async () => {
    const e = await running(2);
    const before = e.store.writes({ actor: ACTOR }).length;
    await e.api.patch({ ...STS, name: 'web' }, 'merge', { metadata: { labels: { tier: 'db' } } }, user);
    await advance(e, 30_000);
    expect(e.store.writes({ actor: ACTOR }).length).toBe(before);
  });
});

async function records(e: TestEngine) {
  const out = [];
  for await (const r of e.log.read()) out.push(r);
  return out;
}
