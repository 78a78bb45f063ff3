import { describe, expect, it } from 'vitest';
import { isBadRequest, isExpired, isInternalError, reasonOf } from '../../src/model/index.js';
import { checkpointOf, createStore } from '../../src/store/index.js';
import { Recorder, pod, podKey } from './records.js';

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('fold', () => {
  it('puts, patches and removes, stamping resourceVersion on frozen versions', () => {
    const s = createStore();
    const r = new Recorder();
    const original = pod('a', { labels: { app: 'web' } });
    s.fold(r.put(original));
    s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: 'Running' }] }));
    const v2 = s.head().get(podKey('a'));
    expect(v2?.metadata.resourceVersion).toBe('2');
    expect(v2?.status).toEqual({ phase: 'Running' });
    expect(Object.isFrozen(v2)).toBe(true);
    expect(Object.isFrozen(v2?.metadata)).toBe(true);
    expect(v2?.spec).toBe(s.at(1).get(podKey('a'))?.spec); // structural sharing
    expect(s.at(1).get(podKey('a'))?.metadata.resourceVersion).toBe('1');
    expect(original.metadata.resourceVersion).toBeUndefined();
    s.fold(r.write(podKey('a'), { op: 'remove' }));
    expect(s.head().get(podKey('a'))).toBeUndefined();
    expect(s.head().versionRev(podKey('a'))).toBe(0);
    expect(s.at(2).versionRev(podKey('a'))).toBe(2);
    expect(s.rev).toBe(3);
    expect(s.versions(podKey('a'))).toEqual([1, 2, 3]);
    expect(s.latestRev(podKey('a'))).toBe(3);
  });

  it('rejects a corrupt history and says which', () => {
    const s = createStore();
    const r = new Recorder();
    s.fold(r.put(pod('a')));
    const gap = { ...r.put(pod('b')), rev: 5 };
    expect(String((caught(() => s.fold(gap)) as Error).message)).toMatch(/revision 5 .*not head \+ 1 \(head is 1\)/);
    const badPrev = { ...r.write(podKey('a'), { op: 'remove' }), rev: 2, prevRev: 0 };
    const e = caught(() => s.fold(badPrev));
    expect(isInternalError(e)).toBe(true);
    expect((e as Error).message).toMatch(/core\/pods\/default\/a.*prevRev 0 does not match the key's latest revision 1/);
    const r2 = new Recorder();
    expect((caught(() => createStore().fold(r2.write(podKey('x'), { op: 'patch', patch: [] }))) as Error).message).toMatch(/does not exist/);
    const r3 = new Recorder();
    const s3 = createStore();
    s3.fold(r3.put(pod('a')));
    const bad = r3.write(podKey('a'), { op: 'patch', patch: [{ op: 'remove', path: '/nope' }] });
    expect((caught(() => s3.fold(bad)) as Error).message).toMatch(/revision 2 .*does not apply to revision 1/);
    expect(s3.rev).toBe(1); // nothing changed
  });

  it('rejects a patch that leaves no object metadata to stamp, changing nothing', () => {
    const s = createStore();
    const r = new Recorder();
    s.fold(r.put(pod('a')));
    s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: 'Running' }] })); // head unread: transient
    for (const value of ['gone', ['x'], null]) {
      const bad = r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: 'Failed' }, { op: 'replace', path: '/metadata', value }] });
      const e = caught(() => s.fold({ ...bad, rev: 3, prevRev: 2 }));
      expect(isInternalError(e)).toBe(true);
      expect((e as Error).message).toMatch(/revision 3 .*patch left no object with metadata/);
    }
    expect(s.rev).toBe(2);
    const head = s.head().get(podKey('a'));
    expect(head?.status).toEqual({ phase: 'Running' });
    expect(head?.metadata.resourceVersion).toBe('2');
    expect(Object.isFrozen(head?.metadata)).toBe(true);
  });

  it('indexes by scope, label and owner at every revision', () => {
    const s = createStore();
    const r = new Recorder();
    s.fold(r.put(pod('a', { labels: { app: 'web' }, owner: 'rs1' })));
    s.fold(r.put(pod('b', { ns: 'other', labels: { app: 'web' } })));
    s.fold(r.put(pod('c', { labels: { app: 'db' }, owner: 'rs1' })));
    s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/metadata/labels/app', value: 'db' }] }));
    s.fold(r.write(podKey('c'), { op: 'patch', patch: [{ op: 'remove', path: '/metadata/ownerReferences' }] }));
    s.fold(r.write('apps/deployments/default/d', { op: 'put', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' } } }));
    const pods = { group: '', resource: 'pods' };
    const h = s.head();
    expect(h.keys(pods)).toEqual([podKey('a'), podKey('c'), podKey('b', 'other')]);
    expect(h.count()).toBe(4);
    expect(h.count(pods)).toBe(3);
    expect(h.count({ ...pods, namespace: 'default' })).toBe(2);
    expect(h.list({ ...pods, namespace: 'other' }).map((o) => o.metadata.name)).toEqual(['b']);
    expect(h.list(pods, (o) => o.metadata.name !== 'a').map((o) => o.metadata.name)).toEqual(['c', 'b']);
    expect(h.byLabel(pods, 'app', 'db').map((o) => o.metadata.name)).toEqual(['a', 'c']);
    expect(h.byLabel({ ...pods, namespace: 'other' }, 'app', 'web').map((o) => o.metadata.name)).toEqual(['b']);
    expect(h.byOwner('rs1').map((o) => o.metadata.name)).toEqual(['a']);
    expect(h.keys({ group: 'apps', resource: 'deployments' })).toEqual(['apps/deployments/default/d']);
    const at3 = s.at(3);
    expect(at3.byLabel(pods, 'app', 'web').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(at3.byOwner('rs1').map((o) => o.metadata.name)).toEqual(['a', 'c']);
    expect(s.at(0).count()).toBe(0);
  });

  it('answers history queries', () => {
    const s = createStore();
    const r = new Recorder();
    s.fold(r.put(pod('a')));
    s.fold(r.put(pod('b'), { actor: 'controller:rs' }));
    s.fold(r.write(podKey('a'), { op: 'patch', patch: [] }, { verb: 'update', actor: 'controller:rs' }));
    s.fold(r.write(podKey('b'), { op: 'remove' }));
    expect(s.writes({ actor: 'controller:rs' }).map((w) => w.rev)).toEqual([2, 3]);
    expect(s.writes({ verb: 'create' }).map((w) => w.rev)).toEqual([1, 2]);
    expect(s.writes({ key: podKey('b') }).map((w) => w.rev)).toEqual([2, 4]);
    expect(s.writes({ actor: 'controller:rs', verb: 'update' }).map((w) => w.rev)).toEqual([3]);
    expect(s.writes({ fromRev: 2, toRev: 3 }).map((w) => w.rev)).toEqual([2, 3]);
    expect(s.writes({ key: podKey('a'), fromRev: 2 }).map((w) => w.rev)).toEqual([3]);
    expect(s.write(4)?.change.op).toBe('remove');
    expect(s.write(9)).toBeUndefined();
  });

  it('rejects revisions outside the kept history with Status errors', () => {
    const s = createStore();
    const r = new Recorder();
    s.fold(r.put(pod('a')));
    expect(isBadRequest(caught(() => s.at(2)))).toBe(true);
    const base = createStore({ base: checkpointOf(s.head()) });
    expect(base.compactedRev).toBe(1);
    expect(reasonOf(caught(() => base.at(0)))).toBe('Expired');
    expect(isExpired(caught(() => base.diff(0, 1)))).toBe(true);
  });

  it('keeps an old view unchanged while folding on', () => {
    const s = createStore({ snapshotInterval: 4 });
    const r = new Recorder();
    s.fold(r.put(pod('a', { labels: { app: 'web' } })));
    s.fold(r.put(pod('b', { labels: { app: 'web' } })));
    const old = s.head();
    const oldAt = s.at(1);
    const before = JSON.stringify([old.keys(), old.list({ group: '', resource: 'pods' }), old.byLabel({ group: '', resource: 'pods' }, 'app', 'web').length]);
    for (let i = 0; i < 20; i++) {
      s.fold(r.put(pod(`n${i}`, { labels: { app: 'web' } })));
      s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/metadata/labels/app', value: `v${i}` }] }));
    }
    s.fold(r.write(podKey('b'), { op: 'remove' }));
    expect(JSON.stringify([old.keys(), old.list({ group: '', resource: 'pods' }), old.byLabel({ group: '', resource: 'pods' }, 'app', 'web').length])).toBe(before);
    expect(old.rev).toBe(2);
    expect(oldAt.keys()).toEqual([podKey('a')]);
    expect(s.head().count()).toBe(21);
  });

  it('produces checkpoints and starts from one', () => {
    const s = createStore({ snapshotInterval: 3 });
    const r = new Recorder();
    s.fold(r.put(pod('b', { labels: { app: 'x' } })));
    s.fold(r.put(pod('a')));
    s.fold(r.write(podKey('b'), { op: 'patch', patch: [{ op: 'add', path: '/status/ready', value: true }] }));
    s.fold(r.put(pod('c')));
    s.fold(r.write(podKey('c'), { op: 'remove' }));
    const cp = checkpointOf(s.at(4));
    expect(cp.rev).toBe(4);
    expect(cp.entries.map((e) => [e.key, e.rev])).toEqual([[podKey('a'), 2], [podKey('b'), 3], [podKey('c'), 4]]);
    expect(cp.entries[0]?.object.metadata.resourceVersion).toBeUndefined();
    const t = createStore({ base: cp });
    expect(t.rev).toBe(4);
    expect(t.head().get(podKey('b'))).toEqual(s.at(4).get(podKey('b')));
    expect(t.head().byLabel({ group: '', resource: 'pods' }, 'app', 'x')).toHaveLength(1);
    t.fold(s.write(5)!);
    expect(t.head().keys()).toEqual(s.head().keys());
    expect(t.cursor(5).back()).toBe(true);
    expect(t.cursor(4).back()).toBe(false);
    expect(() => createStore({ base: { rev: 1, entries: [{ key: 'b/b/b/b', rev: 1, object: pod('x') }, { key: 'a/a/a/a', rev: 1, object: pod('y') }] } })).toThrow(/not sorted/);
  });
});
