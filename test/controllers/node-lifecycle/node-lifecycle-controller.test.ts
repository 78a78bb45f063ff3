import { describe, expect, it } from 'vitest';
import type { ControllerDefinition, Processed } from '../../../src/controllers/index.js';
import { nodeLifecycleController } from '../../../src/controllers/node-lifecycle/node-lifecycle-controller.js';
import { podGCController } from '../../../src/controllers/node-lifecycle/pod-gc-controller.js';
import { taintEvictionController } from '../../../src/controllers/node-lifecycle/taint-eviction-controller.js';
import type { HistoryRecord } from '../../../src/model/index.js';
import type { Cluster } from './cluster.js';
import { cluster, LEASES, leaseRenewer, NODES, user } from './cluster.js';

const NLC = 'controller:node-lifecycle-controller';
const ready = (c: Cluster, n: string) => c.node(n).status?.conditions?.find((x) => x.type === 'Ready');
const taintsOf = (c: Cluster, n: string) => c.taints(n).map((t) => `${t.key.replace('node.kubernetes.io/', '')}:${t.effect}@${t.timeAdded ?? ''}`);
const nodeWrites = async (c: Cluster) => (await c.writes(NLC)).filter((w) => w.key.startsWith('core/nodes/')).map((w) => `${w.time} ${w.key}`);

/** Nodes `names` with Leases renewed every 10 s, the controller running; renewals at 0, 10, 20, 30 s. */
async function started(names: string[], labels: Record<string, string> = {}): Promise<Cluster> {
  const c = await cluster();
  for (const n of names) await c.addNode(n, labels);
  c.manager.add(leaseRenewer(c));
  c.manager.add(nodeLifecycleController());
  await c.run(30_000);
  return c;
}

describe('nodeLifecycleController', () => {
  it('does nothing when there are no nodes', async () => {
    const c = await cluster();
    c.manager.add(nodeLifecycleController());
    await c.run(120_000);
    expect(await c.writes(NLC)).toEqual([]);
  });

  it('leaves healthy nodes alone, reconciling each about once per grace period, and records RegisteredNode once', async () => {
    const c = await started(['a', 'b']);
    const seen: Processed[] = [];
    c.manager.processed$.subscribe((p) => { if (p.controller === 'node-lifecycle-controller') seen.push(p); });
    await c.run(530_000);
    expect(await nodeWrites(c)).toEqual([]);
    expect(c.events('RegisteredNode').map((e) => e['message'])).toEqual(['Node a event: Registered Node a in Controller', 'Node b event: Registered Node b in Controller']);
    // 500 s of health checks: one requeue per ~50 s per node, not one per 5 s monitor pass.
    expect(seen.filter((p) => p.key === 'core/nodes/_/a').length).toBeLessThanOrEqual(12);
    expect(seen.every((p) => p.outcome.type === 'requeue-after')).toBe(true);
  });

  it('marks a silent node Unknown at the first monitor pass after the 50 s grace period, its pods NotReady, NoSchedule at once and NoExecute one pass later', async () => {
    const c = await started(['a', 'b']);
    await c.addPod('p', 'b');
    c.alive.delete('b'); // last renewal at 30 s: stale after 80 s, found at the 85 s pass
    await c.run(84_999);
    expect(ready(c, 'b')?.status).toBe('True');
    await c.run(85_000);
    expect(ready(c, 'b')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: c.at(85_000) });
    expect(c.node('b').status?.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual(['MemoryPressure=Unknown', 'DiskPressure=Unknown', 'PIDPressure=Unknown', 'Ready=Unknown']);
    expect(taintsOf(c, 'b')).toEqual([`unreachable:NoSchedule@${c.at(85_000)}`]);
    expect(c.pod('p')?.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', lastTransitionTime: c.at(85_000) });
    expect(c.events('NodeNotReady').map((e) => `${e['type']} ${e['message']}`).sort()).toEqual(['Normal Node b status is now: NodeNotReady', 'Warning Node is not ready']);
    await c.run(89_999);
    expect(taintsOf(c, 'b')).toHaveLength(1);
    await c.run(90_000);
    expect(taintsOf(c, 'b')).toEqual([`unreachable:NoSchedule@${c.at(85_000)}`, `unreachable:NoExecute@${c.at(90_000)}`]);
    expect(ready(c, 'a')?.status).toBe('True');
    expect(await nodeWrites(c)).toEqual(['85000 core/nodes/_/b', '85000 core/nodes/_/b', '90000 core/nodes/_/b']);
  });

  it('lifts the taints when the node comes back: NoSchedule at once, NoExecute at the next monitor pass', async () => {
    const c = await started(['a', 'b']);
    c.alive.delete('b');
    await c.run(100_000);
    expect(c.taints('b')).toHaveLength(2);
    await c.setReady('b', 'True'); // the kubelet posts status again at 100 s
    await c.run(100_000);
    expect(taintsOf(c, 'b')).toEqual([`unreachable:NoExecute@${c.at(90_000)}`]);
    await c.run(105_000);
    expect(c.taints('b')).toEqual([]);
    expect(c.node('b').spec?.taints).toBeUndefined();
  });

  it('taints not-ready for Ready False and swaps to unreachable when the node then goes silent', async () => {
    const c = await started(['a', 'b']);
    await c.setReady('b', 'False'); // at 30 s, heartbeat 30 s
    await c.run(30_000);
    expect(taintsOf(c, 'b')).toEqual([`not-ready:NoSchedule@${c.at(30_000)}`]);
    await c.run(35_000);
    expect(taintsOf(c, 'b')).toEqual([`not-ready:NoSchedule@${c.at(30_000)}`, `not-ready:NoExecute@${c.at(35_000)}`]);
    c.alive.delete('b'); // renewed at 30 s last: Unknown at 85 s
    await c.run(85_000);
    expect(taintsOf(c, 'b')).toEqual([`not-ready:NoExecute@${c.at(35_000)}`, `unreachable:NoSchedule@${c.at(85_000)}`]);
    await c.run(90_000);
    expect(taintsOf(c, 'b')).toEqual([`unreachable:NoSchedule@${c.at(85_000)}`, `unreachable:NoExecute@${c.at(90_000)}`]);
    // A node posting False itself keeps its pods' readiness: no NodeNotReady events.
    expect(c.events('NodeNotReady')).toEqual([]);
  });

  it('gives a node that never posted status the 60 s startup grace period, then adds Unknown conditions', async () => {
    const c = await cluster();
    await c.addNode('a');
    await c.api.create(NODES, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'mute' } }, user);
    c.manager.add(leaseRenewer(c));
    c.manager.add(nodeLifecycleController());
    await c.run(64_999);
    expect(c.node('mute').status?.conditions ?? []).toEqual([]);
    await c.run(65_000);
    expect(c.node('mute').status?.conditions?.map((x) => [x.type, x.status, x.reason, x.message, x.lastHeartbeatTime, x.lastTransitionTime])).toEqual(
      ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => [t, 'Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.', c.at(0), c.at(65_000)]),
    );
    await c.run(70_000);
    expect(taintsOf(c, 'mute')).toEqual([`unreachable:NoSchedule@${c.at(65_000)}`, `unreachable:NoExecute@${c.at(70_000)}`]);
  });

  it('stops tainting NoExecute when every zone is fully disrupted (the control plane assumes it lost the nodes)', async () => {
    const c = await started(['a', 'b']);
    c.alive.clear();
    await c.run(200_000);
    for (const n of ['a', 'b']) {
      expect(ready(c, n)?.status).toBe('Unknown');
      expect(taintsOf(c, n)).toEqual([`unreachable:NoSchedule@${c.at(85_000)}`]);
    }
  });

  it('lifts NoExecute taints when the last Ready node goes silent too', async () => {
    const c = await started(['a', 'b']);
    c.alive.delete('b');
    await c.run(95_000);
    expect(c.taints('b').some((t) => t.effect === 'NoExecute')).toBe(true);
    c.alive.delete('a'); // a renewed at 90 s: Unknown at 145 s; every zone is then fully disrupted
    await c.run(145_000);
    expect(c.taints('b').map((t) => t.effect)).toEqual(['NoSchedule']);
    expect(c.taints('a').map((t) => t.effect)).toEqual(['NoSchedule']);
  });

  it('rate-limits NoExecute tainting per zone to one node every 10 s (0.1 nodes/s), oldest first', async () => {
    const c = await started(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'], { 'topology.kubernetes.io/zone': 'z1' });
    for (const n of ['n5', 'n6', 'n7']) c.alive.delete(n); // 3 of 7 not ready: Normal zone
    await c.run(200_000);
    expect(['n5', 'n6', 'n7'].map((n) => c.taints(n).find((t) => t.effect === 'NoExecute')?.timeAdded)).toEqual([c.at(90_000), c.at(100_000), c.at(110_000)]);
  });

  it('stops tainting in a small zone that is partially disrupted (≥ 55 % not ready, > 2 nodes, ≤ 50 nodes)', async () => {
    const c = await started(['n1', 'n2', 'n3', 'n4']);
    for (const n of ['n2', 'n3', 'n4']) c.alive.delete(n);
    await c.run(200_000);
    for (const n of ['n2', 'n3', 'n4']) expect(c.taints(n).map((t) => t.effect)).toEqual(['NoSchedule']);
  });

  it('follows spec.unschedulable with the unschedulable NoSchedule taint (a spec change)', async () => {
    const c = await started(['a']);
    await c.api.patch({ ...NODES, name: 'a' }, 'merge', { spec: { unschedulable: true } }, user);
    await c.run(30_000);
    expect(taintsOf(c, 'a')).toEqual([`unschedulable:NoSchedule@${c.at(30_000)}`]);
    await c.api.patch({ ...NODES, name: 'a' }, 'merge', { spec: { unschedulable: false } }, user);
    await c.run(30_000);
    expect(c.taints('a')).toEqual([]);
  });

  it('does nothing for a deleted node', async () => {
    const c = await started(['a', 'b']);
    c.alive.delete('b');
    await c.api.delete({ ...NODES, name: 'b' }, user);
    await c.run(200_000);
    expect(await nodeWrites(c)).toEqual([]);
  });

  it('retries a status write that lost a race (409 Conflict) with backoff', async () => {
    const c = await cluster();
    for (const n of ['a', 'b']) await c.addNode(n);
    const inner = nodeLifecycleController();
    let staleRev: number | undefined;
    const racing: ControllerDefinition = {
      ...inner,
      reconcile: (key, view, ctx) => {
        // The first reconcile at 85 s decides on the state before the kubelet's label write.
        const stale = staleRev !== undefined && ctx.now === 85_000 && key.endsWith('/b');
        const r = inner.reconcile(key, stale ? c.store.at(staleRev as number) : view, ctx);
        if (stale) staleRev = undefined;
        return r;
      },
    };
    c.manager.add(leaseRenewer(c));
    c.manager.add(racing);
    await c.run(30_000);
    c.alive.delete('b');
    await c.run(84_000);
    staleRev = c.store.rev;
    await c.api.patch({ ...NODES, name: 'b' }, 'merge', { metadata: { labels: { touched: 'yes' } } }, { actor: 'node:b' });
    await c.run(86_000);
    const attempts: HistoryRecord[] = [];
    for await (const r of c.log.read()) if (r.type === 'attempt') attempts.push(r);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ time: 85_000, actor: NLC, status: { reason: 'Conflict', code: 409 } });
    expect(ready(c, 'b')?.status).toBe('Unknown');
    expect(c.node('b').metadata?.labels).toEqual({ touched: 'yes' });
    expect((await nodeWrites(c))[0]).toBe('85005 core/nodes/_/b');
  });

  it('treats an unparseable heartbeat as a terminal error: reported once, never retried', async () => {
    const c = await started(['a']);
    c.alive.delete('a');
    await c.api.patch({ ...LEASES, name: 'a' }, 'merge', { spec: { renewTime: 'last tuesday' } }, user);
    const seen: Processed[] = [];
    c.manager.processed$.subscribe((p) => { if (p.controller === 'node-lifecycle-controller') seen.push(p); });
    await c.run(40_000);
    await c.api.patch({ ...NODES, name: 'a' }, 'merge', { metadata: { labels: { x: 'y' } } }, user);
    await c.run(300_000);
    expect(seen.map((p) => p.outcome)).toEqual([
      { type: 'error', terminal: true, message: 'node a: Lease renewTime "last tuesday" is not an RFC 3339 time' },
    ]);
    expect(await nodeWrites(c)).toEqual([]);
  });

  it('acts no more once removed (shutdown before the node goes stale)', async () => {
    const c = await started(['a', 'b']);
    c.alive.delete('b');
    await c.run(60_000);
    c.manager.remove('node-lifecycle-controller');
    await c.run(200_000);
    expect(ready(c, 'b')?.status).toBe('True');
    expect(await nodeWrites(c)).toEqual([]);
  });
});

describe('node failure end to end (node lifecycle + taint eviction + pod GC)', () => {
  it('evicts pods 300 s after the unreachable taint, keeps them Terminating, and PodGC removes them once the Node is deleted', async () => {
    const c = await cluster();
    for (const n of ['a', 'b']) await c.addNode(n);
    await c.addPod('web', 'b'); // default tolerations: not-ready and unreachable for 300 s
    await c.addPod('stubborn', 'b', { tolerations: [{ operator: 'Exists' }] });
    c.manager.add(leaseRenewer(c));
    c.manager.add(nodeLifecycleController());
    c.manager.add(taintEvictionController());
    c.manager.add(podGCController());
    await c.run(30_000);
    c.alive.delete('b');
    await c.run(389_999);
    expect(c.pod('web')?.metadata?.deletionTimestamp).toBeUndefined();
    await c.run(390_000); // unreachable NoExecute at 90 s (grace 50 s + the next monitor pass) + 300 s
    expect(c.pod('web')?.metadata?.deletionTimestamp).toBe(c.at(420_000)); // graceful: 30 s, but no kubelet to finish it
    expect(c.pod('web')?.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    expect(c.events('TaintManagerEviction').map((e) => e['message'])).toEqual(['Marking for deletion Pod default/web']);
    await c.run(900_000);
    expect(c.pod('web')?.metadata?.deletionTimestamp).toBe(c.at(420_000)); // still Terminating
    expect(c.pod('stubborn')?.metadata?.deletionTimestamp).toBeUndefined();
    await c.api.delete({ ...NODES, name: 'b' }, user);
    await c.run(900_000);
    expect(c.pod('web')).toBeUndefined();
    expect(c.pod('stubborn')).toBeUndefined();
    const gc = (await c.writes('controller:pod-garbage-collector-controller')).map((w) => `${w.verb} ${w.key}`);
    expect(gc).toEqual(['patch core/pods/default/stubborn', 'delete core/pods/default/stubborn', 'patch core/pods/default/web', 'delete core/pods/default/web']);
  });
});
