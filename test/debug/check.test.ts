import { beforeAll, describe, expect, it } from 'vitest';
import { checkHistory } from '../../src/debug/index.js';
import { contextAt, noPodsOnNotReadyNodes, replicaSetsSatisfied } from '../../src/invariants/index.js';
import type { FixtureRun } from '../runtime/scenario/run-fixture.js';
import { runFixture } from '../runtime/scenario/run-fixture.js';

describe('check on fixtures/replicaset-node-failure.yaml', () => {
  let run: FixtureRun;
  let downAt: number;
  beforeAll(async () => {
    run = await runFixture('fixtures/replicaset-node-failure.yaml');
    const fault = run.records.find((r) => r.type === 'fault' && r.fault.kind === 'node-down');
    downAt = fault?.type === 'fault' ? fault.atRev : -1;
  }, 30_000);

  it('reports replicasets-satisfied failing while node-2 is down, until the replacements are ready', () => {
    const epoch = run.scenario.epoch;
    const report = checkHistory(run.store, replicaSetsSatisfied, { epoch });
    expect(report.holds).toBe(false);
    const during = report.ranges.filter((r) => r.from > downAt);
    expect(during).toHaveLength(1);
    const r = during[0]!;
    // Opened by the ReplicaSet controller counting the pods the node lifecycle controller marked not ready.
    expect(r.write).toMatchObject({ actor: 'controller:replicaset', key: 'apps/replicasets/default/web', subresource: 'status' });
    expect(r.violations).toEqual([{ key: 'apps/replicasets/default/web', message: '3 of 5 replicas ready' }]);
    expect(r.open).toBe(false);
    expect(r.recoveredBy).toMatchObject({ actor: 'controller:replicaset', key: 'apps/replicasets/default/web' });
    // The node went unreachable after the 40 s grace period; replacements come once the 300 s tolerations run out.
    expect(run.store.write(r.from)?.time).toBeGreaterThanOrEqual(60_000 + 40_000);
    expect(run.store.write(r.to + 1)?.time).toBeGreaterThanOrEqual(60_000 + 40_000 + 300_000);
    // Independently: it fails at every revision in the range and holds just outside it.
    for (let rev = r.from; rev <= r.to; rev++) expect(replicaSetsSatisfied.check(run.store.at(rev), contextAt(run.store, rev, epoch)).length).toBeGreaterThan(0);
    expect(replicaSetsSatisfied.check(run.store.at(r.from - 1), contextAt(run.store, r.from - 1, epoch))).toEqual([]);
    expect(replicaSetsSatisfied.check(run.store.at(r.to + 1), contextAt(run.store, r.to + 1, epoch))).toEqual([]);
    // Before the fault: only the start-up range, while the first pods come up.
    expect(report.ranges.filter((x) => x.from <= downAt).every((x) => x.to < downAt)).toBe(true);
  });

  it('finds no pod left on the dead node past its toleration: the taint-eviction controller deletes them on time', () => {
    const report = checkHistory(run.store, noPodsOnNotReadyNodes, { epoch: run.scenario.epoch });
    expect(report.ranges).toEqual([]);
    expect(report.holds).toBe(true);
  });
});
