import { describe, expect, it } from 'vitest';
import type { ControllerDefinition } from '../../src/controllers/index.js';
import type { Perturbation } from '../../src/model/index.js';
import type { PerturbationHost, PlanState } from '../../src/testing/index.js';
import { describePerturbation, perturbController, perturbations } from '../../src/testing/index.js';
import fc from 'fast-check';
import { alice, configMaps, harness, pod, pods } from '../api/harness.js';

/** What a probe controller saw: its ConfigMap's data and how many pods its view lists. */
interface Seen {
  readonly data: unknown;
  readonly pods: number;
}

interface Setup {
  readonly host: PerturbationHost;
  readonly recorded: Perturbation[];
  readonly revs: { first: number; second: number; pod: number };
  readonly def: ControllerDefinition;
  readonly seen: Seen[];
  /** Sets the host's clock (the run's now), independent of the API's. */
  at(ms: number): void;
}

async function setup(): Promise<Setup> {
  const { api, store, clock } = await harness();
  clock.advanceTo(1000);
  const first = Number((await api.create(configMaps(), { metadata: { name: 'cm' }, data: { v: '1' } }, alice)).metadata.resourceVersion);
  clock.advanceTo(2000);
  const second = Number((await api.patch(configMaps('default', 'cm'), 'merge', { data: { v: '2' } }, alice)).metadata.resourceVersion);
  const podRev = Number((await api.create(pods(), pod('p'), alice)).metadata.resourceVersion);
  const recorded: Perturbation[] = [];
  let now = clock.now();
  const host: PerturbationHost = {
    store,
    now: () => now,
    record: (p) => recorded.push(p),
    note: () => undefined,
    primary: () => ({ group: '', resource: 'configmaps' }),
    crash: () => undefined,
  };
  const seen: Seen[] = [];
  const def: ControllerDefinition = {
    name: 'probe',
    for: { group: '', kind: 'ConfigMap' },
    owns: [{ group: '', kind: 'Pod' }],
    reconcile: (key, view) => {
      seen.push({ data: view.get(key)?.['data'], pods: view.list({ group: '', resource: 'pods', namespace: 'default' }).length });
      return { commands: [] };
    },
  };
  return { host, recorded, revs: { first, second, pod: podRev }, def, seen, at: (ms) => (now = ms) };
}

const ctx = { now: 2000, epoch: 0, random: { next: () => 0, int: () => 0 } };
const plan = (p: PlanState['plan']): PlanState[] => [{ plan: p, used: false }];

describe('perturbations of a controller view', () => {
  it('events reordered across kinds: the primary kind lags while the kinds it owns are current', async () => {
    const { host, recorded, revs, def, seen, at } = await setup();
    at(0);
    const wrapped = perturbController(def, plan({ kind: 'reorder-events', controller: 'probe', at: 1000, durationMs: 10_000, lagMs: 500 }), host);
    at(2000);
    const result = wrapped.reconcile('core/configmaps/default/cm', host.store.head(), ctx);
    expect(seen).toEqual([{ data: { v: '1' }, pods: 1 }]);
    expect(result.observedRev).toBe(revs.first);
    expect(result.requeueAfterMs).toBe(501);
    expect(recorded).toEqual([{ kind: 'reorder-events', controller: 'probe', revs: [revs.first, revs.pod] }]);
    // The same wake-up again before anything moved is not delivered twice.
    const again = wrapped.reconcile('core/configmaps/default/cm', host.store.head(), ctx);
    expect(again).toEqual({ commands: [], requeueAfterMs: 501 });
    expect(seen).toHaveLength(1);
  });

  it('a controller (re)started inside the window holds no object of its primary kind until it has synced', async () => {
    const { host, revs, def, seen, at } = await setup();
    at(2000);
    const wrapped = perturbController(def, plan({ kind: 'reorder-events', controller: 'probe', at: 1000, durationMs: 10_000, lagMs: 500 }), host);
    const result = wrapped.reconcile('core/configmaps/default/cm', host.store.head(), ctx);
    expect(seen).toEqual([{ data: undefined, pods: 1 }]);
    expect(result.observedRev).toBe(0);
    at(2501);
    wrapped.reconcile('core/configmaps/default/cm', host.store.head(), { ...ctx, now: 2501 });
    // Synced, it lags 500 ms: the ConfigMap as it was at 2001 ms, never older than what it showed.
    expect(seen[1]).toEqual({ data: { v: '2' }, pods: 1 });
    expect(revs.second).toBeLessThan(revs.pod);
  });

  it('its mirror, a stale cache: the primary kind current, the owned kinds behind', async () => {
    const { host, revs, def, seen } = await setup();
    const wrapped = perturbController(def, plan({ kind: 'stale-cache', controller: 'probe', at: 0, durationMs: 10_000, lagMs: 500 }), host);
    const result = wrapped.reconcile('core/configmaps/default/cm', host.store.head(), ctx);
    expect(seen).toEqual([{ data: { v: '2' }, pods: 0 }]);
    expect(result.observedRev).toBe(revs.first);
    expect(revs.second).toBeGreaterThan(revs.first);
  });

  it('outside its window the view is the real one and nothing is recorded', async () => {
    const { host, recorded, def, seen } = await setup();
    const wrapped = perturbController(def, plan({ kind: 'reorder-events', controller: 'probe', at: 5000, durationMs: 1000, lagMs: 500 }), host);
    const result = wrapped.reconcile('core/configmaps/default/cm', host.store.head(), ctx);
    expect(seen).toEqual([{ data: { v: '2' }, pods: 1 }]);
    expect(result.observedRev).toBeUndefined();
    expect(recorded).toEqual([]);
  });

  it('the generator draws reorderings only when its knob is on, and describes them', () => {
    const drawn = fc.sample(perturbations(['probe'], { reorderEvents: true, maxPerturbations: 3 }), { seed: 3, numRuns: 30 }).flat();
    expect(drawn.length).toBeGreaterThan(0);
    for (const p of drawn) {
      expect(p.kind).toBe('reorder-events');
      if (p.kind === 'reorder-events') expect(p.lagMs % 100 === 0 && p.lagMs >= 100 && p.lagMs <= 2000).toBe(true);
    }
    expect(fc.sample(perturbations(['probe'], { staleCache: true }), { seed: 3, numRuns: 30 }).flat().some((p) => p.kind === 'reorder-events')).toBe(false);
    expect(describePerturbation({ kind: 'reorder-events', controller: 'probe', at: 2000, durationMs: 5000, lagMs: 300 })).toBe(
      'events reordered across kinds: probe from 2 s for 5 s, its primary kind 300 ms behind the others',
    );
  });
});
