/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read into untyped JSON results */
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../src/api/patch/json-patch.js';
import { reasonOf, asStatus } from '../../../src/model/index.js';
import { deepFreeze } from './freeze.js';

const pod = deepFreeze({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'web', 'a/b': 'x' } },
  spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] },
});

function failure(f: () => unknown): { reason: string | undefined; message: string } {
  try {
    f();
  } catch (e) {
    return { reason: reasonOf(e), message: asStatus(e)?.message ?? String(e) };
  }
  throw new Error('expected a failure');
}

describe('applyJsonPatch', () => {
  it.each([
    ['add a key', [{ op: 'add', path: '/metadata/labels/tier', value: 'fe' }], (o: any) => o.metadata.labels.tier, 'fe'],
    ['add to end of list', [{ op: 'add', path: '/spec/containers/-', value: { name: 'c' } }], (o: any) => o.spec.containers.map((c: any) => c.name), ['a', 'b', 'c']],
    ['insert into list', [{ op: 'add', path: '/spec/containers/0', value: { name: 'z' } }], (o: any) => o.spec.containers.map((c: any) => c.name), ['z', 'a', 'b']],
    ['remove', [{ op: 'remove', path: '/spec/containers/0' }], (o: any) => o.spec.containers.map((c: any) => c.name), ['b']],
    ['replace', [{ op: 'replace', path: '/spec/containers/1/image', value: 'redis:7' }], (o: any) => o.spec.containers[1].image, 'redis:7'],
    ['escaped key', [{ op: 'replace', path: '/metadata/labels/a~1b', value: 'y' }], (o: any) => o.metadata.labels['a/b'], 'y'],
    ['move', [{ op: 'move', from: '/metadata/labels/app', path: '/metadata/labels/name' }], (o: any) => o.metadata.labels, { 'a/b': 'x', name: 'web' }],
    ['copy', [{ op: 'copy', from: '/spec/containers/0', path: '/spec/containers/-' }], (o: any) => o.spec.containers[2], { name: 'a', image: 'nginx' }],
    ['test then replace', [{ op: 'test', path: '/metadata/name', value: 'p' }, { op: 'replace', path: '/metadata/name', value: 'q' }], (o: any) => o.metadata.name, 'q'],
  ])('%s', (_name, patch, pick, expected) => {
    const out = applyJsonPatch(pod, patch);
    expect(pick(out)).toEqual(expected);
  });

  it('leaves the input untouched and shares nothing mutable with the patch', () => {
    const value = { name: 'c' };
    const out = applyJsonPatch(pod, [{ op: 'add', path: '/spec/containers/-', value }]) as any;
    out.spec.containers[2].name = 'changed';
    expect(value.name).toBe('c');
    expect(pod.spec.containers).toHaveLength(2);
  });

  it.each([
    ['missing path on replace', [{ op: 'replace', path: '/spec/nodeName', value: 'n' }], 'Invalid', /operation 0 \(replace "\/spec\/nodeName"\): path not found/],
    ['failed test', [{ op: 'add', path: '/metadata/labels/x', value: '1' }, { op: 'test', path: '/metadata/name', value: 'other' }], 'Invalid', /operation 1 \(test "\/metadata\/name"\): test failed/],
    ['index out of range', [{ op: 'add', path: '/spec/containers/5', value: {} }], 'Invalid', /index 5 is out of range/],
    ['remove missing', [{ op: 'remove', path: '/spec/volumes' }], 'Invalid', /path not found/],
    ['leading zero index', [{ op: 'remove', path: '/spec/containers/01' }], 'Invalid', /path not found/],
    ['move into own child', [{ op: 'move', from: '/spec', path: '/spec/x' }], 'Invalid', /its children/],
    ['unknown op', [{ op: 'frobnicate', path: '/a' }], 'BadRequest', /operation 0: unknown op "frobnicate"/],
    ['missing value', [{ op: 'add', path: '/a' }], 'BadRequest', /missing value/],
    ['bad pointer', [{ op: 'remove', path: 'spec' }], 'BadRequest', /not a JSON pointer/],
    ['not an array', { op: 'add' }, 'BadRequest', /must be an array/],
    ['root replaced by a non-object', [{ op: 'replace', path: '', value: 3 }], 'Invalid', /not an object/],
  ])('refuses %s', (_name, patch, reason, message) => {
    const f = failure(() => applyJsonPatch(pod, patch));
    expect(f.reason).toBe(reason);
    expect(f.message).toMatch(message);
  });

  it('refuses more than 10000 operations with 413', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Pod' }));
    expect(failure(() => applyJsonPatch(pod, ops)).reason).toBe('RequestEntityTooLarge');
  });
});
