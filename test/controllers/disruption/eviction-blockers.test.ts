/** evictionBlockers against the eviction subresource itself: the facts say what the API then answers. */
import { describe, expect, it } from 'vitest';
import { evictionBlockers } from '../../../src/controllers/disruption/eviction-blockers.js';
import { asStatus } from '../../../src/model/index.js';
import { harness } from '../../api/harness.js';
import type { Harness } from '../../api/harness.js';
import { budget, pod, PDBS, PODS, replicaSet, stamp } from './helpers.js';

interface Case {
  readonly title: string;
  readonly status?: Record<string, unknown>;
  readonly spec?: Record<string, unknown>;
  readonly pod?: { ready?: boolean; phase?: string };
  readonly secondBudget?: boolean;
  readonly bumpGeneration?: boolean;
  readonly want: { reason?: string; code: number; message?: string };
}

const CASES: readonly Case[] = [
  { title: 'a budget with room: granted', status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2 }, want: { code: 201 } },
  {
    title: 'no disruption allowed: 429 with the numbers',
    status: { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, disruptedPods: { 'web-b': stamp(0) } },
    want: { reason: 'NoDisruptionsAllowed', code: 429, message: "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget pdb needs 2 healthy pods and has 2 currently" },
  },
  { title: 'status behind the generation: 429', status: { disruptionsAllowed: 1 }, bumpGeneration: true, want: { reason: 'BudgetNotObserved', code: 429 } },
  { title: 'negative allowance: 403', status: { disruptionsAllowed: -1 }, want: { reason: 'NegativeDisruptionsAllowed', code: 403 } },
  { title: 'two budgets: 500', status: { disruptionsAllowed: 1 }, secondBudget: true, want: { reason: 'MultipleBudgets', code: 500 } },
  { title: 'a Pending pod is never blocked', status: { disruptionsAllowed: 0 }, pod: { phase: 'Pending', ready: false }, want: { code: 201 } },
  { title: 'an unready pod under a healthy budget goes', status: { disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2 }, pod: { ready: false }, want: { code: 201 } },
  { title: 'an unready pod under an unhealthy budget waits', status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 }, pod: { ready: false }, want: { reason: 'NoDisruptionsAllowed', code: 429 } },
  {
    title: 'AlwaysAllow lets an unready pod go',
    status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 2 },
    spec: { unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    pod: { ready: false },
    want: { code: 201 },
  },
];

async function setUp(c: Case): Promise<Harness> {
  const h = await harness();
  const rs = await replicaSet(h.api, 'web-1', 3);
  await pod(h.api, 'web-a', { owner: rs, ...(c.pod ?? {}) });
  await budget(h.api, 'pdb', { minAvailable: 2, ...(c.spec ?? {}) });
  await h.api.patch({ ...PDBS, name: 'pdb', subresource: 'status' }, 'merge', { status: { observedGeneration: 1, ...c.status } }, { actor: 'controller:disruption' });
  if (c.bumpGeneration === true) await h.api.patch({ ...PDBS, name: 'pdb' }, 'merge', { spec: { minAvailable: 1 } }, { actor: 'user:alice' });
  if (c.secondBudget === true) await budget(h.api, 'other', { maxUnavailable: 1 });
  return h;
}

describe('evictionBlockers', () => {
  it.each(CASES)('$title', async (c) => {
    const h = await setUp(c);
    const facts = evictionBlockers(h.store.head(), 'core/pods/default/web-a');
    expect(facts.budgets[0]).toBe('policy/poddisruptionbudgets/default/' + (c.secondBudget === true ? 'other' : 'pdb'));
    let code = 201;
    let message = '';
    try {
      await h.api.create({ ...PODS, name: 'web-a', subresource: 'eviction' }, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web-a' } }, { actor: 'user:ops' });
    } catch (e) {
      const s = asStatus(e);
      code = s?.code ?? 0;
      message = [s?.message, ...(s?.details?.causes ?? []).map((x) => x.message)].join(' ');
    }
    expect(code).toBe(c.want.code);
    if (c.want.code === 201) {
      expect(facts.blockers).toEqual([]);
      return;
    }
    expect(facts.blockers).toHaveLength(1);
    expect(facts.blockers[0]).toMatchObject({ reason: c.want.reason, code: c.want.code });
    expect(facts.blockers[0]?.message).toBe(message);
    if (c.want.message !== undefined) expect(message).toBe(c.want.message);
  });

  it('names the pods still counted as being evicted, and a missing pod', async () => {
    const h = await setUp(CASES[1] as Case);
    expect(evictionBlockers(h.store.head(), 'core/pods/default/web-a').blockers[0]).toMatchObject({ disruptedPods: ['web-b'], currentHealthy: 2, desiredHealthy: 2 });
    expect(evictionBlockers(h.store.head(), 'core/pods/default/gone').blockers[0]).toMatchObject({ reason: 'PodNotFound', code: 404 });
  });
});
