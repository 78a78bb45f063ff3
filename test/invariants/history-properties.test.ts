import { describe, expect, it } from 'vitest';
import { always, eventually, replicaSetsSatisfied, revAtTime, stable } from '../../src/invariants/index.js';
import { EPOCH, HistoryBuilder, lease, replicaSet } from './history-builder.js';

/** ReplicaSet `a` short from 10 s to 30 s; leases renewed every 5 s up to 60 s; a ConfigMap written at 45 s. */
function history(): { b: HistoryBuilder; broke: number; healed: number; cm: number } {
  const b = new HistoryBuilder();
  b.at(0).put(replicaSet('a', 2, 2));
  let broke = 0;
  let healed = 0;
  let cm = 0;
  for (let t = 5_000; t <= 60_000; t += 5_000) {
    b.at(t).put(lease('n1', t));
    if (t === 10_000) broke = b.put(replicaSet('a', 2, 1));
    if (t === 30_000) healed = b.put(replicaSet('a', 2, 2));
    if (t === 45_000) cm = b.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', uid: 'c1' } }, 'controller:x');
  }
  return { b, broke, healed, cm };
}

describe('history properties', () => {
  it('always: names the first failing revision and its violations', () => {
    const { b, broke } = history();
    const r = always(replicaSetsSatisfied).evaluate(b.store, { epoch: EPOCH });
    expect(r).toMatchObject({ holds: false, rev: broke, violations: [{ key: 'apps/replicasets/default/a', message: '1 of 2 replicas ready' }] });
    expect(r.message).toBe(`replicasets-satisfied fails at revision ${broke}: apps/replicasets/default/a: 1 of 2 replicas ready`);
    expect(always(replicaSetsSatisfied).evaluate(b.store, { epoch: EPOCH }).holds).toBe(false);
    const ok = new HistoryBuilder();
    ok.put(replicaSet('a', 1, 1));
    expect(always(replicaSetsSatisfied).evaluate(ok.store, { epoch: EPOCH })).toMatchObject({ holds: true });
  });

  it('eventually: holds when the invariant recovers within the time, fails when it does not', () => {
    const { b, healed } = history();
    expect(eventually(replicaSetsSatisfied, { after: 12_000, withinMs: 20_000 }).evaluate(b.store, { epoch: EPOCH })).toMatchObject({ holds: true, rev: healed });
    const late = eventually(replicaSetsSatisfied, { after: 12_000, withinMs: 15_000 }).evaluate(b.store, { epoch: EPOCH });
    expect(late.holds).toBe(false);
    expect(late.message).toContain('at the deadline (27000 ms)');
    // The state at `after` counts: it already holds at 5 s.
    expect(eventually(replicaSetsSatisfied, { after: 5_000, withinMs: 0 }).evaluate(b.store, { epoch: EPOCH }).holds).toBe(true);
  });

  it('eventually: a history that ends before the deadline says so', () => {
    const b = new HistoryBuilder();
    b.put(replicaSet('a', 2, 0));
    const r = eventually(replicaSetsSatisfied, { withinMs: 60_000 }).evaluate(b.store, { epoch: EPOCH });
    expect(r.holds).toBe(false);
    expect(r.message).toContain('the history ends before the deadline');
  });

  it('stable: only heartbeats after the given time', () => {
    const { b, cm } = history();
    const r = stable({ after: 30_000 }).evaluate(b.store, { epoch: EPOCH });
    expect(r).toMatchObject({ holds: false, rev: cm, violations: [{ key: 'core/configmaps/default/c' }] });
    expect(r.message).toContain('controller:x update core/configmaps/default/c');
    expect(stable({ after: 45_000 }).evaluate(b.store, { epoch: EPOCH }).holds).toBe(true);
  });

  it('revAtTime: the last revision written at or before a time', () => {
    const { b, broke } = history();
    expect(revAtTime(b.store, 10_000)).toBe(broke);
    expect(revAtTime(b.store, -1)).toBe(0);
    expect(revAtTime(b.store, 1e9)).toBe(b.store.rev);
  });
});
