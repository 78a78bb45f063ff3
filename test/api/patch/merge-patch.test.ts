import { describe, expect, it } from 'vitest';
import { applyMergePatch, mergePatchValue } from '../../../src/api/patch/merge-patch.js';
import { reasonOf } from '../../../src/model/index.js';
import { deepFreeze } from './freeze.js';

describe('applyMergePatch (RFC 7386)', () => {
  const cm = deepFreeze({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1', b: '2' } }, data: { x: '1', y: '2' } });

  it('deletes keys set to null, merges maps, replaces the rest', () => {
    const out = applyMergePatch(cm, { metadata: { labels: { a: null, c: '3' } }, data: { y: null, z: '3' } });
    expect(out).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { b: '2', c: '3' } }, data: { x: '1', z: '3' } });
  });

  it('replaces lists whole', () => {
    const pod = deepFreeze({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } });
    const out = applyMergePatch(pod, { spec: { containers: [{ name: 'c' }] } });
    expect(out.spec.containers).toEqual([{ name: 'c' }]);
  });

  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('RFC 7386 example %#', (target, patch, expected) => {
    expect(mergePatchValue(deepFreeze(target), deepFreeze(patch))).toEqual(expected);
  });

  it('refuses a patch that is not an object', () => {
    expect(reasonOf(catchIt(() => applyMergePatch(cm, ['x'])))).toBe('BadRequest');
  });
});

function catchIt(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
