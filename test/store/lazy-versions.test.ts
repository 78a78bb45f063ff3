/**
 * Lazy versions: only heads and every K-th version of a key are kept; every
 * other version is rebuilt from the nearest snapshot or create. These tests
 * pin the boundaries (K-1, K, K+1 versions back), removes and re-creates,
 * the append-only label/owner candidates, and transient heads (edited in
 * place until read, never changed once read).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type KubeObject, type WriteRecord, applyJsonPatch, deepFreeze } from '../../src/model/index.js';
import { createStore } from '../../src/store/index.js';
import { Recorder, pod, podKey } from './records.js';

const pods = { group: '', resource: 'pods' };
const phase = (r: Recorder, name: string, v: string): WriteRecord =>
  r.write(podKey(name), { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: v }] });

/** The expected object of every key at every revision, by a naive eager fold. */
function reference(recs: readonly WriteRecord[]): Map<string, KubeObject | undefined>[] {
  const states: Map<string, KubeObject | undefined>[] = [new Map()];
  for (const rec of recs) {
    const next = new Map(states[states.length - 1]);
    const prev = next.get(rec.key);
    const c = rec.change;
    const stamp = (o: KubeObject): KubeObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(rec.rev) } });
    if (c.op === 'put') next.set(rec.key, stamp(c.object));
    else if (c.op === 'patch') next.set(rec.key, stamp(applyJsonPatch(prev as KubeObject, c.patch)));
    else next.set(rec.key, undefined);
    states.push(next);
  }
  return states;
}

describe('lazy versions', () => {
  it('reads versions K-1, K and K+1 back from the head exactly, and older ones too', () => {
    for (const k of [1, 2, 4, 16]) {
      const s = createStore({ snapshotInterval: k });
      const r = new Recorder();
      const recs = [r.put(pod('a'))];
      for (let i = 0; i < 3 * k + 2; i++) recs.push(phase(r, 'a', `P${i}`));
      for (const rec of recs) s.fold(rec);
      const want = reference(recs);
      const head = s.rev;
      for (const back of [k - 1, k, k + 1, 2 * k, head - 1]) {
        const rev = head - back;
        if (rev < 1) continue;
        // fresh store per read as well, so no cache helps
        const t = createStore({ snapshotInterval: k });
        for (const rec of recs) t.fold(rec);
        expect(t.at(rev).get(podKey('a')), `K=${k}, ${back} back`).toEqual(want[rev]!.get(podKey('a')));
        expect(s.at(rev).get(podKey('a'))).toEqual(want[rev]!.get(podKey('a')));
      }
      for (let rev = head; rev >= 1; rev--) expect(s.at(rev).get(podKey('a'))).toEqual(want[rev]!.get(podKey('a')));
    }
  });

  it('sees a removed and re-created key as each incarnation, absent in between', () => {
    const s = createStore({ snapshotInterval: 3 });
    const r = new Recorder();
    const recs = [r.put(pod('a', { labels: { app: 'one' } })), phase(r, 'a', 'Running'), phase(r, 'a', 'Done')]; // 1-3
    recs.push(r.write(podKey('a'), { op: 'remove' })); // 4
    recs.push(r.put(pod('b'))); // 5
    recs.push(r.put({ ...pod('a', { labels: { app: 'two' } }), metadata: { ...pod('a').metadata, uid: 'uid-a2', labels: { app: 'two' } } })); // 6
    for (let i = 0; i < 5; i++) recs.push(phase(r, 'a', `Q${i}`)); // 7-11
    for (const rec of recs) s.fold(rec);
    const want = reference(recs);
    for (let rev = 0; rev <= s.rev; rev++) {
      expect(s.at(rev).get(podKey('a'))).toEqual(want[rev]!.get(podKey('a')));
      expect(s.at(rev).keys(pods)).toEqual([...want[rev]!].filter(([, o]) => o !== undefined).map(([k]) => k).sort());
      expect(s.at(rev).count()).toBe(s.at(rev).keys().length);
    }
    expect(s.at(3).get(podKey('a'))?.metadata.uid).toBe('uid-a');
    expect(s.at(4).get(podKey('a'))).toBeUndefined();
    expect(s.at(5).versionRev(podKey('a'))).toBe(0);
    expect(s.at(5).count(pods)).toBe(1);
    expect(s.at(9).get(podKey('a'))?.metadata.uid).toBe('uid-a2');
    expect(s.at(9).get(podKey('a'))?.status).toEqual({ phase: 'Q2' });
    expect(s.at(9).versionRev(podKey('a'))).toBe(9);
    expect(s.at(3).byLabel(pods, 'app', 'one').map((o) => o.metadata.uid)).toEqual(['uid-a']);
    expect(s.at(5).byLabel(pods, 'app', 'one')).toEqual([]);
    expect(s.head().byLabel(pods, 'app', 'one')).toEqual([]);
    expect(s.head().byLabel(pods, 'app', 'two').map((o) => o.metadata.uid)).toEqual(['uid-a2']);
    expect(s.diff(3, 4, podKey('a'))).toEqual([{ op: 'remove', path: '' }]);
    expect(s.diff(2, 7, podKey('a')).map((o) => o.path)).toContain('/metadata/uid');
  });

  it('checks label and owner candidates at the view revision: a key that no longer carries the term is left out', () => {
    const s = createStore({ snapshotInterval: 2 });
    const r = new Recorder();
    const patch = (name: string, ops: object[]) => r.write(podKey(name), { op: 'patch', patch: ops as never });
    s.fold(r.put(pod('a', { labels: { app: 'web', tier: 'x' }, owner: 'rs1' }))); // 1
    s.fold(r.put(pod('b', { labels: { app: 'web' } }))); // 2
    s.fold(patch('a', [{ op: 'replace', path: '/metadata/labels/app', value: 'db' }])); // 3
    s.fold(patch('a', [{ op: 'remove', path: '/metadata/ownerReferences' }])); // 4
    s.fold(patch('b', [{ op: 'replace', path: '/metadata/labels', value: { 'app.kubernetes.io/name': 'web', app: 'db' } }])); // 5
    s.fold(patch('b', [{ op: 'add', path: '/metadata/ownerReferences', value: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'rs1' }] }])); // 6
    s.fold(patch('a', [{ op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'web' }])); // 7
    for (let i = 0; i < 10; i++) s.fold(patch('a', [{ op: 'replace', path: '/status/phase', value: `P${i}` }])); // 8-17
    const names = (os: readonly KubeObject[]) => os.map((o) => o.metadata.name);
    expect(names(s.at(2).byLabel(pods, 'app', 'web'))).toEqual(['a', 'b']);
    expect(names(s.at(3).byLabel(pods, 'app', 'web'))).toEqual(['b']);
    expect(names(s.at(5).byLabel(pods, 'app', 'web'))).toEqual([]);
    expect(names(s.at(5).byLabel(pods, 'app', 'db'))).toEqual(['a', 'b']);
    expect(names(s.at(2).byLabel(pods, 'app', 'db'))).toEqual([]);
    expect(names(s.at(5).byLabel(pods, 'app.kubernetes.io/name', 'web'))).toEqual(['b']);
    expect(names(s.head().byLabel(pods, 'app.kubernetes.io/name', 'web'))).toEqual(['a', 'b']);
    expect(names(s.head().byLabel({ ...pods, namespace: 'other' }, 'app', 'db'))).toEqual([]);
    expect(names(s.at(3).byOwner('rs1'))).toEqual(['a']);
    expect(names(s.at(4).byOwner('rs1'))).toEqual([]);
    expect(names(s.head().byOwner('rs1'))).toEqual(['b']);
    expect(s.at(12).byLabel(pods, 'tier', 'x')[0]?.status).toEqual({ phase: 'P4' });
  });

  it('keeps views at old revisions exact after many more writes, to many keys', () => {
    const s = createStore({ snapshotInterval: 4 });
    const r = new Recorder();
    const recs: WriteRecord[] = [];
    for (let i = 0; i < 6; i++) recs.push(r.put(pod(`p${i}`, { labels: { app: `a${i % 2}` } })));
    for (const rec of recs) s.fold(rec);
    const early = [s.at(3), s.head()];
    const seen = early.map((v) => JSON.stringify([v.list(pods), v.byLabel(pods, 'app', 'a0'), v.count(pods), v.keys()]));
    for (let n = 0; n < 300; n++) {
      const i = (n * 7) % 6;
      const rec = n % 50 === 49 ? r.write(podKey(`p${i}`), { op: 'remove' }) : phase(r, `p${i}`, `P${n}`);
      recs.push(rec);
      s.fold(rec);
      if (rec.change.op === 'remove') {
        const again = r.put(pod(`p${i}`, { labels: { app: 'again' } }));
        recs.push(again);
        s.fold(again);
      }
    }
    expect(early.map((v) => JSON.stringify([v.list(pods), v.byLabel(pods, 'app', 'a0'), v.count(pods), v.keys()]))).toEqual(seen);
    const want = reference(recs);
    for (const rev of [1, 6, 50, 51, 52, 150, s.rev - 1, s.rev]) {
      const objects = [...want[rev]!].filter(([, o]) => o !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)).map(([, o]) => o);
      expect(s.at(rev).list(pods)).toEqual(objects);
    }
  });

  it('matches a naive eager fold at every revision for every key, read in any order', () => {
    const step = fc.record({ i: fc.integer({ min: 0, max: 3 }), kind: fc.constantFrom('status', 'label', 'remove'), v: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 40 }), (plan, k, reads) => {
        const r = new Recorder();
        const alive = new Set<number>();
        const recs = plan.map(({ i, kind, v }) => {
          const key = podKey(`p${i}`);
          if (!alive.has(i)) return alive.add(i), r.write(key, { op: 'put', object: pod(`p${i}`, { labels: { app: `a${v}` } }) });
          if (kind === 'remove') return alive.delete(i), r.write(key, { op: 'remove' });
          if (kind === 'label') return r.write(key, { op: 'patch', patch: [{ op: 'add', path: '/metadata/labels/app', value: `a${v}` }] });
          return r.write(key, { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: `P${v}` }, { op: 'add', path: `/status/n${v}`, value: { v } }] });
        });
        const s = createStore({ snapshotInterval: k });
        for (const rec of recs) s.fold(rec);
        const want = reference(recs);
        for (const x of reads) {
          const rev = x % (recs.length + 1);
          const key = podKey(`p${x % 4}`);
          expect(s.at(rev).get(key)).toEqual(want[rev]!.get(key));
        }
        for (let rev = recs.length; rev >= 0; rev--) {
          for (let i = 0; i < 4; i++) expect(s.at(rev).get(podKey(`p${i}`))).toEqual(want[rev]!.get(podKey(`p${i}`)));
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('transient heads', () => {
  it('never changes a version once it has been read, and hands out only deep-frozen objects', () => {
    const s = createStore({ snapshotInterval: 100 });
    const r = new Recorder();
    s.fold(r.put(pod('a')));
    s.fold(phase(r, 'a', 'One'));
    s.fold(phase(r, 'a', 'Two'));
    const read = s.head().get(podKey('a'))!;
    const copy = JSON.stringify(read);
    for (let i = 0; i < 5; i++) s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: `N${i}` }, { op: 'add', path: '/metadata/labels', value: { n: `${i}` } }] }));
    expect(JSON.stringify(read)).toBe(copy);
    const head = s.head().get(podKey('a'))!;
    expect(head.status).toEqual({ phase: 'N4' });
    const frozenAll = (o: unknown): boolean => typeof o !== 'object' || o === null || (Object.isFrozen(o) && Object.values(o).every(frozenAll));
    expect(frozenAll(head)).toBe(true);
    expect(frozenAll(s.at(5).get(podKey('a')))).toBe(true);
    expect(s.at(3).get(podKey('a'))).toEqual(JSON.parse(copy));
  });

  it('a write that fails half-way leaves the head as it was', () => {
    const s = createStore({ snapshotInterval: 100 });
    const r = new Recorder();
    s.fold(r.put(pod('a')));
    s.fold(phase(r, 'a', 'One')); // the head's status is now unfrozen, owned by the store
    const bad = r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: 'Broken' }, { op: 'remove', path: '/nope' }] });
    expect(() => s.fold(bad)).toThrow(/revision 3 .*does not apply to revision 2/);
    expect(s.rev).toBe(2);
    expect(s.head().get(podKey('a'))?.status).toEqual({ phase: 'One' });
    expect(s.head().get(podKey('a'))?.metadata.resourceVersion).toBe('2');
    const again = { ...phase(new Recorder(), 'a', 'Two'), rev: 3, prevRev: 2 };
    s.fold(again);
    expect(s.head().get(podKey('a'))?.status).toEqual({ phase: 'Two' });
  });

  it('never aliases an unfrozen container: a copied subtree edited later leaves its source alone', () => {
    const s = createStore({ snapshotInterval: 100 });
    const r = new Recorder();
    s.fold(r.put(pod('a')));
    s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'add', path: '/status/x', value: { n: 1 } }] }));
    s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'copy', from: '/status', path: '/spec/saved' }] }));
    s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/status/x/n', value: 2 }] }));
    const a = s.head().get(podKey('a'))!;
    expect((a.spec as { saved: unknown }).saved).toEqual({ phase: 'Pending', x: { n: 1 } });
    expect(a.status).toEqual({ phase: 'Pending', x: { n: 2 } });
  });

  it('leaves the records it folds intact', () => {
    const s = createStore();
    const r = new Recorder();
    const object = deepFreeze(pod('a'));
    s.fold(r.put(object));
    const patch = r.write(podKey('a'), { op: 'patch', patch: [{ op: 'add', path: '/status/list', value: [1] }] });
    s.fold(patch);
    s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'add', path: '/status/list/-', value: 2 }] }));
    expect(object.status).toEqual({ phase: 'Pending' });
    expect(patch.change).toEqual({ op: 'patch', patch: [{ op: 'add', path: '/status/list', value: [1] }] });
    expect(s.head().get(podKey('a'))?.status).toEqual({ phase: 'Pending', list: [1, 2] });
  });
});
