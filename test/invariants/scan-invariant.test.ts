import { describe, expect, it } from 'vitest';
import type { FailingRange, Invariant } from '../../src/invariants/index.js';
import { contextAt, InvariantTracker, noPodsOnNotReadyNodes, replicaSetsSatisfied, scanInvariant } from '../../src/invariants/index.js';
import type { Store } from '../../src/store/index.js';
import { EPOCH, HistoryBuilder, lease, node, podOn, replicaSet } from './history-builder.js';

/** The reference: check the whole state at every revision. */
function naiveRanges(store: Store, inv: Invariant): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from: number | undefined;
  for (let rev = 0; rev <= store.rev; rev++) {
    const fails = inv.check(store.at(rev), contextAt(store, rev, EPOCH)).length > 0;
    if (fails && from === undefined) from = rev;
    if (!fails && from !== undefined) {
      out.push({ from, to: rev - 1 });
      from = undefined;
    }
  }
  if (from !== undefined) out.push({ from, to: store.rev });
  return out;
}
const spans = (rs: readonly FailingRange[]) => rs.map((r) => ({ from: r.from, to: r.to }));

describe('scanInvariant', () => {
  it('reports every failing range, the first failure included, as a check at every revision would', () => {
    const b = new HistoryBuilder();
    b.put(lease('n1', 0));
    const first = b.put(replicaSet('a', 2, 0));
    b.put(lease('n1', 10));
    b.put(replicaSet('b', 1, 1));
    const healed = b.put(replicaSet('a', 2, 2));
    b.put(lease('n1', 20));
    const again = b.put(replicaSet('b', 1, 0));
    b.put(lease('n1', 30));
    const r = scanInvariant(b.store, replicaSetsSatisfied, { epoch: EPOCH });
    expect(spans(r.ranges)).toEqual([
      { from: first, to: healed - 1 },
      { from: again, to: b.store.rev },
    ]);
    expect(spans(r.ranges)).toEqual(naiveRanges(b.store, replicaSetsSatisfied));
    expect(r.ranges[0]?.violations).toEqual([{ key: 'apps/replicasets/default/a', message: '0 of 2 replicas ready' }]);
    expect(r.ranges[1]?.open).toBe(true);
    expect(r.ranges[0]?.open).toBe(false);
    // Lease writes are never checked: one check per ReplicaSet write (4), none at the start (no ReplicaSets yet).
    expect(r.checks).toBe(4);
    expect(scanInvariant(b.store, replicaSetsSatisfied, { epoch: EPOCH, fromRev: healed, toRev: again - 1 }).ranges).toEqual([]);
  });

  it('catches a time-bound failure at the first revision past the deadline even when only leases are written', () => {
    const b = new HistoryBuilder();
    b.put(node('n1', 'Unknown', 10_000));
    b.put(podOn('p', 'n1'));
    for (let t = 20_000; t <= 400_000; t += 10_000) b.at(t).put(lease('n1', t));
    const r = scanInvariant(b.store, noPodsOnNotReadyNodes, { epoch: EPOCH });
    expect(spans(r.ranges)).toEqual(naiveRanges(b.store, noPodsOnNotReadyNodes));
    expect(b.store.write(r.ranges[0]?.from ?? 0)?.time).toBe(320_000); // the first write after 10 s + 300 s
    expect(r.checks).toBeLessThan(6);
  });

  it('agrees with a full check at every revision over a churning history', () => {
    const b = new HistoryBuilder();
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 400; i++) {
      b.at(i * 1000);
      const which = rnd(4);
      if (which === 0) b.put(lease(`n${rnd(3)}`, i));
      else if (which === 1) b.put(replicaSet(`rs${rnd(5)}`, rnd(3), rnd(3)));
      else if (which === 2) b.remove(`apps/replicasets/default/rs${rnd(5)}`);
      else b.put(node(`n${rnd(3)}`, rnd(2) === 0 ? 'True' : 'Unknown', i * 1000 - rnd(3) * 100_000));
      if (rnd(3) === 0) b.put(podOn(`p${rnd(6)}`, `n${rnd(3)}`, rnd(2) === 0 ? { deleting: true } : {}));
    }
    for (const inv of [replicaSetsSatisfied, noPodsOnNotReadyNodes]) {
      expect(spans(scanInvariant(b.store, inv, { epoch: EPOCH }).ranges)).toEqual(naiveRanges(b.store, inv));
    }
  });

  it('scans a 100,000-revision history in seconds', () => {
    const b = new HistoryBuilder();
    b.put(node('n1', 'True', 0));
    for (let i = 1; i <= 100_000; i++) {
      b.at(i * 100);
      if (i % 1000 === 0) b.put(replicaSet('rs', 3, i % 2000 === 0 ? 1 : 3));
      else if (i % 2500 === 0) b.put(podOn(`p${i % 11}`, 'n1'));
      else b.put(lease(`n${i % 50}`, i));
    }
    const t0 = performance.now();
    const a = scanInvariant(b.store, replicaSetsSatisfied, { epoch: EPOCH });
    const c = scanInvariant(b.store, noPodsOnNotReadyNodes, { epoch: EPOCH });
    const ms = performance.now() - t0;
    expect(a.ranges).toHaveLength(50);
    expect(c.ranges).toEqual([]);
    expect(ms).toBeLessThan(8_000); // tens of ms when idle; slack for a loaded machine
  });
});

describe('InvariantTracker', () => {
  it('steps one revision at a time and stops at head', () => {
    const b = new HistoryBuilder();
    b.put(replicaSet('a', 1, 0));
    b.put(replicaSet('a', 1, 1));
    const t = new InvariantTracker(b.store, replicaSetsSatisfied, EPOCH).start(0);
    expect(t.holds).toBe(true);
    expect(t.forward()).toBe(true);
    expect(t.holds).toBe(false);
    expect(t.violations()).toEqual([{ key: 'apps/replicasets/default/a', message: '0 of 1 replicas ready' }]);
    expect(t.forward()).toBe(true);
    expect(t.holds).toBe(true);
    expect(t.forward()).toBe(false);
    expect(t.rev).toBe(2);
  });

  it('re-checks the whole state of an invariant without a subject index, only on writes of kinds it reads', () => {
    const b = new HistoryBuilder();
    const calls: number[] = [];
    const inv: Invariant = { name: 'few', description: '', reads: [{ group: 'apps', resource: 'replicasets' }], check: (v, c) => (calls.push(c.rev), v.count({ group: 'apps', resource: 'replicasets' }) > 1 ? [{ key: 'x', message: 'too many' }] : []) };
    b.put(replicaSet('a', 1, 1));
    b.put(lease('n', 0));
    b.put(replicaSet('b', 1, 1));
    const r = scanInvariant(b.store, inv, { epoch: EPOCH });
    expect(spans(r.ranges)).toEqual([{ from: 3, to: 3 }]);
    expect(calls).toEqual([0, 1, 3]);
  });
});
