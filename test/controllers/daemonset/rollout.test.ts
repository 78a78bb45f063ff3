import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { TestEngine } from '../../runtime/engine.js';
import type { DaemonSetOptions } from './helpers.js';
import { DS, PODS, cluster, daemonSet, eventsWith, getDs, isReady, livePods, placement, revisions, settle, user } from './helpers.js';

const image = (v: string) => ({ spec: { template: { spec: { containers: [{ name: 'agent', image: v }] } } } });
const FOUR = { n1: {}, n2: {}, n3: {}, n4: {} };
const imageOf = (p: Pod): string => p.spec?.containers[0]?.image ?? '';

async function started(o: DaemonSetOptions = {}, nodes: Parameters<typeof cluster>[0] = FOUR): Promise<TestEngine> {
  const e = await cluster(nodes);
  await e.api.create(DS, daemonSet('agent', o), user);
  await settle(e, e.clock.now() + 3000);
  return e;
}

/** Per step: nodes without a ready, non-terminating pod, and the most pods on one node. */
function watcher(e: TestEngine, nodes: readonly string[]) {
  const seen = { maxUnavailable: 0, maxPerNode: 0, minReady: Number.POSITIVE_INFINITY };
  return {
    seen,
    observe: () => {
      const live = livePods(e);
      const readyNodes = new Set(live.filter(isReady).map((p) => p.spec?.nodeName));
      seen.maxUnavailable = Math.max(seen.maxUnavailable, nodes.filter((n) => !readyNodes.has(n)).length);
      seen.minReady = Math.min(seen.minReady, readyNodes.size);
      for (const n of nodes) seen.maxPerNode = Math.max(seen.maxPerNode, live.filter((p) => p.spec?.nodeName === n).length);
    },
  };
}

describe('daemonSetController rollouts', () => {
  it('RollingUpdate with the default maxUnavailable 1 replaces one node at a time, then records revision 2', async () => {
    const e = await started();
    const w = watcher(e, ['n1', 'n2', 'n3', 'n4']);
    await e.api.patch({ ...DS, name: 'agent' }, 'merge', image('fluent-bit:3.1'), user);
    await settle(e, e.clock.now() + 20_000, { stepMs: 200, observe: w.observe });
    expect(w.seen.maxUnavailable).toBe(1);
    expect(w.seen.maxPerNode).toBe(1);
    expect(placement(e)).toEqual({ n1: ['fluent-bit:3.1'], n2: ['fluent-bit:3.1'], n3: ['fluent-bit:3.1'], n4: ['fluent-bit:3.1'] });
    const revs = revisions(e).map((r) => r['revision']).sort();
    expect(revs).toEqual([1, 2]);
    const current = revisions(e).find((r) => r['revision'] === 2)!;
    const hash = current.metadata.labels?.['controller-revision-hash'];
    expect(livePods(e).every((p) => p.metadata.labels?.['controller-revision-hash'] === hash)).toBe(true);
    expect(getDs(e).status).toMatchObject({ desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 4, numberReady: 4, observedGeneration: 2 });
    expect(eventsWith(e, 'SuccessfulDelete')).toHaveLength(4);
  });

  it('maxUnavailable 50% of 4 nodes replaces two at a time', async () => {
    const e = await started({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%' } } });
    const w = watcher(e, ['n1', 'n2', 'n3', 'n4']);
    await e.api.patch({ ...DS, name: 'agent' }, 'merge', image('fluent-bit:3.1'), user);
    await settle(e, e.clock.now() + 20_000, { stepMs: 200, observe: w.observe });
    expect(w.seen.maxUnavailable).toBe(2);
    expect(livePods(e).map(imageOf)).toEqual(Array(4).fill('fluent-bit:3.1'));
  });

  it('maxSurge 1 (maxUnavailable 0) starts the new pod beside the old and keeps every node ready', async () => {
    const e = await started({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } });
    const w = watcher(e, ['n1', 'n2', 'n3', 'n4']);
    await e.api.patch({ ...DS, name: 'agent' }, 'merge', image('fluent-bit:3.1'), user);
    await settle(e, e.clock.now() + 20_000, { stepMs: 200, observe: w.observe });
    expect(w.seen.maxUnavailable).toBe(0);
    expect(w.seen.maxPerNode).toBe(2);
    expect(placement(e)).toEqual({ n1: ['fluent-bit:3.1'], n2: ['fluent-bit:3.1'], n3: ['fluent-bit:3.1'], n4: ['fluent-bit:3.1'] });
  });

  it('OnDelete changes nothing until a pod is deleted; its replacement runs the new template', async () => {
    const e = await started({ updateStrategy: { type: 'OnDelete' } });
    await e.api.patch({ ...DS, name: 'agent' }, 'merge', image('fluent-bit:3.1'), user);
    await settle(e, e.clock.now() + 10_000);
    expect(livePods(e).map(imageOf)).toEqual(Array(4).fill('fluent-bit:3.0'));
    expect(getDs(e).status).toMatchObject({ updatedNumberScheduled: 0, numberAvailable: 4, observedGeneration: 2 });
    const victim = livePods(e).find((p) => p.spec?.nodeName === 'n2')!;
    await e.api.delete({ ...PODS, name: victim.metadata.name ?? '' }, user, { gracePeriodSeconds: 0 });
    await settle(e, e.clock.now() + 3000);
    expect(placement(e)['n2']).toEqual(['fluent-bit:3.1']);
    expect(getDs(e).status).toMatchObject({ updatedNumberScheduled: 1 });
  });

  it('waits minReadySeconds before counting a pod available and before replacing the next node', async () => {
    const e = await started({ minReadySeconds: 10 }, { n1: {}, n2: {} });
    expect(getDs(e).status).toMatchObject({ numberReady: 2, numberAvailable: 0, numberUnavailable: 2 });
    await settle(e, e.clock.now() + 11_000);
    expect(getDs(e).status).toMatchObject({ numberReady: 2, numberAvailable: 2, numberUnavailable: 0 });
    await e.api.patch({ ...DS, name: 'agent' }, 'merge', image('fluent-bit:3.1'), user);
    await settle(e, e.clock.now() + 5000);
    // One node replaced; its pod is ready but not yet available, so the other waits.
    expect(livePods(e).map(imageOf).sort()).toEqual(['fluent-bit:3.0', 'fluent-bit:3.1']);
    await settle(e, e.clock.now() + 30_000);
    expect(livePods(e).map(imageOf)).toEqual(['fluent-bit:3.1', 'fluent-bit:3.1']);
  });

  it('a rollback reuses the old ControllerRevision with a new number; old revisions beyond the limit are deleted', async () => {
    const e = await started({ revisionHistoryLimit: 1 }, { n1: {} });
    const first = revisions(e)[0]!;
    for (const v of ['3.1', '3.2']) {
      await e.api.patch({ ...DS, name: 'agent' }, 'merge', image(`fluent-bit:${v}`), user);
      await settle(e, e.clock.now() + 5000);
    }
    // Revisions 1, 2, 3 were made; with a limit of 1 old one, revision 1 is gone.
    expect(revisions(e).map((r) => r['revision']).sort()).toEqual([2, 3]);
    await e.api.patch({ ...DS, name: 'agent' }, 'merge', image('fluent-bit:3.1'), user);
    await settle(e, e.clock.now() + 5000);
    const byRev = Object.fromEntries(revisions(e).map((r) => [String(r['revision']), r.metadata.name]));
    expect(Object.keys(byRev).sort()).toEqual(['3', '4']);
    expect(byRev['4']).not.toBe(first.metadata.name);
    expect(livePods(e)[0]!.metadata.labels?.['controller-revision-hash']).toBe(revisions(e).find((r) => r['revision'] === 4)!.metadata.labels?.['controller-revision-hash']);
  });
});
