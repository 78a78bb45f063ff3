import { describe, expect, it } from 'vitest';
import { replicationControllerController } from '../../../src/controllers/replica-set/replication-controller.js';
import { REPLICA_SET_KIND } from '../../../src/controllers/replica-set/replica-set.js';
import { syncReplicas } from '../../../src/controllers/replica-set/sync-replicas.js';
import { forbidden } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';
import { PODS, RC, RS, replicaSet, replicationController, user } from './fixtures.js';

const EPOCH = Date.UTC(2026, 0, 1);

describe('replicationControllerController', () => {
  it('keeps spec.replicas pods for a ReplicationController, owned as core/v1 and reported as replication-controller', async () => {
    const e = await testEngine();
    e.manager.add(replicationControllerController);
    await e.api.create(RC, replicationController('legacy', 3), user);
    await e.scheduler.run(1000);
    const rc = e.api.get({ ...RC, name: 'legacy' });
    const pods = e.api.list(PODS).items;
    expect(pods).toHaveLength(3);
    expect(pods[0]?.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', uid: rc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rc['status']).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    const events = e.api.list({ group: '', version: 'v1', resource: 'events', namespace: 'default' }).items;
    expect(events.every((ev) => (ev['source'] as { component: string }).component === 'replication-controller')).toBe(true);
    await e.api.patch({ ...RC, name: 'legacy' }, 'merge', { spec: { replicas: 1 } }, user);
    await e.scheduler.run(2000);
    expect(e.api.list(PODS).items).toHaveLength(1);
  });
});

describe('syncReplicas with a refused create', () => {
  it('records FailedCreate and the ReplicaFailure condition before retrying, and backs off', async () => {
    const e = await testEngine();
    await e.api.create(RS, replicaSet('web', 2), user);
    const refusal = forbidden({ group: '', resource: 'pods' }, 'web-abcde', 'exceeded quota: compute').status;
    const ctx = { now: 0, epoch: EPOCH, random: { next: () => 0, int: () => 0 } };
    const r = syncReplicas(REPLICA_SET_KIND, 'apps/replicasets/default/web', e.store.head(), ctx, refusal);
    expect(r.commands.map((c) => c.type)).toEqual(['create', 'update', 'create', 'create']);
    const [event, status] = r.commands as unknown as [{ type: 'create'; object: Record<string, unknown> }, { type: 'update'; object: Record<string, unknown> }];
    expect(event.object).toMatchObject({ kind: 'Event', type: 'Warning', reason: 'FailedCreate', message: 'Error creating: pods "web-abcde" is forbidden: exceeded quota: compute' });
    expect(status.object['status']).toMatchObject({
      conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-abcde" is forbidden: exceeded quota: compute' }],
    });
    expect(r.requeueAfterMs).toBe(5);
  });

  it('sends no create into a terminating namespace (Kubernetes ignores that refusal)', async () => {
    const e = await testEngine();
    await e.api.create({ group: '', version: 'v1', resource: 'namespaces' }, { metadata: { name: 'doomed' } }, user);
    await e.api.create({ ...RS, namespace: 'doomed' }, replicaSet('web', 2), user);
    await e.api.delete({ group: '', version: 'v1', resource: 'namespaces', name: 'doomed' }, user);
    const ctx = { now: 0, epoch: EPOCH, random: { next: () => 0, int: () => 0 } };
    const r = syncReplicas(REPLICA_SET_KIND, 'apps/replicasets/doomed/web', e.store.head(), ctx);
    expect(r.commands.filter((c) => c.type === 'create')).toHaveLength(0);
  });
});
