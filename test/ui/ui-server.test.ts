/**
 * The debugger's server over a small hand-made history: every endpoint's
 * answer, its bounds, and its errors; plus the pieces behind them (YAML
 * lines, search, noise, the history index).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinInvariants } from '../../src/invariants/index.js';
import type { FaultRecord, HistoryRecord } from '../../src/model/index.js';
import { createUiServer, HistoryIndex, parseSearch, search, yamlLines } from '../../src/ui/index.js';
import { alice, configMaps, harness, namespaces, pod, pods } from '../api/harness.js';
import type { Harness } from '../api/harness.js';

let h: Harness;
let server: Server;
let base = '';
let faults: FaultRecord[] = [];
const revs: Record<string, number> = {};

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  h = await harness();
  const { api, clock, log } = h;
  const rv = (o: { metadata: { resourceVersion?: string } }): number => Number(o.metadata.resourceVersion);
  clock.advanceTo(1_000);
  revs['ns'] = rv(await api.create(namespaces(), { metadata: { name: 'shop' } }, alice));
  const owner = await api.create(configMaps(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', labels: { app: 'web' } }, data: { a: '1' } }, alice);
  revs['owner'] = rv(owner);
  clock.advanceTo(60_000);
  revs['child'] = rv(
    await api.create(pods(), { ...pod('child', { app: 'web' }), metadata: { name: 'child', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid, controller: true }] } }, {
      actor: 'controller:maker',
      cause: [revs['owner'] as number],
    }),
  );
  await log.append([{ type: 'fault', time: 61_000, actor: 'user:scenario', fault: { kind: 'node-down', node: 'node-9' } }]);
  clock.advanceTo(120_000);
  revs['update'] = rv(await api.patch(configMaps('default', 'owner'), 'merge', { data: { a: '2', b: 'new' } }, { actor: 'user:bob' }));
  revs['delete'] = rv((await api.delete(configMaps('default', 'owner'), { actor: 'user:bob' })).object);
  faults = [];
  for await (const r of log.read() as AsyncIterable<HistoryRecord>) if (r.type === 'fault') faults.push(r);
  server = await createUiServer({ store: h.store, faults, epoch: log.header.epoch, history: 'small.ckh', invariants: builtinInvariants });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('ui server', () => {
  it('serves the page and its bundled script', async () => {
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain('<title>chronokube · small.ckh</title>');
    expect(page).toContain('<script src="app.js">'); // relative: the page also works under a prefix (up's /ui/)
    const js = await (await fetch(`${base}/app.js`)).text();
    expect(js.length).toBeGreaterThan(5_000);
    expect(js.length).toBeLessThan(60_000); // kept small: no framework
    expect(js).toContain('api/frame?');
  });

  it('describes the history: revisions, times, actors, faults, invariants', async () => {
    const { body } = await get<{ head: number; first: number; lastTime: number; actors: string[]; faults: { kind: string; subject: string; atRev: number }[]; invariants: string[] }>('/api/meta');
    expect(body.head).toBe(h.store.rev);
    expect(body.first).toBe(0);
    expect(body.lastTime).toBe(120_000);
    expect(body.actors).toEqual(expect.arrayContaining(['user:alice', 'user:bob', 'controller:maker']));
    expect(body.faults).toEqual([expect.objectContaining({ kind: 'node-down', subject: 'node-9', atRev: revs['child'] })]);
    expect(body.invariants).toContain('replicasets-satisfied');
  });

  it('answers density in bounded buckets per actor, and frames at a revision or a time', async () => {
    const { body: d } = await get<{ counts: number[][]; actors: string[]; max: number }>('/api/density?from=0&to=120000&buckets=4');
    expect(d.counts).toHaveLength(4);
    expect(d.counts.flat().reduce((a, b) => a + b, 0)).toBe(h.store.rev);
    expect(d.counts[0]?.reduce((a, b) => a + b, 0)).toBe(revs['owner']); // bootstrap, namespace and owner at t ≤ 1 s
    const { body: f } = await get<{ rev: number; write: { actor: string }; events: { rev: number }[]; object: { lines: { text: string; path: string }[]; changed: string[]; exists: boolean } }>(
      `/api/frame?rev=${revs['update']}&key=core/configmaps/default/owner`,
    );
    expect(f.write.actor).toBe('user:bob');
    expect(f.events.map((e) => e.rev)).toContain(revs['update']);
    expect(f.events.length).toBeLessThanOrEqual(25);
    expect(f.object.exists).toBe(true);
    expect(f.object.changed.sort()).toEqual(['/data/a', '/data/b']);
    expect(f.object.lines.find((l) => l.path === '/data/b')?.text).toBe('  b: new');
    const { body: byTime } = await get<{ rev: number }>('/api/frame?time=60000');
    expect(byTime.rev).toBe(revs['child']);
  });

  it('shows a deleted object as its last version, and no object before its creation', async () => {
    const { body: gone } = await get<{ exists: boolean; versionRev: number; lines: unknown[]; prevRev: number }>(`/api/object?rev=${revs['delete']}&key=core/configmaps/default/owner`);
    expect(gone).toMatchObject({ exists: false, versionRev: revs['delete'], prevRev: revs['update'] });
    expect(gone.lines.length).toBeGreaterThan(3);
    const { body: before } = await get<{ versionRev: number; nextRev: number }>(`/api/object?rev=1&key=core/configmaps/default/owner`);
    expect(before).toMatchObject({ versionRev: 0, nextRev: revs['owner'] });
  });

  it('builds the tree namespace → owner → children for open namespaces only, and nodes with their pods', async () => {
    const { body } = await get<{ namespaces: { name: string; count: number; roots?: { key: string; children: { key: string }[] }[] }[] }>(`/api/tree?rev=${revs['update']}&open=default`);
    const def = body.namespaces.find((n) => n.name === 'default');
    expect(def?.roots?.find((r) => r.key === 'core/configmaps/default/owner')?.children.map((c) => c.key)).toEqual(['core/pods/default/child']);
    const shop = body.namespaces.find((n) => n.name === '');
    expect(shop?.count).toBeGreaterThanOrEqual(5); // the system namespaces and shop, cluster-scoped
    expect(shop?.roots).toBeUndefined();
    const { body: nodes } = await get<{ nodes: { name: string; status: string; pods: { key: string }[] }[] }>(`/api/nodes?rev=${revs['update']}`);
    expect(nodes.nodes).toEqual([expect.objectContaining({ name: '', status: 'Unscheduled', pods: [expect.objectContaining({ key: 'core/pods/default/child' })] })]);
  });

  it('explains an object with the why chain back to the user action', async () => {
    const { body } = await get<{ root: { actor: string; causes: { actor: string; rev: number }[] } }>(`/api/why?rev=${revs['child']}&key=core/pods/default/child`);
    expect(body.root.actor).toBe('controller:maker');
    expect(body.root.causes.map((c) => [c.actor, c.rev])).toEqual([['user:alice', revs['owner']]]);
  });

  it('searches by kind, actor, verb, labels, fields and text, in both directions', async () => {
    const q = async (s: string, from = 0, dir = 'next'): Promise<number[]> => (await get<{ revs: number[] }>(`/api/search?q=${encodeURIComponent(s)}&from=${from}&dir=${dir}`)).body.revs;
    expect(await q('kind:configmap actor:bob')).toEqual([revs['update'], revs['delete']]);
    expect(await q('verb:delete')).toEqual([revs['delete']]);
    expect(await q('kind:pod l:app=web')).toEqual([revs['child']]);
    expect(await q('where:data.b=new')).toEqual([revs['update'], revs['delete']]); // a removal is matched by the version it removed
    expect(await q('owner', h.store.rev + 1, 'prev')).toEqual([revs['delete'], revs['update'], revs['owner']]);
    expect(await q('name:ch*')).toEqual([revs['child']]);
    const bad = await fetch(`${base}/api/search?q=${encodeURIComponent('where:no-equals-sign')}`);
    expect(bad.status).toBe(400);
  });

  it('marks invariants (scanned in the background) and refuses bad requests', async () => {
    let r = await get<{ done: boolean; invariants: { name: string; scannedTo: number }[] }>('/api/invariants');
    for (let i = 0; i < 50 && !r.body.done; i++) r = await get('/api/invariants');
    expect(r.body.done).toBe(true);
    expect(r.body.invariants.map((i) => i.scannedTo)).toEqual(builtinInvariants.map(() => h.store.rev));
    expect((await fetch(`${base}/api/frame?rev=999999`)).status).toBe(400);
    expect((await fetch(`${base}/api/why?rev=1&key=nonsense`)).status).toBe(400);
    expect((await fetch(`${base}/api/nope`)).status).toBe(404);
    expect((await fetch(`${base}/api/meta`, { method: 'POST' })).status).toBe(405);
  });
});

describe('ui server over a live history', () => {
  it('answers from the growing store: new writes, pods and faults reach meta, frames, nodes and the invariant marks', async () => {
    const x = await harness();
    const liveFaults: FaultRecord[] = [];
    const live = await createUiServer({ store: x.store, faults: liveFaults, epoch: x.log.header.epoch, history: 'live.ckh', invariants: builtinInvariants, live: true });
    await new Promise<void>((resolve) => live.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(live.address() as AddressInfo).port}`;
    const json = async <T>(path: string): Promise<T> => (await (await fetch(`${at}${path}`)).json()) as T;
    try {
      const before = await json<{ live: boolean; head: number; at: number }>('/api/meta');
      expect(before).toMatchObject({ live: true, head: x.store.rev, at: x.store.rev });
      await json('/api/nodes'); // builds the pod placement before the pod exists
      x.clock.advanceTo(5_000);
      await x.api.create({ group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }, { actor: 'node:n1' });
      await x.api.create(pods(), pod('p'), alice);
      const bound = Number((await x.api.create({ ...pods('default', 'p'), subresource: 'binding' }, { target: { kind: 'Node', name: 'n1' } }, { actor: 'controller:scheduler' })).metadata.resourceVersion);
      const [fault] = await x.log.append([{ type: 'fault', time: 5_000, actor: 'user:admin', fault: { kind: 'node-down', node: 'n1' } }]);
      liveFaults.push(fault as FaultRecord);
      const after = await json<{ head: number; at: number; lastTime: number; actors: string[]; faults: { atRev: number; subject: string }[] }>('/api/meta');
      expect(after).toMatchObject({ head: bound, at: bound, lastTime: 5_000, faults: [{ atRev: bound, subject: 'n1' }] });
      expect(after.actors).toEqual(expect.arrayContaining(['node:n1', 'controller:scheduler']));
      const frame = await json<{ rev: number; head: number; write: { actor: string } }>(`/api/frame?rev=${bound}`);
      expect(frame).toMatchObject({ rev: bound, head: bound, write: { actor: 'controller:scheduler' } });
      const nodes = await json<{ nodes: { name: string; pods: { key: string }[] }[] }>(`/api/nodes?rev=${bound}`);
      expect(nodes.nodes.map((n) => [n.name, n.pods.map((p) => p.key)])).toEqual([['n1', ['core/pods/default/p']]]);
      let marks = await json<{ done: boolean; head: number; invariants: { scannedTo: number }[] }>('/api/invariants');
      for (let i = 0; i < 50 && !marks.done; i++) marks = await json('/api/invariants');
      expect(marks.head).toBe(bound);
      expect(marks.invariants.map((m) => m.scannedTo)).toEqual(builtinInvariants.map(() => bound));
    } finally {
      await new Promise<void>((resolve) => live.close(() => resolve()));
    }
  });
});

describe('ui pieces', () => {
  it('renders YAML lines that parse back to the object, each tagged with its path', () => {
    const obj = { a: { b: [1, { c: 'x: y', d: [] }], e: {} }, 'f g': 'multi\nline', h: null, i: [[1, 2]] };
    const lines = yamlLines(obj);
    expect(parse(lines.map((l) => l.text).join('\n'))).toEqual(obj);
    expect(lines.find((l) => l.path === '/a/b/1/c')?.text).toBe('  - c: "x: y"');
    expect(lines.find((l) => l.path === '/a/b/1/d')?.text).toBe('    d: []');
  });

  it('indexes times, actors and noise, and bounds windows and searches', async () => {
    const x = await harness();
    // The bootstrap writes (namespaces, the kubernetes Service) come first, at time 0.
    const boot = x.store.rev;
    for (let i = 0; i < 30; i++) {
      x.clock.advanceTo(i * 1000);
      await x.api.create(configMaps(), { metadata: { name: `c${i}` } }, { actor: i % 2 === 0 ? 'user:even' : 'controller:odd' });
    }
    const idx = new HistoryIndex(x.store);
    expect(idx.revAtTime(-1)).toBe(0);
    expect(idx.revAtTime(0)).toBe(boot + 1); // the bootstrap and c0, written at time 0
    expect(idx.revAtTime(10_500)).toBe(boot + 11);
    expect(idx.window(15, 3, 3).map((e) => e.rev)).toEqual([12, 13, 14, 15, 16, 17]);
    expect(idx.density(0, 29_000, 1).counts[0]?.reduce((a, b) => a + b, 0)).toBe(boot + 30);
    // c1 and c3 are the odd actor's writes up to revision boot + 5 (the scan's bound), whatever the bootstrap writes.
    const bounded = search(x.store, parseSearch('actor:odd'), 0, 'next', 100, boot + 5);
    expect(bounded.revs).toEqual([boot + 2, boot + 4]);
    expect(bounded).toMatchObject({ scannedTo: boot + 5, done: false });
  });
});
