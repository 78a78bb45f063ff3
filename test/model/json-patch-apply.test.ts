import fc from 'fast-check';
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, getByPointer, isJsonPatchError, jsonEqual } from '../../src/model/index.js';

const doc = () => ({ a: { b: [1, 2, 3], c: 'x' }, d: { e: { f: 1 } } });

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isJsonPatchError(e) ? e.code : `other: ${String(e)}`;
  }
  return undefined;
}

describe('applyJsonPatch', () => {
  it('applies every RFC 6902 operation', () => {
    const d = doc();
    expect(applyJsonPatch(d, [{ op: 'add', path: '/a/b/1', value: 9 }]).a.b).toEqual([1, 9, 2, 3]);
    expect(applyJsonPatch(d, [{ op: 'add', path: '/a/b/-', value: 9 }]).a.b).toEqual([1, 2, 3, 9]);
    expect(applyJsonPatch(d, [{ op: 'add', path: '/a/n', value: { z: 1 } }]).a).toEqual({ b: [1, 2, 3], c: 'x', n: { z: 1 } });
    expect(applyJsonPatch(d, [{ op: 'remove', path: '/a/b/0' }]).a.b).toEqual([2, 3]);
    expect(applyJsonPatch(d, [{ op: 'remove', path: '/a/c' }]).a).toEqual({ b: [1, 2, 3] });
    expect(applyJsonPatch(d, [{ op: 'replace', path: '/a/c', value: 'y' }]).a.c).toBe('y');
    expect(applyJsonPatch(d, [{ op: 'move', from: '/a/c', path: '/d/c' }])).toEqual({ a: { b: [1, 2, 3] }, d: { e: { f: 1 }, c: 'x' } });
    expect(applyJsonPatch(d, [{ op: 'copy', from: '/d/e', path: '/a/e' }]).a).toEqual({ b: [1, 2, 3], c: 'x', e: { f: 1 } });
    expect(applyJsonPatch(d, [{ op: 'test', path: '/d', value: { e: { f: 1 } } }])).toBe(d);
    expect(d).toEqual(doc());
  });

  it('supports the root pointer', () => {
    expect(applyJsonPatch(doc(), [{ op: 'replace', path: '', value: { z: 1 } }])).toEqual({ z: 1 });
    expect(applyJsonPatch(doc(), [{ op: 'add', path: '', value: [1] }])).toEqual([1]);
    expect(applyJsonPatch(doc(), [{ op: 'remove', path: '' }])).toBeUndefined();
  });

  it('shares untouched subtrees, freezes the result and never touches the input', () => {
    const d = doc();
    const out = applyJsonPatch(d, [
      { op: 'replace', path: '/a/c', value: 'y' },
      { op: 'add', path: '/a/k', value: { deep: { v: 1 } } },
    ]);
    expect(out.d).toBe(d.d);
    expect(out.a.b).toBe(d.a.b);
    expect(out.a).not.toBe(d.a);
    expect(d.a.c).toBe('x');
    expect(Object.isFrozen(out)).toBe(true);
    expect(Object.isFrozen(out.a)).toBe(true);
    expect(Object.isFrozen((out.a as unknown as { k: { deep: object } }).k.deep)).toBe(true);
    expect(Object.isFrozen(d)).toBe(false);
  });

  it('reports failures with a code and the operation index, atomically', () => {
    const d = doc();
    expect(code(() => applyJsonPatch(d, [{ op: 'replace', path: '/a/c', value: 1 }, { op: 'remove', path: '/nope' }]))).toBe('PATH_UNRESOLVABLE');
    expect(d).toEqual(doc());
    expect(code(() => applyJsonPatch(d, [{ op: 'replace', path: '/a/zz', value: 1 }]))).toBe('PATH_UNRESOLVABLE');
    expect(code(() => applyJsonPatch(d, [{ op: 'add', path: '/a/b/7', value: 1 }]))).toBe('INVALID_INDEX');
    expect(code(() => applyJsonPatch(d, [{ op: 'add', path: '/a/b/01', value: 1 }]))).toBe('INVALID_INDEX');
    expect(code(() => applyJsonPatch(d, [{ op: 'remove', path: '/a/b/3' }]))).toBe('INVALID_INDEX');
    expect(code(() => applyJsonPatch(d, [{ op: 'add', path: '/a/c/x', value: 1 }]))).toBe('PATH_UNRESOLVABLE');
    expect(code(() => applyJsonPatch(d, [{ op: 'test', path: '/a/c', value: 'no' }]))).toBe('TEST_FAILED');
    expect(code(() => applyJsonPatch(d, [{ op: 'move', from: '/a', path: '/a/x' }]))).toBe('MOVE_INTO_ITSELF');
    expect(code(() => applyJsonPatch(d, [{ op: 'add', path: 'a', value: 1 }]))).toBe('INVALID_POINTER');
    expect(code(() => applyJsonPatch(d, [{ op: 'add', path: '/a' } as Operation]))).toBe('INVALID_OPERATION');
    expect(code(() => applyJsonPatch(d, [{ op: 'bogus', path: '/a' } as unknown as Operation]))).toBe('INVALID_OPERATION');
    try {
      applyJsonPatch(d, [{ op: 'test', path: '/a/c', value: 'x' }, { op: 'remove', path: '/q' }]);
    } catch (e) {
      expect(isJsonPatchError(e) && e.index).toBe(1);
    }
  });

  it('treats __proto__ as an ordinary member', () => {
    const out = applyJsonPatch({} as Record<string, unknown>, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('reads by pointer', () => {
    expect(getByPointer(doc(), '/a/b/2')).toBe(3);
    expect(getByPointer(doc(), '/a/b/9')).toBeUndefined();
  });

  it('agrees with fast-json-patch on random documents and patches', () => {
    const json = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.constantFrom('x', 'y'), tie('o'), tie('a')),
      o: fc.dictionary(fc.constantFrom('a', 'b', 'c/d', 'e~f'), tie('v'), { maxKeys: 3 }),
      a: fc.array(tie('v'), { maxLength: 3 }),
    }));
    const ptr = fc.array(fc.constantFrom('a', 'b', 'c~1d', 'e~0f', '0', '1', '-'), { minLength: 1, maxLength: 3 }).map((s) => s.map((x) => `/${x}`).join(''));
    const op: fc.Arbitrary<Operation> = fc.oneof(
      fc.record({ op: fc.constant('add' as const), path: ptr, value: json.v }),
      fc.record({ op: fc.constant('remove' as const), path: ptr }),
      fc.record({ op: fc.constant('replace' as const), path: ptr, value: json.v }),
      fc.record({ op: fc.constant('move' as const), from: ptr, path: ptr }),
      fc.record({ op: fc.constant('copy' as const), from: ptr, path: ptr }),
      fc.record({ op: fc.constant('test' as const), path: ptr, value: json.v }),
    );
    fc.assert(
      fc.property(json.o, fc.array(op, { maxLength: 4 }), (d, patch) => {
        const before = JSON.stringify(d);
        let want: unknown;
        let wantOk = true;
        try {
          want = jsonpatch.applyPatch(jsonpatch.deepClone(d), jsonpatch.deepClone(patch) as Operation[], true, false).newDocument;
        } catch {
          wantOk = false;
        }
        let got: unknown;
        let gotOk = true;
        try {
          got = applyJsonPatch(d, patch);
        } catch (e) {
          gotOk = false;
          expect(isJsonPatchError(e)).toBe(true);
        }
        expect(JSON.stringify(d)).toBe(before);
        expect(gotOk).toBe(wantOk);
        if (gotOk) expect(jsonEqual(got, want)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
