import { describe, expect, it } from 'vitest';
import type { Processed } from '../../../src/controllers/index.js';
import { taintEvictionController } from '../../../src/controllers/node-lifecycle/taint-eviction-controller.js';
import type { Cluster } from './cluster.js';
import { cluster, NODES, PODS, user } from './cluster.js';

const TEC = 'controller:taint-eviction-controller';

/** Node `n` (no lifecycle controller: taints are set by hand) and the eviction controller. */
async function setup(): Promise<Cluster> {
  const c = await cluster();
  await c.addNode('n');
  c.manager.add(taintEvictionController());
  return c;
}

async function taint(c: Cluster, taints: object[]): Promise<void> {
  await c.api.patch({ ...NODES, name: 'n' }, 'merge', { spec: { taints } }, user);
}

const terminating = (c: Cluster, p: string) => c.pod(p)?.metadata?.deletionTimestamp !== undefined;

describe('taintEvictionController', () => {
  it('does nothing to pods on untainted nodes', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    await c.run(1_000_000);
    expect(await c.writes(TEC)).toEqual([]);
  });

  it('evicts a pod with the admission defaults exactly 300 s after the taint was added, with event and DisruptionTarget', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    expect(c.pod('p')?.spec?.tolerations?.map((t) => `${t.key}:${t.tolerationSeconds}`)).toEqual(['node.kubernetes.io/not-ready:300', 'node.kubernetes.io/unreachable:300']);
    await c.run(10_000);
    await taint(c, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: c.at(10_000) }]);
    await c.run(309_999);
    expect(terminating(c, 'p')).toBe(false);
    await c.run(310_000);
    expect(c.pod('p')?.metadata?.deletionTimestamp).toBe(c.at(340_000));
    expect(c.pod('p')?.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: c.at(310_000),
    });
    const [event] = c.events('TaintManagerEviction');
    expect(event).toMatchObject({ type: 'Normal', message: 'Marking for deletion Pod default/p', source: { component: 'taint-eviction-controller' } });
    expect((await c.writes(TEC)).map((w) => `${w.time} ${w.verb} ${w.key.split('/')[1]}`)).toEqual(['310000 create events', '310000 patch pods', '310000 delete pods']);
  });

  it('evicts at once a pod that does not tolerate a NoExecute taint', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    await c.run(50_000);
    await taint(c, [{ key: 'dedicated', value: 'db', effect: 'NoExecute', timeAdded: c.at(50_000) }]);
    await c.run(50_000);
    expect(terminating(c, 'p')).toBe(true);
  });

  it('never evicts a pod that tolerates the taint without tolerationSeconds', async () => {
    const c = await setup();
    await c.addPod('p', 'n', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoExecute' }] });
    await taint(c, [{ key: 'dedicated', value: 'db', effect: 'NoExecute', timeAdded: c.at(0) }]);
    await c.run(10_000_000);
    expect(terminating(c, 'p')).toBe(false);
    expect(await c.writes(TEC)).toEqual([]);
  });

  it('uses the smallest tolerationSeconds of the tolerations used, and 0 means at once', async () => {
    const c = await setup();
    await c.addPod('short', 'n', { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }, { key: 'b', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 600 }] });
    await c.addPod('zero', 'n', { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }, { key: 'b', operator: 'Exists' }] });
    await taint(c, [{ key: 'a', effect: 'NoExecute', timeAdded: c.at(0) }, { key: 'b', effect: 'NoExecute', timeAdded: c.at(0) }]);
    await c.run(0);
    expect(terminating(c, 'zero')).toBe(true);
    await c.run(59_999);
    expect(terminating(c, 'short')).toBe(false);
    await c.run(60_000);
    expect(terminating(c, 'short')).toBe(true);
  });

  it('starts the clock when the pod was bound if it came after the taint', async () => {
    const c = await setup();
    await taint(c, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: c.at(0) }]);
    await c.run(100_000);
    await c.addPod('late', 'n');
    await c.run(399_999);
    expect(terminating(c, 'late')).toBe(false);
    await c.run(400_000);
    expect(terminating(c, 'late')).toBe(true);
  });

  it('spares the pod when the taint is removed before its time runs out', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    await taint(c, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: c.at(0) }]);
    await c.run(200_000);
    await taint(c, []);
    await c.run(1_000_000);
    expect(terminating(c, 'p')).toBe(false);
    expect(await c.writes(TEC)).toEqual([]);
  });

  it('ignores pod updates that change neither tolerations nor node (a no-op update)', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    const seen: Processed[] = [];
    c.manager.processed$.subscribe((p) => { if (p.controller === 'taint-eviction-controller') seen.push(p); });
    await c.run(1_000);
    const before = seen.length;
    await c.api.patch({ ...PODS, name: 'p', subresource: 'status' }, 'strategic', { status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: c.at(1_000) }] } }, user);
    await c.api.patch({ ...PODS, name: 'p' }, 'merge', { metadata: { labels: { x: 'y' } } }, user);
    await c.run(2_000);
    expect(seen.length).toBe(before);
  });

  it('does nothing for a pod deleted before its time runs out', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    await taint(c, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: c.at(0) }]);
    await c.run(100_000);
    await c.api.delete({ ...PODS, name: 'p' }, user, { gracePeriodSeconds: 0 });
    await c.run(1_000_000);
    expect(await c.writes(TEC)).toEqual([]);
  });

  it('reports a malformed timeAdded as a terminal error and does not retry', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    const seen: Processed[] = [];
    c.manager.processed$.subscribe((p) => { if (p.controller === 'taint-eviction-controller') seen.push(p); });
    await taint(c, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 'soon' }]);
    await c.run(1_000_000);
    expect(seen.map((p) => p.outcome)).toEqual([
      { type: 'error', terminal: true, message: 'node n: taint node.kubernetes.io/unreachable:NoExecute has timeAdded "soon", not an RFC 3339 time' },
    ]);
  });

  it('stops when removed mid-countdown', async () => {
    const c = await setup();
    await c.addPod('p', 'n');
    await taint(c, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: c.at(0) }]);
    await c.run(100_000);
    c.manager.remove('taint-eviction-controller');
    await c.run(1_000_000);
    expect(terminating(c, 'p')).toBe(false);
  });
});
