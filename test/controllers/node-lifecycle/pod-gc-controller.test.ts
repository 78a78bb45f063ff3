import { describe, expect, it } from 'vitest';
import { podGCController } from '../../../src/controllers/node-lifecycle/pod-gc-controller.js';
import type { Cluster } from './cluster.js';
import { cluster, NODES, PODS, user } from './cluster.js';

const GC = 'controller:pod-garbage-collector-controller';

async function setup(): Promise<Cluster> {
  const c = await cluster();
  await c.addNode('n');
  c.manager.add(podGCController());
  return c;
}

describe('podGCController', () => {
  it('leaves pods on existing nodes alone', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    await c.api.delete({ ...PODS, name: 'p' }, user); // Terminating, waiting for its (healthy) kubelet
    await c.run(600_000);
    expect(c.pod('p')?.metadata?.deletionTimestamp).toBeDefined();
    expect(await c.writes(GC)).toEqual([]);
  });

  it('force-deletes the pods of a deleted node, Terminating or not, marking them Failed with DisruptionTarget first', async () => {
    const c = await setup();
    await c.addPod('running', 'n');
    await c.addPod('leaving', 'n');
    await c.run(100_000);
    await c.api.delete({ ...PODS, name: 'leaving' }, user);
    await c.api.delete({ ...NODES, name: 'n' }, user);
    await c.run(100_000);
    expect(c.api.list(PODS).items).toEqual([]);
    const writes = await c.writes(GC);
    expect(writes.map((w) => `${w.time} ${w.verb} ${w.key}`)).toEqual([
      '100000 patch core/pods/default/leaving',
      '100000 delete core/pods/default/leaving',
      '100000 patch core/pods/default/running',
      '100000 delete core/pods/default/running',
    ]);
    const marked = c.store.at(writes[2]?.rev ?? 0).get('core/pods/default/running') as { status?: { phase?: string; conditions?: object[] } } | undefined;
    expect(marked?.status?.phase).toBe('Failed');
    expect(marked?.status?.conditions).toContainEqual({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastTransitionTime: c.at(100_000) });
  });

  it('quarantines a pod bound to a node that never appeared for 40 s after binding', async () => {
    const c = await setup();
    await c.run(5_000);
    await c.addPod('lost', 'ghost');
    await c.run(44_999);
    expect(c.pod('lost')).toBeDefined();
    await c.run(45_000);
    expect(c.pod('lost')).toBeUndefined();
  });

  it('keeps a quarantined pod whose node shows up in time', async () => {
    const c = await setup();
    await c.addPod('early', 'late-node');
    await c.run(20_000);
    await c.addNode('late-node');
    await c.run(200_000);
    expect(c.pod('early')).toBeDefined();
  });

  it('force-deletes Terminating pods on a not-ready node tainted out-of-service', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    await c.api.delete({ ...PODS, name: 'p' }, user);
    await c.run(10_000);
    await c.setReady('n', 'False');
    await c.api.patch({ ...NODES, name: 'n' }, 'merge', { spec: { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute', timeAdded: c.at(10_000) }] } }, user);
    await c.run(10_000);
    expect(c.pod('p')).toBeUndefined();
  });

  it('marks Failed an unscheduled pod stuck terminating, and deletes it with grace 0', async () => {
    const c = await setup();
    await c.api.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'u', finalizers: ['example.com/hold'] }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, user);
    await c.api.delete({ ...PODS, name: 'u' }, user);
    await c.run(1_000);
    expect(c.pod('u')?.status?.phase).toBe('Failed');
    // The delete (grace 0) changes nothing more: the pod already waits only for its finalizer.
    expect((await c.writes(GC)).map((w) => w.verb)).toEqual(['patch']);
    await c.api.patch({ ...PODS, name: 'u' }, 'merge', { metadata: { finalizers: null } }, user);
    expect(c.pod('u')).toBeUndefined();
  });
});
