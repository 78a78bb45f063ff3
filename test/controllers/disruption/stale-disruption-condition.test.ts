import { describe, expect, it } from 'vitest';
import { stalePodDisruptionController } from '../../../src/controllers/disruption/stale-disruption-condition.js';
import type { KubeObject } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';
import { pod, PODS, stamp, user } from './helpers.js';

const target = (p: KubeObject): Record<string, unknown> | undefined =>
  ((p['status'] as { conditions?: Record<string, unknown>[] }).conditions ?? []).find((c) => c['type'] === 'DisruptionTarget');

async function marked(name: string, reason: string): Promise<Awaited<ReturnType<typeof testEngine>>> {
  const e = await testEngine();
  e.manager.add(stalePodDisruptionController);
  await pod(e.api, name);
  const conditions = [...((e.api.get({ ...PODS, name })['status'] as { conditions: unknown[] }).conditions ?? [])];
  conditions.push({ type: 'DisruptionTarget', status: 'True', reason, message: 'Eviction API: evicting', lastTransitionTime: stamp(0) });
  await e.api.patch({ ...PODS, name, subresource: 'status' }, 'merge', { status: { conditions } }, user);
  return e;
}

describe('stalePodDisruptionController', () => {
  it('sets a DisruptionTarget condition back to False 2 minutes after an eviction that deleted nothing', async () => {
    const e = await marked('web-a', 'EvictionByEvictionAPI');
    await e.scheduler.run(119_000);
    expect(target(e.api.get({ ...PODS, name: 'web-a' }))).toMatchObject({ status: 'True' });
    await e.scheduler.run(121_000);
    expect(target(e.api.get({ ...PODS, name: 'web-a' }))).toEqual({ type: 'DisruptionTarget', status: 'False', lastProbeTime: null, lastTransitionTime: stamp(120_000) });
    expect(e.store.writes({ actor: 'controller:disruption' })).toHaveLength(1);
  });

  it("leaves the kubelet's condition, and pods being deleted, alone", async () => {
    const e = await marked('web-a', 'TerminationByKubelet');
    await pod(e.api, 'web-b');
    await e.api.patch({ ...PODS, name: 'web-b', subresource: 'status' }, 'merge', { status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', lastTransitionTime: stamp(0) }] } }, user);
    await e.api.delete({ ...PODS, name: 'web-b' }, user, { gracePeriodSeconds: 600 });
    await e.scheduler.run(300_000);
    expect(target(e.api.get({ ...PODS, name: 'web-a' }))).toMatchObject({ status: 'True' });
    expect(target(e.api.get({ ...PODS, name: 'web-b' }))).toMatchObject({ status: 'True' });
    expect(e.store.writes({ actor: 'controller:disruption' })).toHaveLength(0);
  });
});
