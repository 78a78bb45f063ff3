import { describe, expect, it } from 'vitest';
import { daemonSetController } from '../../../src/controllers/daemonset/daemonset.js';
import { computeHash } from '../../../src/controllers/deployment/pod-template-hash.js';
import { schedulerController } from '../../../src/controllers/scheduler/scheduler.js';
import { testEngine } from '../../runtime/engine.js';
import type { TestEngine } from '../../runtime/engine.js';
import { addNode } from '../scheduler/fixtures.js';
import type { DaemonSetOptions } from './helpers.js';
import { CR, DS, NODES, cluster, daemonSet, eventsWith, getDs, livePods, placement, revisions, settle, user } from './helpers.js';

const ACTOR = 'controller:daemonset';

async function started(nodes: Parameters<typeof cluster>[0], o: DaemonSetOptions = {}): Promise<TestEngine> {
  const e = await cluster(nodes);
  await e.api.create(DS, daemonSet('agent', o), user);
  await settle(e, e.clock.now() + 3000);
  return e;
}

describe('daemonSetController', () => {
  it('does nothing without DaemonSets', async () => {
    const e = await testEngine();
    await addNode(e.api, 'n1');
    e.manager.add(daemonSetController);
    await e.scheduler.run(5000);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(0);
  });

  it('runs one pod per eligible node: skips an untolerated NoSchedule taint, still runs on a cordoned node', async () => {
    const e = await started({
      n1: {},
      n2: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
      gpu: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
    });
    expect(placement(e)).toEqual({ n1: ['fluent-bit:3.0'], n2: ['fluent-bit:3.0'] });
    const [cr] = revisions(e);
    const hash = cr!.metadata.labels?.['controller-revision-hash'] ?? '';
    expect(cr!.metadata.name).toBe(`agent-${hash}`);
    expect(cr!['revision']).toBe(1);
    expect(cr!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', controller: true });
    expect((cr!['data'] as { spec: { template: Record<string, unknown> } }).spec.template['$patch']).toBe('replace');
    for (const p of livePods(e)) {
      expect(p.metadata.generateName).toBe('agent-');
      expect(p.metadata.labels).toMatchObject({ app: 'agent', 'controller-revision-hash': hash });
      expect(p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec?.nodeName] }] }],
      });
      expect(p.spec?.tolerations).toEqual([
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      ]);
    }
    expect(getDs(e).status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberMisscheduled: 0,
      numberReady: 2,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
      observedGeneration: 1,
    });
    expect(getDs(e).status?.numberUnavailable ?? 0).toBe(0);
    expect(eventsWith(e, 'SuccessfulCreate').sort()).toEqual(livePods(e).map((p) => `Created pod: ${p.metadata.name ?? ''}`).sort());
  });

  it('writes nothing more once settled', async () => {
    const e = await started({ n1: {}, n2: {} });
    const before = e.store.writes({ actor: ACTOR }).length;
    await e.api.patch({ ...DS, name: 'agent' }, 'merge', { metadata: { labels: { team: 'obs' } } }, user);
    await settle(e, e.clock.now() + 30_000, { stepMs: 5000 });
    expect(e.store.writes({ actor: ACTOR }).length).toBe(before);
  });

  it('follows nodes: a new node gets a pod; labels and taints move pods on and off', async () => {
    const e = await started({ n1: { labels: { logs: 'on' } }, n2: {} }, { nodeSelector: { logs: 'on' } });
    expect(Object.keys(placement(e))).toEqual(['n1']);
    await addNode(e.api, 'n3', { labels: { logs: 'on' } });
    await settle(e, e.clock.now() + 3000);
    expect(Object.keys(placement(e)).sort()).toEqual(['n1', 'n3']);
    // Labelling n2 brings a pod; unlabelling n1 removes its pod.
    await e.api.patch({ ...NODES, name: 'n2' }, 'merge', { metadata: { labels: { logs: 'on' } } }, user);
    await e.api.patch({ ...NODES, name: 'n1' }, 'merge', { metadata: { labels: { logs: null } } }, user);
    await settle(e, e.clock.now() + 3000);
    expect(Object.keys(placement(e)).sort()).toEqual(['n2', 'n3']);
    // A NoSchedule taint keeps the running pod (misscheduled); a NoExecute taint removes it.
    await e.api.patch({ ...NODES, name: 'n2' }, 'merge', { spec: { taints: [{ key: 'maint', effect: 'NoSchedule' }] } }, user);
    await settle(e, e.clock.now() + 3000);
    expect(Object.keys(placement(e)).sort()).toEqual(['n2', 'n3']);
    expect(getDs(e).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 });
    await e.api.patch({ ...NODES, name: 'n2' }, 'merge', { spec: { taints: [{ key: 'maint', effect: 'NoExecute' }] } }, user);
    await settle(e, e.clock.now() + 3000);
    expect(Object.keys(placement(e))).toEqual(['n3']);
    expect(getDs(e).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0 });
  });

  it('keeps its pods on not-ready and unreachable nodes (NoExecute tolerated forever) but starts none on a new not-ready node', async () => {
    const e = await started({ n1: {} });
    await e.api.patch({ ...NODES, name: 'n1' }, 'merge', { spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] } }, user);
    await settle(e, e.clock.now() + 3000);
    expect(Object.keys(placement(e))).toEqual(['n1']);
    await addNode(e.api, 'n2', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] });
    await settle(e, e.clock.now() + 3000);
    expect(Object.keys(placement(e))).toEqual(['n1']);
  });

  it('adds network-unavailable to the tolerations of hostNetwork pods, replacing a user toleration of the same key', async () => {
    const e = await started(
      { n1: { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] } },
      { hostNetwork: true, tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] },
    );
    const [p] = livePods(e);
    expect(p?.spec?.nodeName).toBe('n1');
    const tol = p?.spec?.tolerations ?? [];
    expect(tol[0]).toEqual({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
    expect(tol.at(-1)).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
    expect(tol).toHaveLength(7);
  });

  it('bumps status.collisionCount when its revision name is taken by another template, then uses the next hash', async () => {
    const e = await testEngine();
    await addNode(e.api, 'n1');
    e.manager.add(schedulerController());
    const created = await e.api.create(DS, daemonSet('agent'), user);
    const taken = `agent-${computeHash((created['spec'] as { template: unknown }).template, undefined)}`;
    await e.api.create(CR, { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: taken, labels: { other: 'x' } }, data: { spec: {} }, revision: 1 }, user);
    e.manager.add(daemonSetController);
    await settle(e, e.clock.now() + 3000);
    expect(getDs(e).status?.collisionCount).toBe(1);
    const mine = revisions(e).filter((r) => r.metadata.ownerReferences?.[0]?.name === 'agent');
    expect(mine.map((r) => r.metadata.name)).toEqual([`agent-${computeHash((created['spec'] as { template: unknown }).template, 1)}`]);
    expect(livePods(e).map((p) => p.metadata.labels?.['controller-revision-hash'])).toEqual([mine[0]!.metadata.labels?.['controller-revision-hash']]);
  });
});
