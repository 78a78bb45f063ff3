import { beforeAll, describe, expect, it } from 'vitest';
import { bisect, BisectError, checkHistory } from '../../src/debug/index.js';
import type { Invariant } from '../../src/invariants/index.js';
import { contextAt, deploymentsAvailable } from '../../src/invariants/index.js';
import type { Store } from '../../src/store/index.js';
import type { FixtureRun } from '../runtime/scenario/run-fixture.js';
import { runFixture } from '../runtime/scenario/run-fixture.js';

/** The reference: whether the invariant fails, checked from scratch at every revision. */
function linearScan(store: Store, inv: Invariant, epoch: number): boolean[] {
  const fails: boolean[] = [];
  for (let rev = 0; rev <= store.rev; rev++) fails.push(inv.check(store.at(rev), contextAt(store, rev, epoch)).length > 0);
  return fails;
}

describe('bisect on fixtures/deployment-stuck-rollout.yaml', () => {
  let run: FixtureRun;
  let fails: boolean[];
  let epoch: number;
  beforeAll(async () => {
    run = await runFixture('fixtures/deployment-stuck-rollout.yaml');
    epoch = run.scenario.epoch;
    fails = linearScan(run.store, deploymentsAvailable, epoch);
  }, 30_000);

  const transitions = () => fails.flatMap((f, rev) => (f && rev > 0 && fails[rev - 1] === false ? [rev] : []));

  it('finds a revision where deployments-available goes from holding to failing, in O(log n) seeks', () => {
    const r = bisect(run.store, deploymentsAvailable, { epoch });
    expect(fails[r.rev]).toBe(true);
    expect(fails[r.rev - 1]).toBe(false);
    expect(transitions()).toContain(r.rev);
    expect(r.seeks).toBeLessThanOrEqual(Math.ceil(Math.log2(run.store.rev)) + 2);
    expect(r.note).toContain('other transitions exist');
    expect(r.violations).toEqual(deploymentsAvailable.check(run.store.at(r.rev), contextAt(run.store, r.rev, epoch)));
  });

  it('finds the first revision the stuck rollout makes it fail, as a linear scan does', () => {
    // The Deployment starts unavailable (no pods yet): the rollout's failure is the first one after it first became available.
    const [created, rollout] = transitions();
    expect(created).toBeDefined();
    expect(rollout).toBeDefined();
    const healthy = fails.findIndex((f, rev) => rev > created! && !f);
    const r = bisect(run.store, deploymentsAvailable, { epoch, good: healthy });
    expect(r.rev).toBe(rollout);
    expect(r.write).toMatchObject({ actor: 'controller:deployment', key: 'apps/deployments/default/api', subresource: 'status' });
    expect(r.violations).toEqual([{ key: 'apps/deployments/default/api', message: '3 of 4 replicas available' }]);
    // Bounded to the first failing range, it finds the very first failure: the Deployment's creation.
    const firstEnd = fails.findIndex((f, rev) => rev > created! && !f) - 1;
    expect(bisect(run.store, deploymentsAvailable, { epoch, bad: firstEnd }).rev).toBe(fails.indexOf(true));
    expect(run.store.write(created!)).toMatchObject({ actor: 'user:scenario', verb: 'apply' });
  });

  it('check lists the same failing ranges as the linear scan', () => {
    const report = checkHistory(run.store, deploymentsAvailable, { epoch });
    const ranges: { from: number; to: number }[] = [];
    fails.forEach((f, rev) => {
      if (f && (rev === 0 || fails[rev - 1] === false)) ranges.push({ from: rev, to: rev });
      if (f) ranges[ranges.length - 1]!.to = rev;
    });
    expect(report.ranges.map((r) => ({ from: r.from, to: r.to }))).toEqual(ranges);
    expect(report.holds).toBe(false);
    expect(report.ranges[report.ranges.length - 1]?.open).toBe(true);
  });

  it('refuses a good revision where it fails, a bad one where it holds, a reversed or out-of-range pair', () => {
    const first = fails.indexOf(true);
    expect(() => bisect(run.store, deploymentsAvailable, { epoch, good: first })).toThrow(BisectError);
    expect(() => bisect(run.store, deploymentsAvailable, { epoch, good: first })).toThrow(`already fails at the good revision ${first}`);
    expect(() => bisect(run.store, deploymentsAvailable, { epoch, bad: first - 1 })).toThrow(`holds at the bad revision ${first - 1}`);
    expect(() => bisect(run.store, deploymentsAvailable, { epoch, good: 10, bad: 5 })).toThrow('must come before the bad one');
    expect(() => bisect(run.store, deploymentsAvailable, { epoch, bad: run.store.rev + 1 })).toThrow(`bad revision ${run.store.rev + 1} is outside the history (0..${run.store.rev})`);
  });
});
