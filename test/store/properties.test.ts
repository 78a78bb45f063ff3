/**
 * Properties of the fold over random write sequences: creates, patches of
 * status / labels / spec, removes and re-creates, over a few keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, JsonPatch, WriteRecord } from '../../src/model/index.js';
import { applyJsonPatch } from '../../src/model/index.js';
import { type FoldStore, clusterDocument, createStore } from '../../src/store/index.js';
import { Recorder, pod, podKey } from './records.js';

type Step = { i: number; kind: 'status' | 'label' | 'spec' | 'remove' | 'create'; v: number };

const steps = fc.array(
  fc.record({ i: fc.integer({ min: 0, max: 4 }), kind: fc.constantFrom('status', 'label', 'spec', 'remove', 'create'), v: fc.integer({ min: 0, max: 3 }) }),
  { minLength: 1, maxLength: 40 },
) as fc.Arbitrary<Step[]>;

/** Turns abstract steps into a valid history (a step on an absent key creates it). */
function records(plan: readonly Step[]): WriteRecord[] {
  const r = new Recorder();
  const alive = new Set<number>();
  const ns = (i: number) => (i % 2 === 0 ? 'default' : 'other');
  return plan.map(({ i, kind, v }) => {
    const name = `p${i}`;
    const key = podKey(name, ns(i));
    if (!alive.has(i) || kind === 'create') {
      alive.add(i);
      return r.write(key, { op: 'put', object: pod(name, { ns: ns(i), labels: { app: `a${v}` }, ...(v % 2 ? { owner: `o${v}` } : {}) }) });
    }
    let change: Change;
    if (kind === 'remove') {
      alive.delete(i);
      change = { op: 'remove' };
    } else if (kind === 'status') change = { op: 'patch', patch: [{ op: 'replace', path: '/status/phase', value: `P${v}` }] };
    else if (kind === 'label') change = { op: 'patch', patch: [{ op: 'add', path: '/metadata/labels/app', value: `a${v}` }, { op: 'add', path: `/metadata/labels/k${v}`, value: 'x' }] };
    else change = { op: 'patch', patch: [{ op: 'add', path: '/spec/containers/-', value: { name: `c${v}`, image: 'busybox' } }] };
    return r.write(key, change);
  });
}

function fold(recs: readonly WriteRecord[], interval = 3): FoldStore {
  const s = createStore({ snapshotInterval: interval });
  for (const rec of recs) s.fold(rec);
  return s;
}

const pods = { group: '', resource: 'pods' };

/** Everything observable about a state, in a comparable form. */
function observe(view: ReturnType<FoldStore['head']>): unknown {
  const labelPairs = new Set<string>();
  for (const o of view.list(pods)) for (const [k, v] of Object.entries(o.metadata.labels ?? {})) labelPairs.add(`${k}=${v}`);
  return {
    rev: view.rev,
    objects: view.list(pods),
    versions: view.keys().map((k) => view.versionRev(k)),
    counts: [view.count(), view.count(pods), view.count({ ...pods, namespace: 'other' })],
    labels: [...labelPairs].sort().map((p) => [p, view.byLabel(pods, p.split('=')[0]!, p.split('=')[1]!).map((o) => o.metadata.name)]),
    owners: ['o1', 'o3'].map((u) => view.byOwner(u).map((o) => o.metadata.name)),
  };
}

describe('fold properties', () => {
  it('(1) folding a prefix equals stepping back from the end, for every length', () => {
    fc.assert(
      fc.property(steps, (plan) => {
        const recs = records(plan);
        const full = fold(recs);
        const c = full.cursor();
        for (let n = recs.length; n >= 0; n--) {
          expect(c.rev).toBe(n);
          expect(observe(c.state)).toEqual(observe(fold(recs.slice(0, n)).head()));
          expect(observe(full.at(n))).toEqual(observe(c.state));
          c.back();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('(2) seek(N) then diff(N, M) applied to the state at N gives the state at M', () => {
    fc.assert(
      fc.property(steps, fc.nat(), fc.nat(), (plan, a, b) => {
        const recs = records(plan);
        const s = fold(recs);
        const n = a % (recs.length + 1);
        const m = b % (recs.length + 1);
        const c = s.cursor();
        c.seek(n);
        const patch: JsonPatch = s.diff(n, m);
        expect(applyJsonPatch(clusterDocument(c.state as never), patch)).toEqual(clusterDocument(s.at(m) as never));
        for (const key of s.head().keys().concat(s.at(n).keys())) {
          const one = s.diff(n, m, key);
          const from = s.at(n).get(key);
          expect(from === undefined && one.length === 0 ? undefined : applyJsonPatch(from, one)).toEqual(s.at(m).get(key));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('(3) forward then back returns the same state, for every kind of write', () => {
    fc.assert(
      fc.property(steps, (plan) => {
        const recs = records(plan);
        const s = fold(recs, 5);
        const c = s.cursor(0);
        const kinds = new Set<string>();
        while (c.rev < s.rev) {
          const before = observe(c.state);
          c.forward();
          kinds.add(c.record!.change.op);
          c.back();
          expect(observe(c.state)).toEqual(before);
          c.forward();
        }
        return kinds.size > 0;
      }),
      { numRuns: 60 },
    );
  });
});
