/**
 * The fold's in-place head patching (src/store/head-patch.ts): owned
 * containers are edited in place, shared ones copied, nothing a record or a
 * handed-out version holds is ever changed, and the results equal the
 * generic immutable applier's for random patches of every operation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonPatch, type KubeObject, type WriteRecord, applyJsonPatch, deepFreeze } from '../../src/model/index.js';
import { NOT_TAKEN, OwnedSet, patchOwned } from '../../src/store/head-patch.js';
import { createStore } from '../../src/store/index.js';
import { Recorder, pod, podKey } from './records.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

describe('patchOwned', () => {
  it('edits owned containers in place and copies shared ones once', () => {
    const doc = { a: { b: [1, 2] }, c: { d: 1 } };
    const owned = new OwnedSet();
    const out = patchOwned(doc, [{ op: 'replace', path: '/a/b/0', value: 9 }], owned) as typeof doc;
    expect(out).toEqual({ a: { b: [9, 2] }, c: { d: 1 } });
    expect(doc).toEqual({ a: { b: [1, 2] }, c: { d: 1 } }); // the shared input is untouched
    expect(out.c).toBe(doc.c); // unpatched subtrees are shared
    expect(owned.size).toBe(3); // root, a, a.b
    const again = patchOwned(out, [{ op: 'add', path: '/a/b/-', value: 3 }, { op: 'remove', path: '/a/b/1' }], owned) as typeof doc;
    expect(again).toBe(out); // owned: edited in place
    expect(again.a.b).toEqual([9, 3]);
    expect(owned.size).toBe(3);
  });

  it('owns more than eight containers along a deep path', () => {
    let doc: Record<string, unknown> = { leaf: 0 };
    for (let i = 0; i < 11; i++) doc = { d: doc };
    const path = `${'/d'.repeat(11)}/leaf`;
    const owned = new OwnedSet();
    const out = patchOwned(deepFreeze(doc), [{ op: 'replace', path, value: 1 }], owned);
    expect(owned.size).toBe(12);
    expect(patchOwned(out, [{ op: 'replace', path, value: 2 }], owned)).toBe(out);
    expect(owned.size).toBe(12); // all found owned: nothing copied again
    owned.disown();
    expect(owned.owns(out as object)).toBe(false);
    expect(patchOwned(out, [{ op: 'replace', path, value: 3 }], owned)).not.toBe(out);
  });

  it('rebuilds an object a member is removed from, and never edits inserted values', () => {
    const value = { x: 1 };
    const owned = new OwnedSet();
    const out = patchOwned({ m: { k: 1, j: 2 } }, [{ op: 'add', path: '/m/v', value }, { op: 'remove', path: '/m/k' }], owned) as { m: Record<string, unknown> };
    expect(out).toEqual({ m: { j: 2, v: { x: 1 } } });
    const next = patchOwned(out, [{ op: 'replace', path: '/m/v/x', value: 2 }], owned) as { m: { v: { x: number } } };
    expect(next.m.v).toEqual({ x: 2 });
    expect(value).toEqual({ x: 1 }); // the record's value was copied, not edited
  });

  it('edits nothing for a patch starting with another operation, and stops at one that does not resolve', () => {
    const doc = deepFreeze({ a: { b: 1 } });
    expect(patchOwned(doc, [{ op: 'test', path: '/a/b', value: 1 }], new OwnedSet())).toBe(NOT_TAKEN);
    expect(patchOwned(doc, [{ op: 'replace', path: '', value: {} }], new OwnedSet())).toBe(NOT_TAKEN);
    expect(patchOwned(doc, [{ op: 'add', path: '/__proto__/x', value: 1 }], new OwnedSet())).toBe(NOT_TAKEN);
    expect(patchOwned(doc, [{ op: 'replace', path: '/a/nope', value: 1 }], new OwnedSet())).toBe(NOT_TAKEN);
    expect(patchOwned(doc, [{ op: 'replace', path: '/a/b', value: 2 }, { op: 'move', from: '/a/b', path: '/c' }], new OwnedSet())).toBeUndefined();
    expect(patchOwned(doc, [{ op: 'replace', path: '/a/b', value: 2 }, { op: 'remove', path: '/a/b/c' }], new OwnedSet())).toBeUndefined();
    expect(patchOwned({ l: [1] }, [{ op: 'add', path: '/l/01', value: 2 }], new OwnedSet())).toBe(NOT_TAKEN);
    expect(patchOwned({ l: [1] }, [{ op: 'add', path: '/l/2', value: 2 }], new OwnedSet())).toBe(NOT_TAKEN);
    expect(doc).toEqual({ a: { b: 1 } });
  });
});

/** Every container path in a document (as pointer segments). */
function containers(doc: Json, at: string[] = []): string[][] {
  if (typeof doc !== 'object' || doc === null) return [];
  const out = [at];
  const entries = Array.isArray(doc) ? doc.map((v, i) => [String(i), v] as const) : Object.entries(doc);
  for (const [k, v] of entries) out.push(...containers(v, [...at, k]));
  return out;
}

const ptr = (segs: readonly string[]): string => segs.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/** A valid operation on `doc` chosen by `n` (n picks the container, the operation and the value). */
function validOp(doc: Json, n: number, m: number): JsonPatch[number] {
  const spots = containers(doc).filter((p) => p.length > 0 && p[0] !== 'metadata');
  const at = spots[n % spots.length] as string[];
  let node: Json = doc;
  for (const s of at) node = (node as Record<string, Json>)[s] as Json;
  const value: Json = m % 3 === 0 ? { n: m, l: [m] } : m % 3 === 1 ? [m, { k: 'v' }] : `s${m}`;
  if (Array.isArray(node)) {
    const len = node.length;
    if (len === 0 || m % 4 === 0) return { op: 'add', path: `${ptr(at)}/${m % 2 === 0 ? '-' : String(m % (len + 1))}`, value };
    if (m % 4 === 1) return { op: 'remove', path: `${ptr(at)}/${m % len}` };
    if (m % 4 === 2) return { op: 'test', path: `${ptr(at)}/${m % len}`, value: node[m % len] as Json };
    return { op: 'replace', path: `${ptr(at)}/${m % len}`, value };
  }
  const keys = Object.keys(node as object);
  if (keys.length === 0 || m % 5 === 0) return { op: 'add', path: `${ptr(at)}/k~1${m % 7}`, value };
  const key = keys[m % keys.length] as string;
  if (m % 5 === 1) return { op: 'remove', path: `${ptr([...at, key])}` };
  if (m % 5 === 2) return { op: 'copy', from: ptr([...at, key]), path: `${ptr(at)}/c${m % 3}` };
  return { op: 'replace', path: ptr([...at, key]), value };
}

describe('folding random patches in place', () => {
  it('gives every version the generic applier gives, never changes records or versions handed out, and rolls back a failing write', () => {
    const plan = fc.array(fc.record({ ops: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }), read: fc.boolean(), bad: fc.integer({ min: 0, max: 9 }) }), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(plan, fc.integer({ min: 1, max: 5 }), (steps, k) => {
        const s = createStore({ snapshotInterval: k });
        const r = new Recorder();
        const key = podKey('a');
        const first = r.put(pod('a'));
        const recs: WriteRecord[] = [first];
        const want: (KubeObject | undefined)[] = [undefined, { ...pod('a'), metadata: { ...pod('a').metadata, resourceVersion: '1' } }];
        const stamp = (o: KubeObject, rev: number): KubeObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(rev) } });
        s.fold(first);
        const handedOut: [KubeObject, string][] = [];
        let doc = pod('a') as unknown as Json;
        for (const step of steps) {
          const patch: JsonPatch[number][] = [];
          let next = doc;
          for (const [n, m] of step.ops) {
            const op = validOp(next, n, m);
            patch.push(op);
            next = applyJsonPatch(next, [op]);
          }
          if (step.bad === 0) {
            // A valid start, then an operation that does not apply: nothing may change.
            const change = { op: 'patch' as const, patch: [...patch, { op: 'remove' as const, path: '/status/nope/x' }] };
            const bad: WriteRecord = { type: 'write', rev: s.rev + 1, time: 0, actor: 'user:a', cause: [], observedRev: s.rev, verb: 'patch', key, prevRev: s.latestRev(key), change };
            expect(() => s.fold(bad)).toThrow(/does not apply/);
            expect(s.rev).toBe(recs.length);
          } else {
            const rec = r.write(key, { op: 'patch', patch });
            recs.push(rec);
            s.fold(rec);
            doc = next;
            want.push(stamp(doc as unknown as KubeObject, rec.rev));
          }
          if (step.read) {
            const o = s.head().get(key) as KubeObject;
            handedOut.push([o, JSON.stringify(o)]);
          }
        }
        const copies = JSON.stringify(recs);
        for (let rev = s.rev; rev >= 1; rev--) expect(s.at(rev).get(key)).toEqual(want[rev]);
        expect(s.head().get(key)).toEqual(want[s.rev]);
        for (const [o, json] of handedOut) expect(JSON.stringify(o)).toBe(json);
        expect(JSON.stringify(recs)).toBe(copies);
      }),
      { numRuns: 150 },
    );
  });

  it('gives a version the same JSON key order whether read as the live head or rebuilt later', () => {
    const r = new Recorder();
    const key = podKey('a');
    const recs = [
      r.put(pod('a')),
      r.write(key, { op: 'patch', patch: [{ op: 'add', path: '/metadata/annotations', value: { a: '1' } }] }),
      r.write(key, { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: 'Running' }] }),
      r.write(key, { op: 'patch', patch: [{ op: 'replace', path: '/metadata', value: { name: 'a', namespace: 'default', uid: 'u' } }] }),
      r.write(key, { op: 'patch', patch: [{ op: 'add', path: '/metadata/labels', value: { app: 'x' } }] }),
    ];
    const live = createStore({ snapshotInterval: 100 });
    const seen: string[] = [];
    for (const rec of recs) {
      live.fold(rec);
      seen.push(JSON.stringify(live.head().get(key)));
    }
    const later = createStore({ snapshotInterval: 100 });
    for (const rec of recs) later.fold(rec);
    expect(recs.map((rec) => JSON.stringify(later.at(rec.rev).get(key)))).toEqual(seen);
    expect(Object.keys(later.head().get(key)!.metadata)).toEqual(['name', 'namespace', 'uid', 'resourceVersion', 'labels']);
  });

  it('never edits the object of a put record, nor a snapshot, while patching the head', () => {
    const s = createStore({ snapshotInterval: 2 });
    const r = new Recorder();
    const object = pod('a', { labels: { app: 'x' } });
    const json = JSON.stringify(object);
    s.fold(r.put(object)); // chain index 0: a snapshot shares the record's object
    for (let i = 0; i < 5; i++) {
      s.fold(r.write(podKey('a'), { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: `P${i}` }, { op: 'add', path: '/metadata/labels/app', value: `v${i}` }] }));
    }
    expect(JSON.stringify(object)).toBe(json);
    expect(Object.isFrozen(object)).toBe(false); // nothing read it yet: not even frozen
    expect(s.at(1).get(podKey('a'))?.metadata.labels).toEqual({ app: 'x' });
    expect(s.at(3).get(podKey('a'))?.status).toEqual({ phase: 'P1' }); // a snapshot (index 2)
    expect(s.at(3).get(podKey('a'))?.metadata.resourceVersion).toBe('3');
    expect(s.head().get(podKey('a'))?.metadata).toMatchObject({ resourceVersion: '6', labels: { app: 'v4' } });
    expect(JSON.stringify(object)).toBe(json);
  });
});
