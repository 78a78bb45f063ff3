import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import { why } from '../../../src/debug/index.js';
import { cli } from '../../cli/capture.js';
import { replayFixture, runFixture } from './run-fixture.js';

const pods = (o: { store: { head(): { list(s: { group: string; resource: string }): readonly KubeObject[] } } }) =>
  o.store.head().list({ group: '', resource: 'pods' });
const phase = (p: KubeObject) => (p['status'] as { phase?: string } | undefined)?.phase;
const nodeOf = (p: KubeObject) => (p['spec'] as { nodeName?: string }).nodeName;

describe('fixtures/replicaset-node-failure.yaml', () => {
  it('ends with 5 Running, non-terminating pods on the 2 healthy nodes, and replays without divergence', async () => {
    const run = await runFixture('fixtures/replicaset-node-failure.yaml');
    expect(run.result.stable).toBe(true);
    const live = pods(run);
    expect(live).toHaveLength(5);
    for (const p of live) {
      expect(phase(p)).toBe('Running');
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(['node-1', 'node-3']).toContain(nodeOf(p));
    }
    expect(run.store.head().get('core/nodes/_/node-2')).toBeUndefined();
    const evictions = run.store.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete' });
    expect(evictions.length).toBeGreaterThan(0);
    const replay = await replayFixture(run);
    expect(replay.divergence).toBeUndefined();
    expect(replay.checked).toBeGreaterThan(100);
    // why, on a replacement pod, reaches the fault.
    const newest = [...live].sort((a, b) => Number(b.metadata.resourceVersion) - Number(a.metadata.resourceVersion))[0]!;
    const replacement = [...live].sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''))[0]!;
    expect(newest).toBeDefined();
    const faults = run.records.flatMap((r) => (r.type === 'fault' ? [r] : []));
    const tree = why(run.store, faults, `core/pods/default/${replacement.metadata.name ?? ''}`);
    const found: string[] = [];
    const walk = (st: NonNullable<typeof tree>): void => {
      if (st.fault !== undefined) found.push(`${st.fault.fault.kind} ${'node' in st.fault.fault ? st.fault.fault.node : ''}`);
      st.causes.forEach(walk);
    };
    walk(tree!);
    expect(found).toContain('node-down node-2');
  });
});

describe('fixtures/unschedulable.yaml', () => {
  it('stays Pending with a FailedScheduling reason until a big node joins, then runs there', async () => {
    const run = await runFixture('fixtures/unschedulable.yaml');
    const atFour = run.store.at(run.records.filter((r) => r.type === 'write' && r.time <= 4 * 60_000).reduce((m, r) => (r.type === 'write' ? r.rev : m), 0));
    const pending = atFour.get('core/pods/default/big');
    expect(phase(pending!)).toBe('Pending');
    const cond = (pending!['status'] as { conditions?: { type: string; status: string; reason?: string }[] }).conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    const events = atFour.list({ group: '', resource: 'events' }).filter((e) => e['reason'] === 'FailedScheduling');
    expect(events.length).toBeGreaterThan(0);
    const final = run.store.head().get('core/pods/default/big')!;
    expect(nodeOf(final)).toBe('node-big');
    expect(phase(final)).toBe('Running');
    expect((await replayFixture(run)).divergence).toBeUndefined();
  });
});

describe('fixtures/crashloop.yaml', () => {
  it('restarts with the kubelet back-off schedule and shows CrashLoopBackOff', async () => {
    const run = await runFixture('fixtures/crashloop.yaml', { forMs: 20 * 60_000 });
    const key = 'core/pods/default/crasher';
    const restarts: { count: number; time: number }[] = [];
    let last = -1;
    let sawBackOff = false;
    for (const rev of run.store.versions(key)) {
      const w = run.store.write(rev)!;
      const p = run.store.at(rev).get(key);
      const cs = (p?.['status'] as { containerStatuses?: { restartCount: number; state?: { waiting?: { reason?: string } } }[] } | undefined)?.containerStatuses?.[0];
      if (cs === undefined) continue;
      if (cs.state?.waiting?.reason === 'CrashLoopBackOff') sawBackOff = true;
      if (cs.restartCount !== last) {
        last = cs.restartCount;
        restarts.push({ count: cs.restartCount, time: w.time });
      }
    }
    expect(sawBackOff).toBe(true);
    const starts = restarts.map((r) => r.time);
    // Each run lasts 5 s; the waits between runs are the kubelet's back-off: 0, 10, 20, 40, 80, 160, 300, 300 s.
    const waits = starts.slice(1).map((t, i) => Math.round((t - (starts[i] ?? 0) - 5000) / 1000));
    expect(waits.slice(0, 8)).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
    expect((await replayFixture(run)).divergence).toBeUndefined();
  });
});

describe('fixtures/cascading-delete.yaml', () => {
  it('deletes the pods first, then the foreground-deleted ReplicaSet', async () => {
    const run = await runFixture('fixtures/cascading-delete.yaml');
    expect(pods(run)).toHaveLength(0);
    const rsKey = 'apps/replicasets/default/owner';
    expect(run.store.head().get(rsKey)).toBeUndefined();
    const rsVersions = run.store.versions(rsKey).map((r) => run.store.write(r)!);
    const marked = rsVersions.find((w) => run.store.at(w.rev).get(rsKey)?.metadata.finalizers?.includes('foregroundDeletion'));
    expect(marked).toBeDefined();
    const rsRemoved = rsVersions.find((w) => w.change.op === 'remove')!;
    const podRemovals = run.store.writes({}).filter((w) => w.key.startsWith('core/pods/default/owner-') && w.change.op === 'remove');
    expect(podRemovals).toHaveLength(3);
    for (const w of podRemovals) expect(w.rev).toBeLessThan(rsRemoved.rev);
    expect((await replayFixture(run)).divergence).toBeUndefined();
  });
});

describe('chronokube run', () => {
  it('writes byte-identical histories for the same scenario and seed, and a different one for another seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronokube-run-'));
    const a = join(dir, 'a.ckh');
    const b = join(dir, 'b.ckh');
    const c = join(dir, 'c.ckh');
    expect((await cli('run', 'fixtures/replicaset-node-failure.yaml', '--out', a)).code).toBe(0);
    expect((await cli('run', 'fixtures/replicaset-node-failure.yaml', '--out', b)).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    await cli('run', 'fixtures/replicaset-node-failure.yaml', '--out', c, '--seed', '2');
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    const again = await cli('run', 'fixtures/replicaset-node-failure.yaml', '--out', a);
    expect(again.code).toBe(1);
    expect(again.err).toContain('exists: pass --force');
  }, 120_000);
});

describe('fixtures/controllers/configmap-mirror.ts (a user controller)', () => {
  it('runs beside the built-in controllers and its writes carry its name and causes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronokube-mirror-'));
    const out = join(dir, 'm.ckh');
    const r = await cli('run', 'fixtures/mirror.yaml', '--out', out, '--controllers', 'fixtures/controllers/configmap-mirror.ts');
    expect(r.code).toBe(0);
    const got = await cli('get', 'cm/settings-mirror', '-o', 'json', '--history', out);
    expect(JSON.parse(got.out).data).toEqual({ level: 'debug' });
    const hist = await cli('history', '--history', out, '--name', 'settings-mirror', '-o', 'json');
    const writes = hist.out.split('\n').map((l) => JSON.parse(l) as { actor: string; cause: number[] });
    expect(writes.map((w) => w.actor)).toEqual(['controller:configmap-mirror', 'controller:configmap-mirror']);
    expect(writes.every((w) => w.cause.length > 0)).toBe(true);
    const bad = await cli('run', 'fixtures/mirror.yaml', '--out', join(dir, 'x.ckh'), '--controllers', 'fixtures/mirror.yaml');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('cannot load controllers from fixtures/mirror.yaml');
  }, 60_000);
});
