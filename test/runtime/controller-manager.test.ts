import { describe, expect, it } from 'vitest';
import type { ControllerDefinition, Processed } from '../../src/controllers/index.js';
import { done, generationChanged, TerminalError } from '../../src/controllers/index.js';
import type { HistoryRecord, KubeObject } from '../../src/model/index.js';
import { testEngine } from './engine.js';

const cms = (name?: string) => ({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default', ...(name === undefined ? {} : { name }) });
const cm = (name: string, data: Record<string, string> = { a: '1' }): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
const user = { actor: 'user:alice' };

/** Keeps `NAME-copy` equal to every ConfigMap NAME (not itself a copy). */
const copier: ControllerDefinition = {
  name: 'copier',
  for: { group: '', kind: 'ConfigMap' },
  reconcile(key, view) {
    if (key.endsWith('-copy')) return done();
    const name = `${key.split('/')[3] ?? ''}-copy`;
    const source = view.get(key);
    const copy = view.get(`${key}-copy`);
    if (source === undefined) {
      return copy === undefined ? done() : { commands: [{ type: 'delete', ref: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name } }] };
    }
    const want = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: source['data'] };
    if (copy === undefined) return { commands: [{ type: 'create', object: want }] };
    if (JSON.stringify(copy['data']) === JSON.stringify(source['data'])) return done();
    return { commands: [{ type: 'apply', object: want, fieldManager: 'copier', force: true }] };
  },
};

async function writesBy(log: { read(): AsyncIterable<HistoryRecord> }, actor: string): Promise<string[]> {
  const out: string[] = [];
  for await (const r of log.read()) if (r.type === 'write' && r.actor === actor) out.push(`${r.verb} ${r.key}`);
  return out;
}

describe('ControllerManager', () => {
  it('does nothing when nothing exists', async () => {
    const e = await testEngine();
    const before = e.log.headRev();
    e.manager.add(copier);
    await e.scheduler.run();
    expect(e.log.headRev()).toBe(before);
  });

  it('reconciles existing objects at start, then creates, updates and deletes follow changes', async () => {
    const e = await testEngine();
    await e.api.create(cms(), cm('a'), user);
    e.manager.add(copier);
    await e.scheduler.run();
    expect(e.api.get(cms('a-copy'))['data']).toEqual({ a: '1' });
    await e.api.patch(cms('a'), 'merge', { data: { a: '2' } }, user);
    await e.scheduler.run();
    expect(e.api.get(cms('a-copy'))['data']).toEqual({ a: '2' });
    await e.api.delete(cms('a'), user);
    await e.scheduler.run();
    expect(e.api.list(cms()).items).toHaveLength(0);
    expect(await writesBy(e.log, 'controller:copier')).toEqual([
      'create core/configmaps/default/a-copy',
      'apply core/configmaps/default/a-copy',
      'delete core/configmaps/default/a-copy',
    ]);
  });

  it('stamps writes with the waking revisions as cause and records each reconcile', async () => {
    const e = await testEngine();
    e.manager.add(copier);
    await e.scheduler.run();
    const created = await e.api.create(cms(), cm('a'), user);
    await e.scheduler.run();
    const rev = Number(created.metadata.resourceVersion);
    const write = e.store.writes({ actor: 'controller:copier' })[0];
    expect(write?.cause).toEqual([rev]);
    expect(write?.observedRev).toBe(rev);
    const reconciles: HistoryRecord[] = [];
    for await (const r of e.log.read()) if (r.type === 'reconcile') reconciles.push(r);
    expect(reconciles.some((r) => r.type === 'reconcile' && r.key === 'core/configmaps/default/a' && r.wokenBy.includes(rev) && r.commands.length === 1)).toBe(true);
  });

  it('stamps commands with the older revision a reconcile says it read (a lagging cache), never a newer one', async () => {
    const e = await testEngine();
    const base = await e.api.create(cms(), cm('base'), user);
    const baseRev = Number(base.metadata.resourceVersion);
    const claims = (observedRev: number): ControllerDefinition => ({
      ...copier,
      name: `claims-${observedRev}`,
      reconcile: (key, view, ctx) => {
        const r = copier.reconcile(key, view, ctx);
        return r.commands.length === 0 ? r : { ...r, observedRev };
      },
    });
    e.manager.add(claims(baseRev));
    await e.scheduler.run();
    await e.api.create(cms(), cm('a'), user);
    await e.scheduler.run();
    const write = e.store.writes({ actor: 'controller:claims-' + String(baseRev) }).find((w) => w.key.endsWith('/a-copy'));
    expect(write?.observedRev).toBe(baseRev);
    const future = await testEngine();
    future.manager.add(claims(10_000));
    await future.api.create(cms(), cm('b'), user);
    await future.scheduler.run();
    const w = future.store.writes({ actor: 'controller:claims-10000' })[0];
    expect(w?.observedRev).toBeLessThan(10_000);
    expect(w?.observedRev).toBe((w?.rev ?? 0) - 1);
  });

  it('gives every watcher of an update the version before it, and none for additions', async () => {
    const e = await testEngine();
    const seen: Record<string, string[]> = { a: [], b: [] };
    for (const name of ['a', 'b'] as const) {
      e.manager.add({
        name: `watcher-${name}`,
        for: { group: '', kind: 'ConfigMap' },
        predicates: [
          (c) => {
            const before = (c.previous?.['data'] as Record<string, string> | undefined)?.['a'] ?? '-';
            seen[name]?.push(`${c.type} ${c.key} ${before}->${(c.object['data'] as Record<string, string>)['a'] ?? ''}`);
            return true;
          },
        ],
        reconcile: () => done(),
      });
    }
    await e.api.create(cms(), cm('x', { a: '1' }), user);
    await e.api.create(cms(), cm('y', { a: '5' }), user);
    await e.api.patch(cms('x'), 'merge', { data: { a: '2' } }, user);
    await e.api.patch(cms('y'), 'merge', { data: { a: '6' } }, user);
    await e.api.patch(cms('x'), 'merge', { data: { a: '3' } }, user);
    await e.scheduler.run();
    const want = [
      'ADDED core/configmaps/default/x -->1',
      'ADDED core/configmaps/default/y -->5',
      'MODIFIED core/configmaps/default/x 1->2',
      'MODIFIED core/configmaps/default/y 5->6',
      'MODIFIED core/configmaps/default/x 2->3',
    ];
    expect(seen['a']?.filter((l) => !l.includes('kube-root-ca'))).toEqual(want);
    expect(seen['b']).toEqual(seen['a']);
  });

  it('filters changes through predicates (a no-op for generation-less kinds)', async () => {
    const e = await testEngine();
    const seen: string[] = [];
    e.manager.add({
      name: 'deploy-watcher',
      for: { group: 'apps', kind: 'Deployment' },
      predicates: [generationChanged],
      reconcile: (key) => {
        seen.push(key);
        return done();
      },
    });
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    };
    const target = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' };
    await e.api.create(target, d, user);
    await e.scheduler.run();
    await e.api.patch({ ...target, name: 'web' }, 'merge', { metadata: { labels: { x: 'y' } } }, user);
    await e.scheduler.run();
    expect(seen).toEqual(['apps/deployments/default/web']);
    await e.api.patch({ ...target, name: 'web' }, 'merge', { spec: { replicas: 3 } }, user);
    await e.scheduler.run();
    expect(seen).toHaveLength(2);
  });

  it('records a refused command as an attempt and retries with exponential backoff', async () => {
    const e = await testEngine();
    const outcomes: Processed[] = [];
    e.manager.processed$.subscribe((p) => outcomes.push(p));
    e.manager.add({
      name: 'clasher',
      for: { group: '', kind: 'ConfigMap' },
      reconcile: () => ({ commands: [{ type: 'create', object: cm('taken') }] }),
    });
    await e.api.create(cms(), cm('taken'), user);
    await e.scheduler.run(100);
    const errors = outcomes.filter((o) => o.outcome.type === 'error');
    expect(errors.length).toBeGreaterThan(3);
    const attempts: HistoryRecord[] = [];
    for await (const r of e.log.read()) if (r.type === 'attempt') attempts.push(r);
    expect(attempts[0]).toMatchObject({ type: 'attempt', actor: 'controller:clasher', status: { reason: 'AlreadyExists' } });
    const times = attempts.map((a) => a.time);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps.slice(0, 4)).toEqual([5, 10, 20, 40]);
  });

  it('does not retry a terminal error, and honours requeue-after', async () => {
    const e = await testEngine();
    let calls = 0;
    e.manager.add({
      name: 'terminal',
      for: { group: '', kind: 'ConfigMap' },
      reconcile: () => {
        calls++;
        throw new TerminalError('this spec can never work');
      },
    });
    await e.api.create(cms(), cm('x'), user);
    await e.scheduler.run(10_000);
    expect(calls).toBe(1);
    const times: number[] = [];
    e.manager.add({
      name: 'ticker',
      for: { group: '', kind: 'ConfigMap' },
      reconcile: (_k, _v, ctx) => {
        times.push(ctx.now);
        return { commands: [], requeueAfterMs: 1000 };
      },
    });
    await e.scheduler.run(e.clock.now() + 3500);
    expect(times.map((t) => t - (times[0] ?? 0))).toEqual([0, 1000, 2000, 3000]);
  });

  it('stops cleanly mid-run: a removed controller acts no more', async () => {
    const e = await testEngine();
    e.manager.add(copier);
    await e.api.create(cms(), cm('a'), user);
    e.manager.remove('copier');
    await e.scheduler.run();
    expect(e.api.list(cms()).items.map((i) => i.metadata.name)).toEqual(['a']);
  });

  it('is deterministic: the same seed and steps give the same history', async () => {
    const runOnce = async (): Promise<string> => {
      const e = await testEngine(3);
      e.manager.add(copier);
      for (const n of ['a', 'b', 'c']) await e.api.create(cms(), cm(n), user);
      await e.scheduler.run();
      await e.api.patch(cms('b'), 'merge', { data: { z: '9' } }, user);
      await e.scheduler.run();
      const all: HistoryRecord[] = [];
      for await (const r of e.log.read()) all.push(r);
      return JSON.stringify(all);
    };
    expect(await runOnce()).toBe(await runOnce());
  });
});
