import { describe, expect, it } from 'vitest';
import { deletableKinds, garbageCollector } from '../../../src/controllers/garbage-collector/garbage-collector.js';
import { replicaSetController } from '../../../src/controllers/replica-set/replica-set.js';
import type { KubeObject, OwnerReference } from '../../../src/model/index.js';
import { KindRegistry } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';
import type { TestEngine } from '../../runtime/engine.js';
import { PODS, RS, replicaSet, user } from '../replica-set/fixtures.js';

const GC = 'controller:garbage-collector';
const CMS = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' } as const;
const cm = (name: string, owners: OwnerReference[] = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(owners.length === 0 ? {} : { ownerReferences: owners }) },
  data: { a: '1' },
});
const refTo = (o: KubeObject, block = false): OwnerReference => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name ?? '',
  uid: o.metadata.uid ?? '',
  ...(block ? { blockOwnerDeletion: true } : {}),
});
const cmNames = (e: TestEngine): string[] => e.api.list(CMS).items.map((c) => c.metadata.name ?? '');

async function withReplicaSet(): Promise<TestEngine> {
  const e = await testEngine();
  e.manager.add(replicaSetController);
  e.manager.add(garbageCollector());
  await e.api.create(RS, replicaSet('web', 3), user);
  await e.scheduler.run(1000);
  expect(e.api.list(PODS).items).toHaveLength(3);
  return e;
}

describe('garbageCollector', () => {
  it('watches every deletable built-in kind except events', () => {
    const kinds = deletableKinds(new KindRegistry().all()).map((k) => `${k.group}/${k.kind}`);
    for (const k of ['/Pod', 'apps/ReplicaSet', 'apps/Deployment', '/ReplicationController', 'apps/DaemonSet', 'apps/StatefulSet', 'batch/Job', 'batch/CronJob', '/ConfigMap', '/Secret', '/Service', '/Endpoints', '/PersistentVolumeClaim']) {
      expect(kinds).toContain(k);
    }
    expect(kinds).not.toContain('/Event');
    expect(kinds).not.toContain('events.k8s.io/Event');
  });

  it('does nothing to objects whose owners exist', async () => {
    const e = await testEngine();
    e.manager.add(garbageCollector());
    const owner = await e.api.create(CMS, cm('owner'), user);
    await e.api.create(CMS, cm('dep', [refTo(owner)]), user);
    await e.scheduler.run(1000);
    expect(e.store.writes({ actor: GC })).toHaveLength(0);
  });

  it('Background: deleting a ReplicaSet removes it at once, then its pods', async () => {
    const e = await withReplicaSet();
    await e.api.delete({ ...RS, name: 'web' }, user, { propagationPolicy: 'Background' });
    await e.scheduler.run(e.clock.now() + 1000);
    expect(e.api.list(PODS).items).toHaveLength(0);
    const deletes = e.store.writes({ actor: GC }).filter((w) => w.verb === 'delete');
    expect(deletes).toHaveLength(3);
  });

  it('Foreground: the pods go first, then the finalizer is removed and the ReplicaSet disappears', async () => {
    const e = await withReplicaSet();
    await e.api.delete({ ...RS, name: 'web' }, user, { propagationPolicy: 'Foreground' });
    expect(e.api.get({ ...RS, name: 'web' }).metadata.finalizers).toEqual(['foregroundDeletion']);
    await e.scheduler.run(e.clock.now() + 1000);
    expect(e.api.list(PODS).items).toHaveLength(0);
    expect(e.api.list(RS).items).toHaveLength(0);
    const writes = e.store.writes({ actor: GC });
    const lastPod = Math.max(...writes.filter((w) => w.key.startsWith('core/pods/')).map((w) => w.rev));
    const finalize = writes.find((w) => w.key === 'apps/replicasets/default/web');
    expect(finalize?.rev).toBeGreaterThan(lastPod);
    expect(e.store.writes({ key: 'apps/replicasets/default/web' }).at(-1)?.rev).toBe(finalize?.rev);
  });

  it('Foreground: a dependent that has dependents of its own is deleted in the foreground too', async () => {
    const e = await testEngine();
    e.manager.add(garbageCollector());
    const top = await e.api.create(CMS, cm('top'), user);
    const mid = await e.api.create(CMS, cm('mid', [refTo(top, true)]), user);
    await e.api.create(CMS, cm('leaf', [refTo(mid, true)]), user);
    await e.api.delete({ ...CMS, name: 'top' }, user, { propagationPolicy: 'Foreground' });
    await e.scheduler.run(1000);
    expect(cmNames(e)).toEqual([]);
    const order = e.store.writes({ fromRev: 1 }).filter((w) => w.key.startsWith('core/configmaps/')).map((w) => `${w.verb} ${w.key.split('/')[3]}`);
    // mid is marked for foreground deletion, leaf goes, then mid, then top.
    expect(order.indexOf('delete mid')).toBeLessThan(order.indexOf('delete leaf'));
    const removed = (name: string): number => Math.max(...e.store.writes({ key: `core/configmaps/default/${name}` }).map((w) => w.rev));
    expect(removed('leaf')).toBeLessThan(removed('mid'));
    expect(removed('mid')).toBeLessThan(removed('top'));
  });

  it('Orphan: the pods lose their ownerReference and stay; the ReplicaSet goes', async () => {
    const e = await withReplicaSet();
    await e.api.delete({ ...RS, name: 'web' }, user, { propagationPolicy: 'Orphan' });
    await e.scheduler.run(e.clock.now() + 1000);
    expect(e.api.list(RS).items).toHaveLength(0);
    const pods = e.api.list(PODS).items;
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('deletes a dependent whose owner uid no longer exists, even if an object with the owner’s name does', async () => {
    const e = await testEngine();
    e.manager.add(garbageCollector());
    const owner = await e.api.create(CMS, cm('owner'), user);
    await e.api.create(CMS, cm('dep', [refTo(owner)]), user);
    await e.scheduler.run(100);
    await e.api.delete({ ...CMS, name: 'owner' }, user, { propagationPolicy: 'Orphan' });
    // The orphan finalizer is honoured by the collector: dep is released, not deleted.
    await e.scheduler.run(e.clock.now() + 100);
    expect(cmNames(e)).toEqual(['dep']);
    // A new 'owner' (new uid) does not own 'stale', which names the old uid.
    await e.api.create(CMS, cm('owner'), user);
    await e.api.create(CMS, cm('stale', [refTo(owner)]), user);
    await e.scheduler.run(e.clock.now() + 100);
    expect(cmNames(e).sort()).toEqual(['dep', 'owner']);
  });

  it('keeps a dependent with one live owner and drops its reference to the gone one', async () => {
    const e = await testEngine();
    e.manager.add(garbageCollector());
    const live = await e.api.create(CMS, cm('live'), user);
    const gone = await e.api.create(CMS, cm('gone'), user);
    await e.api.create(CMS, cm('dep', [refTo(live), refTo(gone)]), user);
    await e.api.delete({ ...CMS, name: 'gone' }, user);
    await e.scheduler.run(1000);
    expect(cmNames(e).sort()).toEqual(['dep', 'live']);
    expect(e.api.get({ ...CMS, name: 'dep' }).metadata.ownerReferences?.map((r) => r.name)).toEqual(['live']);
  });

  it('collects across kinds: a Secret owned by a ConfigMap, a cluster-scoped owner of a namespaced dependent', async () => {
    const e = await testEngine();
    e.manager.add(garbageCollector());
    const owner = await e.api.create(CMS, cm('owner'), user);
    const pc = await e.api.create(
      { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 },
      user,
    );
    const SECRETS = { group: '', version: 'v1', resource: 'secrets', namespace: 'default' };
    await e.api.create(SECRETS, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', ownerReferences: [refTo(owner)] } }, user);
    await e.api.create(CMS, cm('by-cluster-owner', [refTo(pc)]), user);
    await e.scheduler.run(100);
    expect(e.api.list(SECRETS).items).toHaveLength(1);
    await e.api.delete({ ...CMS, name: 'owner' }, user);
    await e.api.delete({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', name: 'high' }, user);
    await e.scheduler.run(e.clock.now() + 1000);
    expect(e.api.list(SECRETS).items).toHaveLength(0);
    expect(cmNames(e)).toEqual([]);
  });

  it('never collects a cluster-scoped dependent through a namespaced owner kind (unresolvable)', async () => {
    const e = await testEngine();
    e.manager.add(garbageCollector());
    const owner = await e.api.create(CMS, cm('owner'), user);
    const PCS = { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' };
    await e.api.create(PCS, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'odd', ownerReferences: [refTo(owner)] }, value: 1 }, user);
    await e.api.delete({ ...CMS, name: 'owner' }, user);
    await e.scheduler.run(1000);
    expect(e.api.list(PCS).items.map((p) => p.metadata.name)).toContain('odd');
  });
});
