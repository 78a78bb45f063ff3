import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { nodeAgent } from '../../../src/controllers/node-agent/node-agent.js';
import type { KubeObject } from '../../../src/model/index.js';
import { objectKey } from '../../../src/model/index.js';
import type { BehaviourRule } from '../../../src/runtime/world/behaviour-rules.js';
import { createWorld } from '../../../src/runtime/world/create-world.js';
import { testEngine } from '../../runtime/engine.js';

const user = { actor: 'user:alice' };
const podKey = (name: string): string => objectKey({ group: '', resource: 'pods', namespace: 'default', name });
const nodeKey = objectKey({ group: '', resource: 'nodes', namespace: '', name: 'node-1' });
const leaseKey = objectKey({ group: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-node-lease', name: 'node-1' });

function podObject(name: string, extra: { annotations?: Record<string, string>; labels?: Record<string, string>; restartPolicy?: string; containers?: string[] } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: extra.labels ?? { app: name }, ...(extra.annotations === undefined ? {} : { annotations: extra.annotations }) },
    spec: {
      nodeName: 'node-1',
      ...(extra.restartPolicy === undefined ? {} : { restartPolicy: extra.restartPolicy }),
      containers: (extra.containers ?? ['app']).map((c) => ({ name: c, image: 'nginx:1.27' })),
    },
  };
}

async function setup(behaviours: BehaviourRule[] = [], podCIDRs: string[] = ['10.244.1.0/24']) {
  const e = await testEngine();
  const world = createWorld({ behaviours });
  for (const def of nodeAgent('node-1', world, { podCIDRs, internalIP: '172.18.0.2' })) e.manager.add(def);
  const pods = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
  const pod = (name: string) => e.store.head().get(podKey(name)) as unknown as Pod | undefined;
  const create = (o: KubeObject) => e.api.create(pods, o, user);
  return { ...e, world, pod, create };
}

describe('nodeAgent', () => {
  it('registers its Node with capacity, labels, conditions, and renews its Lease every 10 s', async () => {
    const e = await setup();
    await e.scheduler.run(60_000);
    const node = e.store.head().get(nodeKey) as unknown as Node;
    expect(node.metadata?.labels).toMatchObject({ 'kubernetes.io/hostname': 'node-1', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
    expect(node.spec?.podCIDRs).toEqual(['10.244.1.0/24']);
    expect(node.status?.capacity).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110' });
    expect(node.status?.allocatable?.['memory']).toBe('8092Mi');
    expect(node.status?.nodeInfo?.kubeletVersion).toMatch(/^v1\.32\./);
    expect(node.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ]);
    const lease = e.store.head().get(leaseKey) as unknown as Lease;
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:01:00.000000Z' });
    const leaseWrites = e.store.writes({ actor: 'node:node-1', key: leaseKey }).length;
    expect(leaseWrites).toBe(7); // create at 0, renewals at 10 … 60 s
    // Status is posted once at registration, then only every 5 min when nothing changes.
    await e.scheduler.run(11 * 60_000);
    expect(e.store.writes({ actor: 'node:node-1', key: nodeKey }).map((w) => [w.verb, w.subresource ?? '', w.time])).toEqual([
      ['create', '', 0],
      ['update', 'status', 0],
      ['update', 'status', 300_000],
      ['update', 'status', 600_000],
    ]);
  });

  it('takes a bound pod through ContainerCreating to Running and Ready, with an IP from the pod CIDR', async () => {
    const e = await setup([{ matchLabels: { app: 'web' }, behaviour: { startDelayMs: 2000, readyAfterMs: 3000 } }], ['10.244.1.0/24', 'fd00:10:244:1::/64']);
    await e.scheduler.run(1000);
    await e.create(podObject('web'));
    await e.scheduler.run(2000);
    let p = e.pod('web');
    expect(p?.status?.phase).toBe('Pending');
    expect(p?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(p?.status?.podIPs).toEqual([{ ip: '10.244.1.2' }, { ip: 'fd00:10:244:1::2' }]);
    expect(p?.status?.hostIP).toBe('172.18.0.2');
    expect(p?.status?.startTime).toBe('2026-01-01T00:00:01Z');
    await e.scheduler.run(4000);
    p = e.pod('web');
    expect(p?.status?.phase).toBe('Running');
    expect(p?.status?.containerStatuses?.[0]).toMatchObject({ ready: false, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27' });
    expect(p?.status?.containerStatuses?.[0]?.state?.running?.startedAt).toBe('2026-01-01T00:00:03Z');
    expect(p?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    await e.scheduler.run(6000);
    p = e.pod('web');
    expect(p?.status?.containerStatuses?.[0]?.ready).toBe(true);
    expect(p?.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
    ]);
    expect(p?.status?.containerStatuses?.[0]?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    // A second pod gets the next address.
    await e.create(podObject('web2', { labels: { app: 'other' } }));
    await e.scheduler.run(7000);
    expect(e.pod('web2')?.status?.podIP).toBe('10.244.1.3');
    const reasons = e.store.head().list({ group: '', resource: 'events' }).filter((ev) => (ev['involvedObject'] as { name: string }).name === 'web').map((ev) => ev['reason']);
    expect(reasons).toEqual(expect.arrayContaining(['Pulling', 'Pulled', 'Created', 'Started']));
    expect(reasons).toHaveLength(4);
  });

  it('restarts a crashing container after 0, 10, 20, 40, 80, 160, 300, 300 s and shows CrashLoopBackOff', async () => {
    const e = await setup();
    await e.create(podObject('crasher', { annotations: { 'chronokube.io/crash-after': '5s', 'chronokube.io/exit-code': '2' } }));
    const starts: number[] = [];
    const finishes: number[] = [];
    let sawBackoff = '';
    for (let t = 0; t <= 1_300_000; t += 1000) {
      await e.scheduler.run(t);
      const cs = e.pod('crasher')?.status?.containerStatuses?.[0];
      const started = cs?.state?.running?.startedAt;
      if (started !== undefined && !starts.includes(Date.parse(started))) starts.push(Date.parse(started));
      const fin = cs?.lastState?.terminated?.finishedAt;
      if (fin !== undefined && !finishes.includes(Date.parse(fin))) finishes.push(Date.parse(fin));
      if (cs?.state?.waiting?.reason === 'CrashLoopBackOff' && sawBackoff === '') sawBackoff = cs.state.waiting.message ?? '';
    }
    const gaps = starts.slice(1).map((s, i) => (s - (finishes[i] ?? 0)) / 1000);
    expect(gaps.slice(0, 8)).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
    const p = e.pod('crasher');
    expect(sawBackoff).toBe(`back-off 10s restarting failed container=app pod=crasher_default(${p?.metadata?.uid ?? ''})`);
    expect(p?.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(p?.status?.containerStatuses?.[0]?.restartCount).toBe(starts.length - 1);
    expect(p?.status?.phase).toBe('Running');
  });

  it('keeps a never-ready pod unready', async () => {
    const e = await setup([{ matchLabels: { app: 'nr' }, behaviour: { neverReady: true } }]);
    await e.create(podObject('nr', { annotations: { 'chronokube.io/ready-after': '1s' } }));
    await e.scheduler.run(600_000);
    const p = e.pod('nr');
    expect(p?.status?.phase).toBe('Running');
    expect(p?.status?.containerStatuses?.[0]?.ready).toBe(false);
    expect(p?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
  });

  it('fails a pod with restartPolicy Never whose container errors, and completes one that exits 0', async () => {
    const e = await setup();
    await e.create(podObject('once', { restartPolicy: 'Never', annotations: { 'chronokube.io/crash-after': '3s' } }));
    await e.create(podObject('job', { restartPolicy: 'OnFailure', annotations: { 'chronokube.io/complete-after': '4s' } }));
    await e.scheduler.run(60_000);
    const once = e.pod('once');
    expect(once?.status?.phase).toBe('Failed');
    expect(once?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(once?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    const job = e.pod('job');
    expect(job?.status?.phase).toBe('Succeeded');
    expect(job?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(job?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('removes a deleted pod after its grace period, with a Killing event', async () => {
    const e = await setup();
    await e.create(podObject('web'));
    await e.scheduler.run(5000);
    await e.api.delete({ group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'web' }, user, { gracePeriodSeconds: 20 });
    await e.scheduler.run(24_000);
    expect(e.pod('web')?.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:25Z');
    const killing = e.store.head().list({ group: '', resource: 'events' }).find((ev) => ev['reason'] === 'Killing');
    expect(killing?.['message']).toBe('Stopping container app');
    await e.scheduler.run(26_000);
    expect(e.pod('web')).toBeUndefined();
    const del = e.store.writes({ actor: 'node:node-1', key: podKey('web') }).at(-1);
    expect([del?.verb, del?.time]).toEqual(['delete', 25_000]);
  });

  it('does nothing while the node is down: no heartbeats, no pod updates', async () => {
    const e = await setup();
    await e.create(podObject('web'));
    await e.scheduler.run(30_000);
    e.world.setNodeDown('node-1', true, 30_000);
    const before = e.store.writes({ actor: 'node:node-1' }).length;
    await e.scheduler.run(115_000);
    expect(e.store.writes({ actor: 'node:node-1' }).length).toBe(before);
    e.world.setNodeDown('node-1', false, 115_000);
    await e.scheduler.run(131_000);
    expect(e.store.writes({ actor: 'node:node-1', key: leaseKey }).map((w) => w.time).filter((t) => t > 30_000)).toEqual([120_000, 130_000]);
  });

  it('writes nothing while partitioned, but its containers keep running', async () => {
    const e = await setup();
    await e.create(podObject('crasher', { annotations: { 'chronokube.io/crash-after': '30s' } }));
    await e.scheduler.run(10_000);
    e.world.setPartitioned('node-1', true);
    const before = e.store.writes({ actor: 'node:node-1' }).length;
    await e.scheduler.run(100_000);
    expect(e.store.writes({ actor: 'node:node-1' }).length).toBe(before);
    expect(e.pod('crasher')?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    e.world.setPartitioned('node-1', false);
    await e.scheduler.run(111_000);
    // Exits at 30 s (restarted at once), 60 s (restarted at 70 s) and 100 s (back-off 20 s): the status catches up on the timeline.
    const cs = e.pod('crasher')?.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(2);
    expect(cs?.state?.waiting?.message).toMatch(/^back-off 20s restarting failed container=app /);
    expect(cs?.lastState?.terminated).toMatchObject({ startedAt: '2026-01-01T00:01:10Z', finishedAt: '2026-01-01T00:01:40Z' });
  });

  it('reports an injected container crash and restarts the container', async () => {
    const e = await setup();
    await e.create(podObject('web'));
    await e.scheduler.run(20_000);
    e.world.applyFault({ kind: 'container-crash', pod: 'default/web', container: 'app', exitCode: 137 }, 20_000);
    await e.scheduler.run(40_000);
    const cs = e.pod('web')?.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: '2026-01-01T00:00:20Z' });
    expect(cs?.state?.running?.startedAt).toBe('2026-01-01T00:00:20Z');
  });

  it('writes nothing for pods when there are none, and nothing for a no-op pod change', async () => {
    const e = await setup();
    await e.scheduler.run(30_000);
    expect(e.store.writes({ actor: 'node:node-1' }).filter((w) => w.key.includes('/pods/'))).toEqual([]);
    await e.create(podObject('web'));
    await e.scheduler.run(40_000);
    const before = e.store.writes({ actor: 'node:node-1', key: podKey('web') }).length;
    await e.api.patch({ group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'web' }, 'merge', { metadata: { labels: { tier: 'x' } } }, user);
    await e.scheduler.run(50_000);
    expect(e.store.writes({ actor: 'node:node-1', key: podKey('web') }).length).toBe(before);
  });

  it('writes status conditionally: a stale view is refused with 409 and the retry decides again', async () => {
    const e = await setup();
    await e.scheduler.run(1000);
    await e.create(podObject('web'));
    const [, pods] = nodeAgent('node-1', e.world, { podCIDRs: ['10.244.1.0/24'] });
    const stale = e.store.head();
    await e.scheduler.run(5000);
    const result = pods?.reconcile(podKey('web'), stale, { now: 5000, epoch: Date.UTC(2026, 0, 1), random: { next: () => 0, int: () => 0 } });
    const update = result?.commands[0];
    expect(update?.type).toBe('update');
    await expect(e.api.execute(update!, { actor: 'node:node-1' })).rejects.toMatchObject({ status: { reason: 'Conflict', code: 409 } });
  });

  it('survives a kubelet restart: containers keep running, restart counts stay, the back-off memory is lost', async () => {
    const e = await setup();
    await e.create(podObject('crasher', { annotations: { 'chronokube.io/crash-after': '5s' } }));
    await e.scheduler.run(22_000); // exits at 5 s (restart at once), 10 s (back-off 10 s, restart at 20 s)
    expect(e.pod('crasher')?.status?.containerStatuses?.[0]?.restartCount).toBe(2);
    for (const name of ['kubelet/node-1', 'kubelet/node-1/pods']) e.manager.remove(name);
    e.world.applyFault({ kind: 'kubelet-restart', node: 'node-1' }, 22_000);
    for (const def of nodeAgent('node-1', e.world, { podCIDRs: ['10.244.1.0/24'], internalIP: '172.18.0.2' })) e.manager.add(def);
    await e.scheduler.run(26_000);
    const cs = e.pod('crasher')?.status?.containerStatuses?.[0];
    // The run started at 20 s by the old kubelet exits at 25 s; the new kubelet has no back-off entry and restarts it at once.
    expect(cs?.restartCount).toBe(3);
    expect(cs?.state?.running?.startedAt).toBe('2026-01-01T00:00:25Z');
  });
});

