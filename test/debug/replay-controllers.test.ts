import { beforeAll, describe, expect, it } from 'vitest';
import { replayControllers, RERUN_CONTROLLERS } from '../../src/debug/index.js';
import { replicaSetController } from '../../src/controllers/index.js';
import { loadControllers } from '../../src/runtime/index.js';
import type { FixtureRun } from '../runtime/scenario/run-fixture.js';
import { runFixture } from '../runtime/scenario/run-fixture.js';

describe('replayControllers (re-running controllers over recorded inputs)', () => {
  let run: FixtureRun;
  beforeAll(async () => {
    run = await runFixture('fixtures/replicaset-node-failure.yaml');
  }, 60_000);

  const replay = async (module: string) =>
    replayControllers({ store: run.store, records: run.records, header: run.log.header, controllers: await loadControllers(module) });

  it('reports no divergence for the unchanged ReplicaSet controller, counting every recorded reconcile', async () => {
    const report = await replay('test/debug/modules/replicaset-unchanged.ts');
    const recorded = run.records.filter((r) => r.type === 'reconcile' && r.controller === 'replicaset').length;
    expect(recorded).toBeGreaterThan(5);
    expect(report).toEqual({ kind: RERUN_CONTROLLERS, checked: { replicaset: recorded }, unrecorded: [] });
  });

  it('names the first command a changed ReplicaSet controller returns differently, with its inputs', async () => {
    const report = await replay('test/debug/modules/replicaset-one-too-many.ts');
    const d = report.divergence;
    expect(d).toBeDefined();
    // The first reconcile that created pods: the one woken by the user's apply of the ReplicaSet.
    const first = run.records.find((r) => r.type === 'reconcile' && r.controller === 'replicaset' && r.commands.some((c) => c.type === 'create'));
    if (first?.type !== 'reconcile') throw new Error('no creating reconcile recorded');
    expect(d?.input).toEqual({ controller: 'replicaset', key: first.key, wokenBy: first.wokenBy, viewRev: first.viewRev, time: first.time, atRev: first.atRev });
    const creates = first.commands.filter((c) => c.type === 'create').length;
    expect(d?.what).toBe('command');
    expect(d?.index).toBe(creates);
    expect(d?.replayed).toEqual(first.commands[creates - 1]);
    expect(d?.recorded).toEqual(first.commands[creates]);
    expect(d?.replayedResult.commands).toHaveLength(first.commands.length + 1);
    expect(report.checked['replicaset']).toBe(run.records.filter((r) => r.type === 'reconcile' && r.controller === 'replicaset' && r.atRev <= first.atRev).length);
  });

  it('lists controllers the history never ran, and refuses two builds under one name', async () => {
    const report = await replayControllers({
      store: run.store,
      records: run.records,
      header: run.log.header,
      controllers: [{ ...replicaSetController, name: 'nobody-ran-me' }],
    });
    expect(report.unrecorded).toEqual(['nobody-ran-me']);
    expect(report.checked).toEqual({});
    await expect(
      replayControllers({ store: run.store, records: run.records, header: run.log.header, controllers: [replicaSetController, replicaSetController] }),
    ).rejects.toThrow('two controllers are named "replicaset"');
  });

  it('reports a reconcile that now throws as an error divergence', async () => {
    let calls = 0;
    const throwsOnSecond = {
      ...replicaSetController,
      reconcile: (...args: Parameters<typeof replicaSetController.reconcile>) => {
        if (++calls === 2) throw new Error('boom');
        return replicaSetController.reconcile(...args);
      },
    };
    const report = await replayControllers({ store: run.store, records: run.records, header: run.log.header, controllers: [throwsOnSecond] });
    expect(report.checked['replicaset']).toBe(2);
    expect(report.divergence?.replayedResult.error).toBe('boom');
    expect(['command', 'error']).toContain(report.divergence?.what);
  });
});
