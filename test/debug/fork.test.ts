import { beforeAll, describe, expect, it } from 'vitest';
import type { ForkChange } from '../../src/debug/index.js';
import { compareBranches, fork, forkHeader } from '../../src/debug/index.js';
import { revAtTime } from '../../src/invariants/index.js';
import { createMemoryLog } from '../../src/log/index.js';
import type { FaultRecord, HistoryRecord } from '../../src/model/index.js';
import type { Store } from '../../src/store/index.js';
import type { FixtureRun } from '../runtime/scenario/run-fixture.js';
import { runFixture } from '../runtime/scenario/run-fixture.js';

const evictions = (s: Store, fromRev: number): number =>
  s.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete', fromRev: fromRev + 1 }).filter((w) => w.key.startsWith('core/pods/')).length;

describe('fork (branch a history and run the controllers forward)', () => {
  let run: FixtureRun;
  let fault: FaultRecord;
  beforeAll(async () => {
    run = await runFixture('fixtures/replicaset-node-failure.yaml');
    const f = run.records.find((r): r is FaultRecord => r.type === 'fault' && r.fault.kind === 'node-down');
    if (f === undefined) throw new Error('the fixture records no node-down fault');
    fault = f;
  }, 60_000);

  const branch = async (changes: readonly ForkChange[], at = fault.atRev) => {
    const log = createMemoryLog(forkHeader(run.log.header, at, 'replicaset-node-failure'));
    const result = await fork({ store: run.store, records: run.records, header: run.log.header, at, changes, log, source: 'replicaset-node-failure' });
    const records: HistoryRecord[] = [];
    for await (const r of log.read()) records.push(r);
    return { result, records };
  };

  it('without the node-down fault ends with no evictions, while the original has some', async () => {
    expect(evictions(run.store, fault.atRev)).toBeGreaterThan(0);
    const { result, records } = await branch([{ type: 'drop-fault', atRev: fault.atRev }]);
    expect(evictions(result.store, fault.atRev)).toBe(0);
    expect(records.some((r) => r.type === 'fault')).toBe(false);
    // It ran to the original's end, sharing its prefix write for write.
    expect(result.endedAt).toBe(run.records.reduce((m, r) => Math.max(m, r.time), 0));
    for (const rev of [1, Math.floor(fault.atRev / 2), fault.atRev]) expect(result.store.write(rev)).toEqual(run.store.write(rev));
    expect(records.find((r) => r.type === 'annotation')).toMatchObject({
      atRev: fault.atRev,
      annotation: { kind: 'note', text: `fork of replicaset-node-failure at revision ${fault.atRev}: dropped the fault at revision ${fault.atRev}`, rev: fault.atRev },
    });
    // The user's deletion of node-2 at 15 min is re-made in the branch.
    expect(result.replayed).toEqual({ faults: 0, writes: 1 });
    expect(result.store.writes({ actor: 'user:scenario', verb: 'delete', fromRev: fault.atRev + 1 }).map((w) => w.key)).toEqual(['core/nodes/_/node-2']);
    const cmp = compareBranches(run.store, result.store, fault.atRev, result.endedAt, { ignore: (k) => k.includes('/leases/') });
    expect(cmp.actions).toContainEqual({ actor: 'controller:taint-eviction-controller', verb: 'delete', resource: 'pods', original: evictions(run.store, fault.atRev), branch: 0 });
    expect(cmp.originalRev).toBe(revAtTime(run.store, result.endedAt));
    // The pods the original evicted from node-2 are still there in the branch, and its replacements never existed.
    const evicted = run.store.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete' }).map((w) => w.key);
    for (const k of evicted) expect(cmp.onlyInBranch).toContain(k);
    expect(cmp.onlyInOriginal.filter((k) => k.startsWith('core/pods/'))).toHaveLength(evicted.length);
    // Kubelets adopted their running pods: nothing but heartbeats and lease renewals in the first minute after the fork.
    const early = result.store.writes({ fromRev: fault.atRev + 1 }).filter((w) => w.time < fault.time + 60_000);
    expect(early.filter((w) => !w.key.includes('/leases/') && !(w.key.startsWith('core/nodes/') && w.subresource === 'status'))).toEqual([]);
  });

  it('with no change re-makes the recorded fault, so the branch evicts as the original did', async () => {
    const { result, records } = await branch([]);
    expect(records.filter((r) => r.type === 'fault').map((r) => r.type === 'fault' && r.fault)).toEqual([fault.fault]);
    expect(evictions(result.store, fault.atRev)).toBe(evictions(run.store, fault.atRev));
  });

  it('applies a manifest at the fork point: the ReplicaSet scaled to 7 gets two more pods within a minute', async () => {
    const rs = run.store.at(fault.atRev).get('apps/replicasets/default/web');
    if (rs === undefined) throw new Error('no ReplicaSet');
    const manifest = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { ...(rs['spec'] as object), replicas: 7 } };
    const log = createMemoryLog(forkHeader(run.log.header, fault.atRev));
    const result = await fork({ store: run.store, records: run.records, header: run.log.header, at: fault.atRev, log, forMs: 60_000, changes: [{ type: 'apply', objects: [manifest] }] });
    expect(result.note).toBe(`fork of a history at revision ${fault.atRev}: applied ReplicaSet/web`);
    expect(result.warnings).toEqual([]);
    const applied = result.store.writes({ actor: 'user:fork', fromRev: fault.atRev + 1 });
    expect(applied.map((w) => [w.verb, w.key])).toEqual([['apply', 'apps/replicasets/default/web']]);
    const created = result.store.writes({ actor: 'controller:replicaset', verb: 'create', fromRev: fault.atRev + 1 }).filter((w) => w.key.startsWith('core/pods/'));
    expect(created).toHaveLength(2);
    expect(result.store.head().list({ group: '', resource: 'pods', namespace: 'default' })).toHaveLength(7);
  });

  it('refuses to drop a fault before the fork point or one never recorded', async () => {
    await expect(branch([{ type: 'drop-fault', atRev: fault.atRev }], fault.atRev + 1)).rejects.toThrow(
      `the fault at revision ${fault.atRev} is before the fork point ${fault.atRev + 1}: fork at ${fault.atRev} or earlier to drop it`,
    );
    await expect(branch([{ type: 'drop-fault', atRev: 3 }], 2)).rejects.toThrow('no fault is recorded at revision 3');
    await expect(branch([{ type: 'drop-write', rev: 30 }], 2)).rejects.toThrow("revision 30 is not a user's or outside client's write after the fork point 2");
    await expect(branch([], run.store.rev + 1)).rejects.toThrow(`cannot fork at revision ${run.store.rev + 1}`);
  });
});
