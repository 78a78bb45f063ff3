import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { disruptionController, syncBudget } from '../../../src/controllers/disruption/disruption-controller.js';
import { expectedPodCount } from '../../../src/controllers/disruption/expected-pods.js';
import { scaledValueRoundUp } from '../../../src/controllers/disruption/scaled-value.js';
import { seededRandom } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';
import type { TestEngine } from '../../runtime/engine.js';
import { budget, daemonSet, deploymentObj, EPOCH, pdbStatus, pod, PODS, replicaSet, stamp, user, PDBS } from './helpers.js';

const ACTOR = 'controller:disruption';

async function engine(): Promise<TestEngine> {
  const e = await testEngine();
  e.manager.add(disruptionController);
  return e;
}

const events = (e: TestEngine, reason: string): string[] =>
  e.api
    .list({ group: '', version: 'v1', resource: 'events', namespace: 'default' })
    .items.filter((x) => x['reason'] === reason)
    .map((x) => String(x['message']));

const condition = (e: TestEngine, name = 'pdb'): Record<string, unknown> | undefined =>
  (pdbStatus(e.api, name)['conditions'] as Record<string, unknown>[] | undefined)?.find((c) => c['type'] === 'DisruptionAllowed');

async function threeReadyPods(e: TestEngine, replicas = 3): Promise<void> {
  const rs = await replicaSet(e.api, 'web-1', replicas);
  for (const n of ['a', 'b', 'c']) await pod(e.api, `web-${n}`, { owner: rs });
}

describe('disruptionController: status from the budget and its pods', () => {
  it('does nothing without budgets', async () => {
    const e = await engine();
    await threeReadyPods(e);
    await e.scheduler.run(5000);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(0);
  });

  it('minAvailable 2 over 3 ready pods: 1 disruption allowed, SufficientPods, observedGeneration 1', async () => {
    const e = await engine();
    await threeReadyPods(e);
    await budget(e.api, 'pdb', { minAvailable: 2 });
    await e.scheduler.run(1000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ observedGeneration: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 });
    expect(condition(e)).toEqual({ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: stamp(0), reason: 'SufficientPods', message: '' });
  });

  it('follows a pod that stops being ready (InsufficientPods, transition time moves) and writes nothing when nothing changed', async () => {
    const e = await engine();
    await threeReadyPods(e);
    await budget(e.api, 'pdb', { minAvailable: 2 });
    await e.scheduler.run(1000);
    const writes = e.store.writes({ actor: ACTOR }).length;
    await e.api.patch({ ...PODS, name: 'web-a' }, 'merge', { metadata: { labels: { app: 'web', extra: 'x' } } }, user);
    await e.scheduler.run(2000);
    expect(e.store.writes({ actor: ACTOR }).length).toBe(writes);
    e.clock.advanceTo(60_000);
    await e.api.patch({ ...PODS, name: 'web-b', subresource: 'status' }, 'merge', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, user);
    await e.scheduler.run(61_000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    expect(condition(e)).toMatchObject({ status: 'False', reason: 'InsufficientPods', lastTransitionTime: stamp(60_000) });
  });

  it.each([
    ['minAvailable "50%" of scale 3 rounds up to 2', { minAvailable: '50%' }, 3, { expectedPods: 3, desiredHealthy: 2, disruptionsAllowed: 1 }],
    ['minAvailable "50%" uses the controller scale (4), not the pod count', { minAvailable: '50%' }, 4, { expectedPods: 4, desiredHealthy: 2, disruptionsAllowed: 1 }],
    ['maxUnavailable "34%" of 3 rounds up to 2 unavailable', { maxUnavailable: '34%' }, 3, { expectedPods: 3, desiredHealthy: 1, disruptionsAllowed: 2 }],
    ['maxUnavailable 1 of scale 5 with 3 ready pods', { maxUnavailable: 1 }, 5, { expectedPods: 5, desiredHealthy: 4, disruptionsAllowed: 0 }],
    ['maxUnavailable 10 never asks for fewer than 0', { maxUnavailable: 10 }, 3, { expectedPods: 3, desiredHealthy: 0, disruptionsAllowed: 3 }],
    ['minAvailable 0 allows every healthy pod', { minAvailable: 0 }, 3, { expectedPods: 3, desiredHealthy: 0, disruptionsAllowed: 3 }],
  ])('%s', async (_title, spec, replicas, want) => {
    const e = await engine();
    await threeReadyPods(e, replicas);
    await budget(e.api, 'pdb', spec);
    await e.scheduler.run(1000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ currentHealthy: 3, ...want });
  });

  it("a Deployment's ReplicaSet counts with the Deployment's replicas", async () => {
    const e = await engine();
    const d = await deploymentObj(e.api, 'web', 6);
    const rs = await replicaSet(e.api, 'web-1', 3, d);
    const old = await replicaSet(e.api, 'web-0', 1, d);
    for (const n of ['a', 'b', 'c']) await pod(e.api, `web-${n}`, { owner: rs });
    await pod(e.api, 'web-old', { owner: old });
    await budget(e.api, 'pdb', { maxUnavailable: '50%' });
    await e.scheduler.run(1000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ currentHealthy: 4, expectedPods: 6, desiredHealthy: 3, disruptionsAllowed: 1 });
  });

  it('bare pods with a percentage: expected 0, no disruption, an UnmanagedPods warning', async () => {
    const e = await engine();
    for (const n of ['a', 'b']) await pod(e.api, `web-${n}`);
    await budget(e.api, 'pdb', { minAvailable: '50%' });
    await e.scheduler.run(1000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ currentHealthy: 2, expectedPods: 0, desiredHealthy: 0, disruptionsAllowed: 0 });
    expect(condition(e)).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    expect(events(e, 'UnmanagedPods')).toEqual([
      'Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. ' +
        'As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    ]);
  });

  it('bare pods with an integer minAvailable count the pods themselves', async () => {
    const e = await engine();
    for (const n of ['a', 'b', 'c']) await pod(e.api, `web-${n}`);
    await budget(e.api, 'pdb', { minAvailable: 1 });
    await e.scheduler.run(1000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ currentHealthy: 3, expectedPods: 3, desiredHealthy: 1, disruptionsAllowed: 2 });
    expect(events(e, 'UnmanagedPods')).toEqual([]);
  });

  it('fails safe (SyncFailed) for DaemonSet pods under maxUnavailable: no scale subresource', async () => {
    const e = await engine();
    const ds = await daemonSet(e.api, 'agent');
    await pod(e.api, 'agent-a', { owner: ds });
    await budget(e.api, 'pdb', { maxUnavailable: 1 });
    await e.scheduler.run(1000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ disruptionsAllowed: 0 });
    expect(condition(e)).toMatchObject({ status: 'False', reason: 'SyncFailed', message: 'daemonsets.apps does not implement the scale subresource' });
    expect(events(e, 'CalculateExpectedPodCountFailed')).toEqual(['Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource']);
  });

  it('fails safe when a pod names a controller that is gone, and for a string that is not a percentage', async () => {
    const e = await engine();
    const rs = await replicaSet(e.api, 'web-1', 1);
    await pod(e.api, 'web-a', { owner: rs });
    await e.api.delete({ group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default', name: 'web-1' }, user);
    await budget(e.api, 'pdb', { minAvailable: '50%' });
    await e.scheduler.run(1000);
    expect(condition(e)).toMatchObject({ reason: 'SyncFailed', message: 'found no controllers for pod "web-a"' });
    // The owners are looked up before the value is read, as in Kubernetes (validation keeps such values out of the API).
    const odd = { metadata: { name: 'odd', namespace: 'default' }, spec: { minAvailable: 'half' } } as PodDisruptionBudget;
    expect(expectedPodCount(e.store.head(), odd, e.api.list(PODS).items)).toEqual({ error: 'found no controllers for pod "web-a"' });
  });

  it('reads a string that is not a percentage as Go does (an error)', async () => {
    const e = await engine();
    await threeReadyPods(e);
    const pdb = { metadata: { name: 'odd', namespace: 'default' }, spec: { maxUnavailable: 'half' } } as PodDisruptionBudget;
    expect(expectedPodCount(e.store.head(), pdb, e.api.list(PODS).items)).toEqual({ error: 'invalid value for IntOrString: invalid type: string is not a percentage' });
    expect(scaledValueRoundUp('x%', 3)).toEqual({ error: 'invalid value for IntOrString: invalid value "x%": strconv.Atoi: parsing "x": invalid syntax' });
    expect(scaledValueRoundUp('1%', 3)).toEqual({ value: 1 });
  });

  it('records NoPods for a budget that selects nothing', async () => {
    const e = await engine();
    await budget(e.api, 'pdb', { minAvailable: 1 });
    await e.scheduler.run(1000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ currentHealthy: 0, expectedPods: 0, desiredHealthy: 1, disruptionsAllowed: 0 });
    expect(events(e, 'NoPods')).toEqual(['No matching pods found']);
  });
});

describe('disruptionController: disruptedPods', () => {
  it('an evicted pod not yet deleted is not healthy for 2 minutes, then its entry is dropped with NotDeleted', async () => {
    const e = await engine();
    await threeReadyPods(e);
    await budget(e.api, 'pdb', { minAvailable: 1 });
    await e.scheduler.run(1000);
    await e.api.patch({ ...PDBS, name: 'pdb', subresource: 'status' }, 'merge', { status: { disruptedPods: { 'web-a': stamp(1000) } } }, user);
    await e.scheduler.run(2000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 1, disruptedPods: { 'web-a': stamp(1000) } });
    await e.scheduler.run(120_000);
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ currentHealthy: 2 });
    await e.scheduler.run(122_000);
    expect(pdbStatus(e.api, 'pdb')['disruptedPods']).toBeUndefined();
    expect(pdbStatus(e.api, 'pdb')).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 2 });
    expect(events(e, 'NotDeleted')).toEqual(["Pod was expected by PDB default/default to be deleted but it wasn't"]);
  });

  it('drops the entry of a pod being deleted and asks to look again when the earliest entry expires', async () => {
    const e = await engine();
    await threeReadyPods(e);
    await budget(e.api, 'pdb', { minAvailable: 1 });
    await e.api.patch({ ...PDBS, name: 'pdb', subresource: 'status' }, 'merge', { status: { disruptedPods: { 'web-a': stamp(0), 'web-b': stamp(0), gone: stamp(0) } } }, user);
    await e.api.delete({ ...PODS, name: 'web-b' }, user, { gracePeriodSeconds: 30 });
    const r = syncBudget('policy/poddisruptionbudgets/default/pdb', e.store.head(), { now: 10_000, epoch: EPOCH, random: seededRandom(1) });
    expect(r.requeueAfterMs).toBe(110_001);
    const update = r.commands.find((c) => c.type === 'update');
    expect(update?.type === 'update' ? update.object['status'] : undefined).toMatchObject({ disruptedPods: { 'web-a': stamp(0) }, currentHealthy: 1, disruptionsAllowed: 0 });
  });
});
