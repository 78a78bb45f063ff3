import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Tree, emptyTree, treeCountPrefix, treeGet, treeRank, treeRemove, treeScan, treeSet, treeSize } from '../../src/store/sorted-tree.js';

function entries(t: Tree<number>): [string, number][] {
  const out: [string, number][] = [];
  treeScan(t, '', (k, v) => out.push([k, v]));
  return out;
}

describe('sorted-tree', () => {
  it('behaves like a sorted map, and every kept root stays as it was (with and without transients)', () => {
    const op = fc.record({ del: fc.boolean(), k: fc.integer({ min: 0, max: 300 }), seal: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), fc.boolean(), (ops, transient) => {
        let t = emptyTree<number>();
        const model = new Map<string, number>();
        const kept: [Tree<number>, [string, number][]][] = [];
        let edit: object | null = transient ? {} : null;
        ops.forEach(({ del, k, seal }, i) => {
          const key = `k/${k % 7}/${k}`;
          if (del) {
            t = treeRemove(t, key, edit);
            model.delete(key);
          } else {
            t = treeSet(t, key, i, edit);
            model.set(key, i);
          }
          if (seal) {
            kept.push([t, [...model].sort((a, b) => (a[0] < b[0] ? -1 : 1))]);
            if (edit !== null) edit = {};
          }
        });
        const want = [...model].sort((a, b) => (a[0] < b[0] ? -1 : 1));
        expect(entries(t)).toEqual(want);
        expect(treeSize(t)).toBe(model.size);
        for (const [k, v] of model) expect(treeGet(t, k)).toBe(v);
        expect(treeGet(t, 'missing')).toBeUndefined();
        expect(treeCountPrefix(t, 'k/3/')).toBe(want.filter(([k]) => k.startsWith('k/3/')).length);
        expect(treeRank(t, 'k/4')).toBe(want.filter(([k]) => k < 'k/4').length);
        for (const [root, snapshot] of kept) expect(entries(root)).toEqual(snapshot);
      }),
      { numRuns: 100 },
    );
  });
});
