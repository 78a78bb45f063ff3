import { describe, expect, it } from 'vitest';
import { deploymentController } from '../../../src/controllers/deployment/deployment.js';
import { replicaSetController } from '../../../src/controllers/replica-set/replica-set.js';
import type { HistoryRecord, KubeObject } from '../../../src/model/index.js';
import { conflict } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';
import type { TestEngine } from '../../runtime/engine.js';
import type { DeploymentOptions } from './helpers.js';
import { DEPLOY, condition, deployment, deploymentStatus, replicaSets, rsReplicas, settle, user } from './helpers.js';

const ACTOR = 'controller:deployment';
const image = (v: string) => ({ spec: { template: { spec: { containers: [{ name: 'c', image: v }] } } } });
const sizes = (e: TestEngine): Record<string, number> => Object.fromEntries(replicaSets(e).map((r) => [r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '?', rsReplicas(r)]));
const scalingEvents = (e: TestEngine): string[] =>
  e.api
    .list({ group: '', version: 'v1', resource: 'events', namespace: 'default' })
    .items.filter((x) => x['reason'] === 'ScalingReplicaSet')
    .map((x) => String(x['message']));

async function started(replicas: number, o: DeploymentOptions = {}, skip?: (p: KubeObject) => boolean): Promise<TestEngine> {
  const e = await testEngine();
  e.manager.add(replicaSetController);
  e.manager.add(deploymentController);
  await e.api.create(DEPLOY, deployment('web', replicas, o), user);
  await settle(e, e.clock.now() + 3000, 1000, skip);
  return e;
}

describe('deploymentController', () => {
  it('does nothing without Deployments', async () => {
    const e = await testEngine();
    e.manager.add(deploymentController);
    await e.scheduler.run(5000);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(0);
  });

  it('creates DEPLOYMENT-HASH with the hash label, revision and replicas annotations, then reports complete status', async () => {
    const e = await started(3);
    const [rs] = replicaSets(e);
    const hash = rs!.metadata.labels?.['pod-template-hash'] ?? '';
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[4-9bcdf]+$/);
    expect(rs!.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(rs!['spec']).toMatchObject({ replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': hash } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': hash } } } });
    expect(rs!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(scalingEvents(e)).toEqual([`Scaled up replica set web-${hash} to 3`]);
    expect(deploymentStatus(e)).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(condition(e, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(condition(e, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
    expect(e.api.get({ ...DEPLOY, name: 'web' }).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('writes nothing more once settled (a no-op update changes nothing)', async () => {
    const e = await started(3);
    const before = e.store.writes({ actor: ACTOR }).length;
    await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', { metadata: { labels: { tier: 'front' } } }, user);
    await settle(e, e.clock.now() + 60_000, 10_000);
    expect(e.store.writes({ actor: ACTOR }).length).toBe(before);
  });

  it('rolls out an image change within maxSurge / maxUnavailable: 3 → 13 total at most, old scaled down as new become available', async () => {
    const e = await started(10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', image('nginx:1.28'), user);
    await e.scheduler.run(e.clock.now() + 500);
    // The first sync: the new ReplicaSet at 3 (13 in all), the old one down to 8 (10 available − 8 minimum);
    // the next (woken by the old ReplicaSet's change): the new one to 13 − 8 = 5.
    expect(scalingEvents(e).map((m) => m.replace(/web-\w+/, 'RS')).sort()).toEqual(['Scaled up replica set RS to 10', 'Scaled up replica set RS to 3', 'Scaled down replica set RS to 8 from 10', 'Scaled up replica set RS to 5 from 3'].sort());
    expect(sizes(e)).toEqual({ '1': 8, '2': 5 });
    expect(condition(e, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    await settle(e, e.clock.now() + 20_000, 500);
    expect(sizes(e)).toEqual({ '1': 0, '2': 10 });
    expect(deploymentStatus(e)).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10, observedGeneration: 2 });
    const msgs = scalingEvents(e);
    expect(msgs.some((m) => /^Scaled down replica set web-\w+ to 8 from 10$/.test(m))).toBe(true);
    expect(msgs.some((m) => /^Scaled up replica set web-\w+ to 3$/.test(m))).toBe(true);
    expect(e.api.get({ ...DEPLOY, name: 'web' }).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('scales proportionally when resized mid-rollout', async () => {
    // New pods never become ready, so the rollout is frozen at old 8, new 5 (13 = 10 + 3).
    const e = await started(10, {}, (p) => p.metadata.labels?.['v'] === '2');
    await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', { spec: { template: { metadata: { labels: { app: 'web', v: '2' } } } } }, user);
    await settle(e, e.clock.now() + 5000, 500, (p) => p.metadata.labels?.['v'] === '2');
    expect(sizes(e)).toEqual({ '1': 8, '2': 5 });
    await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', { spec: { replicas: 20 } }, user);
    await settle(e, e.clock.now() + 3000, 500, (p) => p.metadata.labels?.['v'] === '2');
    // allowed 20 + 5 = 25, 12 to add: old round(8·25/13)−8 = 7, new round(5·25/13)−5 = 5 (larger first).
    expect(sizes(e)).toEqual({ '1': 15, '2': 10 });
    expect(replicaSets(e).every((r) => r.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'] === '20')).toBe(true);
  });

  it('Recreate scales the old ReplicaSet to 0, waits for its pods to be gone, then creates the new one at full size', async () => {
    const e = await started(3, { strategy: { type: 'Recreate' } });
    await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', image('nginx:1.28'), user);
    await settle(e, e.clock.now() + 3000, 500);
    expect(sizes(e)).toEqual({ '1': 0, '2': 3 });
    // The new ReplicaSet was created only after the last old pod was gone.
    const writes = e.store.writes({});
    const newRS = replicaSets(e).find((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2')!;
    const created = writes.find((w) => w.key === `apps/replicasets/default/${newRS.metadata.name ?? ''}`)!.rev;
    const oldPodsGone = writes.filter((w) => w.key.startsWith('core/pods/') && w.change.op === 'remove').map((w) => w.rev);
    expect(oldPodsGone).toHaveLength(3);
    expect(Math.max(...oldPodsGone)).toBeLessThan(created);
    expect(scalingEvents(e).some((m) => /^Scaled up replica set web-\w+ to 3$/.test(m))).toBe(true);
  });

  it('a paused Deployment does not roll out a template change but does scale; resuming rolls out', async () => {
    const e = await started(2);
    await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', { spec: { paused: true, ...image('nginx:1.28').spec } }, user);
    await settle(e, e.clock.now() + 3000);
    expect(sizes(e)).toEqual({ '1': 2 });
    expect(condition(e, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', { spec: { replicas: 4 } }, user);
    await settle(e, e.clock.now() + 3000);
    expect(sizes(e)).toEqual({ '1': 4 });
    await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', { spec: { paused: false } }, user);
    await settle(e, e.clock.now() + 10_000, 500);
    expect(sizes(e)).toEqual({ '1': 0, '2': 4 });
  });

  it('reports ProgressDeadlineExceeded after progressDeadlineSeconds without progress, re-checked by requeue-after', async () => {
    const e = await started(2, { progressDeadlineSeconds: 30 }, (p) => p.metadata.labels?.['v'] === '2');
    await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', { spec: { template: { metadata: { labels: { app: 'web', v: '2' } } } } }, user);
    await settle(e, e.clock.now() + 20_000, 1000, (p) => p.metadata.labels?.['v'] === '2');
    expect(condition(e, 'Progressing')).toMatchObject({ status: 'True' });
    const recs: HistoryRecord[] = [];
    for await (const r of e.log.read()) recs.push(r);
    expect(recs.some((r) => r.type === 'reconcile' && r.controller === 'deployment' && r.requeueAfterMs !== undefined)).toBe(true);
    await settle(e, e.clock.now() + 20_000, 1000, (p) => p.metadata.labels?.['v'] === '2');
    expect(condition(e, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(String(condition(e, 'Progressing')?.['message'])).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/);
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the oldest scaled-down ones', async () => {
    const e = await started(1, { revisionHistoryLimit: 1 });
    for (const v of ['1.28', '1.29', '1.30']) {
      await e.api.patch({ ...DEPLOY, name: 'web' }, 'merge', image(`nginx:${v}`), user);
      await settle(e, e.clock.now() + 10_000, 500);
    }
    expect(sizes(e)).toEqual({ '3': 0, '4': 1 });
  });

  it('adopts a matching orphan ReplicaSet with the same template instead of creating one', async () => {
    const e = await testEngine();
    e.manager.add(deploymentController);
    const d = deployment('web', 2);
    await e.api.create(
      { ...DEPLOY, resource: 'replicasets' },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'legacy', labels: { app: 'web' } }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: (d['spec'] as { template: unknown }).template } },
      user,
    );
    await e.api.create(DEPLOY, d, user);
    await e.scheduler.run(2000);
    const rss = replicaSets(e);
    expect(rss.map((r) => r.metadata.name)).toEqual(['legacy']);
    expect(rss[0]!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
    expect(rss[0]!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('retries with backoff after a write conflict', async () => {
    const e = await testEngine();
    let refused = 0;
    const execute = e.api.execute.bind(e.api);
    e.api.execute = (command, ctx) => {
      if (command.type === 'update' && command.subresource === 'status' && command.object.kind === 'Deployment' && refused++ === 0) {
        return Promise.reject(conflict({ group: 'apps', resource: 'deployments' }, 'web', 'injected'));
      }
      return execute(command, ctx);
    };
    e.manager.add(deploymentController);
    await e.api.create(DEPLOY, deployment('web', 2), user);
    await e.scheduler.run(2000);
    const recs: HistoryRecord[] = [];
    for await (const r of e.log.read()) recs.push(r);
    expect(recs.filter((r) => r.type === 'attempt')).toHaveLength(1);
    // The refused write carried NewReplicaSetCreated; the retry finds the ReplicaSet and says so, as Kubernetes does.
    expect(condition(e, 'Progressing')).toMatchObject({ reason: 'FoundNewReplicaSet' });
    expect(replicaSets(e)).toHaveLength(1);
  });

  it('ignores a deleted Deployment (nothing to reconcile)', async () => {
    const e = await started(1);
    const before = e.store.writes({ actor: ACTOR }).length;
    await e.api.delete({ ...DEPLOY, name: 'web' }, user, { propagationPolicy: 'Orphan' });
    await e.scheduler.run(e.clock.now() + 5000);
    expect(e.store.writes({ actor: ACTOR }).length).toBe(before);
    expect(replicaSets(e)).toHaveLength(1);
  });
});
