import { describe, expect, it } from 'vitest';
import type { Api } from '../../../src/api/index.js';
import { MULTIPLE_BUDGETS_MESSAGE, VIOLATES_BUDGET_MESSAGE } from '../../../src/api/verbs/evict.js';
import type { KubeObject, Status, WriteRecord } from '../../../src/model/index.js';
import { asStatus } from '../../../src/model/index.js';
import { budget, pod, PDBS, PODS, replicaSet, stamp } from '../../controllers/disruption/helpers.js';
import { harness } from '../harness.js';
import type { Harness } from '../harness.js';

const ctx = { actor: 'user:ops', cause: [3] };
const eviction = (name: string, deleteOptions?: Record<string, unknown>, apiVersion = 'policy/v1'): Record<string, unknown> => ({
  apiVersion,
  kind: 'Eviction',
  metadata: { name, namespace: 'default' },
  ...(deleteOptions === undefined ? {} : { deleteOptions }),
});
const evict = (api: Api, name: string, body: unknown = eviction(name), c: typeof ctx & { dryRun?: boolean } = ctx): Promise<KubeObject> =>
  api.create({ ...PODS, name, subresource: 'eviction' }, body, c);

async function refusal(p: Promise<unknown>): Promise<Status> {
  try {
    await p;
  } catch (e) {
    const s = asStatus(e);
    if (s !== undefined) return s;
    throw e;
  }
  throw new Error('expected a refusal');
}

async function writesDuring(h: Harness, f: () => Promise<unknown>): Promise<WriteRecord[]> {
  const before = h.store.rev;
  await f();
  return h.store.writes({}).filter((w) => w.rev > before);
}

/** A budget whose status says what the disruption controller would have written. */
async function budgetWith(h: Harness, name: string, status: Record<string, unknown>, spec: Record<string, unknown> = { minAvailable: 2 }): Promise<void> {
  await budget(h.api, name, spec);
  await h.api.patch({ ...PDBS, name, subresource: 'status' }, 'merge', { status: { observedGeneration: 1, ...status } }, { actor: 'controller:disruption' });
}

async function threePods(h: Harness): Promise<void> {
  const rs = await replicaSet(h.api, 'web-1', 3);
  for (const n of ['a', 'b', 'c']) await pod(h.api, `web-${n}`, { owner: rs });
}

const conditionsOf = (o: KubeObject): Record<string, unknown>[] => ((o['status'] as { conditions?: Record<string, unknown>[] }).conditions ?? []);

describe('pods/eviction', () => {
  it('without a budget: marks the pod DisruptionTarget and deletes it gracefully, answering Success', async () => {
    const h = await harness();
    await threePods(h);
    h.clock.advanceTo(5000);
    let answer: KubeObject | undefined;
    const writes = await writesDuring(h, async () => (answer = await evict(h.api, 'web-a')));
    expect(answer).toMatchObject({ kind: 'Status', status: 'Success', code: 201 });
    expect(writes.map((w) => [w.key, w.verb, w.subresource ?? '', w.actor, w.cause])).toEqual([
      ['core/pods/default/web-a', 'update', 'status', 'user:ops', [3]],
      ['core/pods/default/web-a', 'delete', '', 'user:ops', [3]],
    ]);
    const p = h.api.get({ ...PODS, name: 'web-a' });
    expect(p.metadata.deletionTimestamp).toBe(stamp(35_000));
    expect(conditionsOf(p)).toContainEqual({
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: stamp(5000),
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    });
  });

  it('with a budget that allows it: spends the budget in its status first, then marks and deletes the pod (three writes, one cause)', async () => {
    const h = await harness();
    await threePods(h);
    await budgetWith(h, 'pdb', {
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: stamp(0), reason: 'SufficientPods', message: '' }],
    });
    h.clock.advanceTo(7000);
    const writes = await writesDuring(h, () => evict(h.api, 'web-b', eviction('web-b', { gracePeriodSeconds: 0 })));
    expect(writes.map((w) => [w.key, w.verb, w.subresource ?? '', w.actor, w.cause])).toEqual([
      ['policy/poddisruptionbudgets/default/pdb', 'update', 'status', 'user:ops', [3]],
      ['core/pods/default/web-b', 'update', 'status', 'user:ops', [3]],
      ['core/pods/default/web-b', 'delete', '', 'user:ops', [3]],
    ]);
    expect(h.store.head().get('core/pods/default/web-b')).toBeUndefined();
    expect(h.api.get({ ...PDBS, name: 'pdb' })['status']).toMatchObject({
      disruptionsAllowed: 0,
      disruptedPods: { 'web-b': stamp(7000) },
      conditions: [{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, lastTransitionTime: stamp(7000), reason: 'InsufficientPods', message: '' }],
    });
  });

  it("refuses with 429 and Kubernetes' message and DisruptionBudget cause when no disruption is allowed, writing nothing", async () => {
    const h = await harness();
    await threePods(h);
    await budgetWith(h, 'pdb', { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 3 });
    const rev = h.store.rev;
    const s = await refusal(evict(h.api, 'web-a'));
    expect(s).toMatchObject({
      code: 429,
      reason: 'TooManyRequests',
      message: VIOLATES_BUDGET_MESSAGE,
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget pdb needs 2 healthy pods and has 2 currently' }] },
    });
    expect(s.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(s.details?.retryAfterSeconds).toBeUndefined();
    expect(h.store.rev).toBe(rev);
  });

  it('429 with retry after 10 s while the budget controller has not seen its latest generation', async () => {
    const h = await harness();
    await threePods(h);
    await budgetWith(h, 'pdb', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    await h.api.patch({ ...PDBS, name: 'pdb' }, 'merge', { spec: { minAvailable: 1 } }, ctx);
    const s = await refusal(evict(h.api, 'web-a'));
    expect(s).toMatchObject({ code: 429, details: { retryAfterSeconds: 10, causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget pdb is still being processed by the server.' }] } });
  });

  it('403 for a negative disruptionsAllowed; 500 for a pod under two budgets', async () => {
    const h = await harness();
    await threePods(h);
    await budgetWith(h, 'pdb', { disruptionsAllowed: -1, currentHealthy: 1, desiredHealthy: 2, expectedPods: 3 });
    expect(await refusal(evict(h.api, 'web-a'))).toMatchObject({ code: 403, message: 'poddisruptionbudget.policy "pdb" is forbidden: pdb disruptions allowed is negative' });
    await budgetWith(h, 'second', { disruptionsAllowed: 3 });
    expect(await refusal(evict(h.api, 'web-a'))).toMatchObject({ code: 500, message: MULTIPLE_BUDGETS_MESSAGE });
  });

  it('a budget with an empty selector guards nothing', async () => {
    const h = await harness();
    await threePods(h);
    await budgetWith(h, 'all', { disruptionsAllowed: 0 }, { minAvailable: 3, selector: {} });
    await evict(h.api, 'web-a');
    expect(h.api.get({ ...PODS, name: 'web-a' }).metadata.deletionTimestamp).toBeDefined();
  });

  it('Pending, Succeeded and Failed pods are evicted without looking at the budget', async () => {
    const h = await harness();
    const rs = await replicaSet(h.api, 'web-1', 3);
    await pod(h.api, 'pending', { owner: rs, phase: 'Pending', ready: false });
    await pod(h.api, 'done', { owner: rs, phase: 'Succeeded', ready: false });
    await budgetWith(h, 'pdb', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 2 });
    const writes = await writesDuring(h, async () => {
      await evict(h.api, 'pending');
      await evict(h.api, 'done');
    });
    expect(writes.map((w) => w.key).filter((k) => k.startsWith('policy/'))).toEqual([]);
    expect(writes.filter((w) => w.verb === 'delete')).toHaveLength(2);
  });

  describe('a pod that is not Ready', () => {
    it('IfHealthyBudget (default): deleted without spending the budget when the budget is healthy', async () => {
      const h = await harness();
      const rs = await replicaSet(h.api, 'web-1', 3);
      await pod(h.api, 'sick', { owner: rs, ready: false });
      await budgetWith(h, 'pdb', { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 });
      const writes = await writesDuring(h, () => evict(h.api, 'sick'));
      expect(writes.map((w) => w.key)).toEqual(['core/pods/default/sick', 'core/pods/default/sick']);
    });

    it('IfHealthyBudget: refused when the budget is not healthy; AlwaysAllow: deleted anyway', async () => {
      const h = await harness();
      const rs = await replicaSet(h.api, 'web-1', 3);
      await pod(h.api, 'sick', { owner: rs, ready: false });
      await budgetWith(h, 'pdb', { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 });
      expect(await refusal(evict(h.api, 'sick'))).toMatchObject({ code: 429, message: VIOLATES_BUDGET_MESSAGE });
      await h.api.patch({ ...PDBS, name: 'pdb' }, 'merge', { spec: { unhealthyPodEvictionPolicy: 'AlwaysAllow' } }, ctx);
      await h.api.patch({ ...PDBS, name: 'pdb', subresource: 'status' }, 'merge', { status: { observedGeneration: 2 } }, ctx);
      await evict(h.api, 'sick');
      expect(h.api.get({ ...PODS, name: 'sick' }).metadata.deletionTimestamp).toBeDefined();
      expect(h.api.get({ ...PDBS, name: 'pdb' })['status']).toMatchObject({ disruptionsAllowed: 0 });
    });
  });

  it('a dry run (in the request or in deleteOptions) answers Success and writes nothing', async () => {
    const h = await harness();
    await threePods(h);
    await budgetWith(h, 'pdb', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2 });
    const rev = h.store.rev;
    await evict(h.api, 'web-a', eviction('web-a'), { ...ctx, dryRun: true });
    await evict(h.api, 'web-a', eviction('web-a', { dryRun: ['All'] }, 'policy/v1beta1'));
    expect(h.store.rev).toBe(rev);
  });

  it('honours deleteOptions preconditions (409 before anything is written) and refuses bad bodies', async () => {
    const h = await harness();
    await threePods(h);
    const rev = h.store.rev;
    const s = await refusal(evict(h.api, 'web-a', eviction('web-a', { preconditions: { uid: 'nope' } })));
    expect(s).toMatchObject({ code: 409 });
    expect(s.message).toMatch(/^Operation cannot be fulfilled on Pod "web-a": the UID in the precondition \(nope\) does not match the UID in record \(.+\)\. The object might have been deleted and then recreated$/);
    expect(h.store.rev).toBe(rev);
    const current = h.api.get({ ...PODS, name: 'web-a' }).metadata.resourceVersion;
    await evict(h.api, 'web-a', eviction('web-a', { preconditions: { resourceVersion: current }, gracePeriodSeconds: 0 }));
    expect(h.store.head().get('core/pods/default/web-a')).toBeUndefined();
    expect(await refusal(evict(h.api, 'web-b', eviction('web-c')))).toMatchObject({ code: 400, message: 'name in URL does not match name in Eviction object' });
    expect(await refusal(evict(h.api, 'web-b', { ...eviction('web-b'), kind: 'Pod' }))).toMatchObject({ code: 400 });
    expect(await refusal(evict(h.api, 'nope'))).toMatchObject({ code: 404, message: 'pods "nope" not found' });
  });
});
