import { beforeAll, describe, expect, it } from 'vitest';
import { addBookmark, bookmarksOf, DebugCursor } from '../../src/debug/index.js';
import type { FaultRecord } from '../../src/model/index.js';
import type { FixtureRun } from '../runtime/scenario/run-fixture.js';
import { runFixture } from '../runtime/scenario/run-fixture.js';

describe('DebugCursor', () => {
  let run: FixtureRun;
  let fault: FaultRecord;
  beforeAll(async () => {
    run = await runFixture('fixtures/replicaset-node-failure.yaml');
    fault = run.records.find((r): r is FaultRecord => r.type === 'fault') as FaultRecord;
  }, 60_000);

  it('jumps to the next and previous write by actor and verb, and stays put when none matches', () => {
    const c = new DebugCursor(run.store, {}, 0);
    const evictions = run.store.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete' });
    expect(c.next({ actor: 'controller:taint-eviction-controller', verb: 'delete' })?.rev).toBe(evictions[0]?.rev);
    expect(c.rev).toBe(evictions[0]?.rev);
    expect(c.next({ actor: 'controller:taint-eviction-*', verb: 'delete' })?.rev).toBe(evictions[1]?.rev);
    expect(c.previous({ actor: 'controller:taint-eviction-controller', verb: 'delete' })?.rev).toBe(evictions[0]?.rev);
    expect(c.previous({ actor: 'user:nobody' })).toBeUndefined();
    expect(c.rev).toBe(evictions[0]?.rev);
    expect(c.state.rev).toBe(c.rev);
    expect(c.record?.actor).toBe('controller:taint-eviction-controller');
  });

  it('skips heartbeats and lease renewals by default, and shows them when lifted', () => {
    const c = new DebugCursor(run.store, {}, fault.atRev);
    const w = c.next();
    expect(w).toBeDefined();
    expect(w?.key.includes('/leases/')).toBe(false);
    const skipped = run.store.writes({ fromRev: fault.atRev + 1, toRev: (w?.rev ?? 0) - 1 });
    expect(skipped.length).toBeGreaterThanOrEqual(10);
    expect(skipped.every((s) => s.key.startsWith('coordination.k8s.io/leases/kube-node-lease/') || (s.key.startsWith('core/nodes/') && s.subresource === 'status'))).toBe(true);
    c.seek(fault.atRev);
    expect(c.next({}, { heartbeats: false })?.rev).toBe(fault.atRev + 1);
  });

  it('filters by kind, label selector, state predicate, text and one object', () => {
    const c = new DebugCursor(run.store, {}, 0);
    const bound = c.next({ kind: 'Pod', labels: 'app=web', verb: 'create/binding', state: 'spec.nodeName=node-2' });
    expect(bound?.key).toMatch(/^core\/pods\/default\/web-/);
    expect((run.store.at(bound?.rev ?? 0).get(bound?.key ?? '')?.['spec'] as { nodeName: string }).nodeName).toBe('node-2');
    c.seek(0);
    expect(c.next({ kind: 'pods', labels: 'app=db' })).toBeUndefined();
    const notReady = c.next({ text: 'NodeNotReady' });
    expect(notReady?.key).toMatch(/^core\/events\//);
    c.seek(0);
    const key = bound?.key ?? '';
    const versions = run.store.versions(key);
    expect(c.next({ key })?.rev).toBe(versions[0]);
    expect(c.next({ key })?.rev).toBe(versions[1]);
    expect(c.next({ key, state: 'status.phase!=Running' }, { heartbeats: false })?.rev).toBeGreaterThan(versions[1] ?? 0);
    expect(() => c.next({ state: 'status.phase' })).toThrow('a state predicate reads PATH=VALUE or PATH!=VALUE, got "status.phase"');
    c.seekTime(fault.time);
    expect(run.store.write(c.rev)?.time).toBeLessThanOrEqual(fault.time);
    expect(run.store.write(c.rev + 1)?.time).toBeGreaterThan(fault.time);
  });

  it('keeps named bookmarks with the history as annotation records', async () => {
    await addBookmark(run.log, 'node-2 down', fault.atRev, fault.time);
    await addBookmark(run.log, 'start', 1, 0);
    await addBookmark(run.log, 'node-2 down', fault.atRev + 1, fault.time);
    expect(await bookmarksOf(run.log.read())).toEqual([
      { name: 'start', rev: 1 },
      { name: 'node-2 down', rev: fault.atRev + 1 },
    ]);
    await expect(addBookmark(run.log, ' ', 1, 0)).rejects.toThrow('a bookmark needs a name');
    await expect(addBookmark(run.log, 'future', run.store.rev + 1, 0)).rejects.toThrow(`cannot bookmark revision ${run.store.rev + 1}`);
  });
});
