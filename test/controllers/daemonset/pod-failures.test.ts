import { describe, expect, it } from 'vitest';
import { syncDaemonSet } from '../../../src/controllers/daemonset/daemonset.js';
import type { KubeObject } from '../../../src/model/index.js';
import { seededRandom } from '../../../src/model/index.js';
import type { StateView } from '../../../src/store/index.js';
import type { TestEngine } from '../../runtime/engine.js';
import { DS, PODS, cluster, daemonSet, eventsWith, getDs, livePods, pods, settle, user } from './helpers.js';

async function started(nodes: Parameters<typeof cluster>[0] = { n1: {} }): Promise<TestEngine> {
  const e = await cluster(nodes);
  await e.api.create(DS, daemonSet('agent'), user);
  await settle(e, e.clock.now() + 3000);
  return e;
}

async function fail(e: TestEngine, name: string, phase: 'Failed' | 'Succeeded' = 'Failed'): Promise<void> {
  await e.api.patch({ ...PODS, name, subresource: 'status' }, 'merge', { status: { phase, conditions: [{ type: 'Ready', status: 'False' }] } }, user);
}

const podOn = (e: TestEngine, node: string) => livePods(e).find((p) => p.spec?.nodeName === node);

describe('daemonSetController: failed, succeeded, excess and stray pods', () => {
  it('deletes a failed pod with a FailedDaemonPod warning and recreates it; repeated failures wait out a 1 s, then 2 s back-off', async () => {
    const e = await started();
    const deletedAt = (name: string) => e.store.writes({ actor: 'controller:daemonset' }).find((w) => w.key === `core/pods/default/${name}` && w.verb === 'delete')?.time;
    const requeues = async (): Promise<number[]> => {
      const out: number[] = [];
      for await (const r of e.log.read()) if (r.type === 'reconcile' && r.controller === 'daemonset' && r.requeueAfterMs !== undefined) out.push(r.requeueAfterMs);
      return out;
    };
    const first = podOn(e, 'n1')!.metadata.name ?? '';
    await fail(e, first);
    await e.scheduler.run(e.clock.now() + 100);
    expect(eventsWith(e, 'FailedDaemonPod')).toEqual([`Found failed daemon pod default/${first} on node n1, will try to kill it`]);
    expect(deletedAt(first)).toBe(3000);
    await settle(e, e.clock.now() + 300, { stepMs: 100 });
    const second = podOn(e, 'n1')!.metadata.name ?? '';
    expect(second).not.toBe(first);
    // Failed again within the 1 s back-off: kept, and the DaemonSet requeued after the back-off.
    await fail(e, second);
    await e.scheduler.run(e.clock.now() + 100);
    expect(pods(e).some((p) => p.metadata.name === second)).toBe(true);
    expect(await requeues()).toContain(1000);
    await settle(e, e.clock.now() + 2000, { stepMs: 100 });
    expect(deletedAt(second)).toBeGreaterThanOrEqual(4000);
    // The third failure right after: the back-off has doubled to 2 s.
    const third = podOn(e, 'n1')!.metadata.name ?? '';
    await fail(e, third);
    await e.scheduler.run(e.clock.now() + 100);
    expect(await requeues()).toContain(2000);
    await settle(e, e.clock.now() + 4000, { stepMs: 100 });
    expect(deletedAt(third)! - deletedAt(second)!).toBeGreaterThanOrEqual(1000);
    expect(eventsWith(e, 'FailedDaemonPod')).toHaveLength(3);
    expect(podOn(e, 'n1')?.status?.phase).toBe('Running');
  });

  it('deletes a succeeded pod with a SucceededDaemonPod event and starts another', async () => {
    const e = await started();
    const name = podOn(e, 'n1')!.metadata.name ?? '';
    await fail(e, name, 'Succeeded');
    await settle(e, e.clock.now() + 2000);
    expect(eventsWith(e, 'SucceededDaemonPod')).toEqual([`Found succeeded daemon pod default/${name} on node n1, will try to delete it`]);
    expect(podOn(e, 'n1')!.metadata.name).not.toBe(name);
  });

  it('adopts a matching orphan pinned to a node and deletes the newer of two pods there', async () => {
    const e = await started();
    const mine = podOn(e, 'n1')!;
    const orphan: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', labels: { app: 'agent' } },
      spec: { nodeName: 'n1', containers: [{ name: 'agent', image: 'x' }] },
    };
    await e.api.create(PODS, orphan, user);
    await settle(e, e.clock.now() + 2000);
    expect(livePods(e).map((p) => p.metadata.name)).toEqual([mine.metadata.name]);
    const strayWrites = e.store.writes({ actor: 'controller:daemonset' }).filter((w) => w.key === 'core/pods/default/stray');
    expect(strayWrites.map((w) => w.verb)).toEqual(['patch', 'delete']);
    expect(getDs(e).status).toMatchObject({ currentNumberScheduled: 1, numberMisscheduled: 0 });
  });

  it('deletes an unscheduled daemon pod whose node is gone', async () => {
    const e = await started();
    const ds = e.api.get({ ...DS, name: 'agent' });
    const ghost: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'ghost',
        labels: { app: 'agent' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid ?? '', controller: true }],
      },
      spec: {
        containers: [{ name: 'agent', image: 'x' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gone'] }] }] } } },
      },
    };
    await e.api.create(PODS, ghost, user);
    await settle(e, e.clock.now() + 2000);
    expect(pods(e).some((p) => p.metadata.name === 'ghost')).toBe(false);
    expect(eventsWith(e, 'SuccessfulDelete')).toContain('Deleted pod: ghost');
  });

  it('warns SelectingAll for an empty selector and does nothing else', () => {
    // The API refuses an empty selector on create, so the controller's own guard is fed a view holding one.
    const key = 'apps/daemonsets/default/agent';
    const ds = daemonSet('agent');
    const obj = { ...ds, metadata: { name: 'agent', namespace: 'default', uid: 'u1' }, spec: { ...(ds['spec'] as object), selector: {} } };
    const view = { get: (k: string) => (k === key ? obj : undefined) } as unknown as StateView;
    const r = syncDaemonSet(key, view, { now: 0, epoch: 0, random: seededRandom(1) });
    expect(r.commands).toHaveLength(1);
    expect((r.commands[0] as { object: Record<string, unknown> }).object).toMatchObject({
      reason: 'SelectingAll',
      type: 'Warning',
      message: 'This daemon set is selecting all pods. A non-empty selector is required.',
    });
  });
});
