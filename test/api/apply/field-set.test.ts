import { describe, expect, it } from 'vitest';
import { FieldSet, decodeFieldsV1, encodeFieldsV1 } from '../../../src/api/apply/field-set.js';
import { fieldSetOf, compareObjects } from '../../../src/api/apply/field-set-of.js';
import { rootCtx } from '../../../src/api/apply/object-shape.js';
import { keyEl, pathString, valueEl } from '../../../src/api/apply/path-element.js';
import { reasonOf } from '../../../src/model/index.js';
import { deepFreeze } from '../patch/freeze.js';

const p = (...els: string[]): string[] => els;

describe('FieldSet and FieldsV1', () => {
  const fieldsV1 = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } }, 'f:replicas': {} },
  };

  it('decodes and encodes FieldsV1 round trip, `.` marking a member with children', () => {
    const s = decodeFieldsV1(fieldsV1);
    expect(s.has(p('f:metadata', 'f:labels'))).toBe(true);
    expect(s.has(p('f:metadata'))).toBe(false);
    expect(s.has(p('f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'))).toBe(true);
    expect(encodeFieldsV1(s)).toEqual(fieldsV1);
    expect(s.paths().map(pathString)).toEqual([
      '.metadata.labels',
      '.metadata.labels.app',
      '.spec.containers[name="nginx"]',
      '.spec.containers[name="nginx"].image',
      '.spec.containers[name="nginx"].name',
      '.spec.replicas',
    ]);
  });

  it('refuses malformed FieldsV1', () => {
    expect(reasonOf(catchIt(() => decodeFieldsV1({ 'x:y': {} })))).toBe('BadRequest');
    expect(reasonOf(catchIt(() => decodeFieldsV1({ 'f:a': 3 })))).toBe('BadRequest');
  });

  it('computes union, intersection, difference and recursive difference', () => {
    const a = FieldSet.of([p('f:a'), p('f:a', 'f:b'), p('f:c')]);
    const b = FieldSet.of([p('f:a'), p('f:d')]);
    expect(a.union(b).paths()).toEqual([p('f:a'), p('f:a', 'f:b'), p('f:c'), p('f:d')]);
    expect(a.intersection(b).paths()).toEqual([p('f:a')]);
    expect(a.difference(b).paths()).toEqual([p('f:a', 'f:b'), p('f:c')]);
    expect(a.recursiveDifference(b).paths()).toEqual([p('f:c')]);
    expect(a.difference(a).isEmpty).toBe(true);
    expect(FieldSet.of([p('f:x', 'f:y')]).withNamedAncestors().paths()).toEqual([p('f:x'), p('f:x', 'f:y')]);
  });

  it('orders fields before keys, values and indexes', () => {
    const s = FieldSet.of([p('i:1'), p('v:"x"'), p('k:{"a":1}'), p('f:z'), p('i:0')]);
    expect(s.paths().map((x) => x[0])).toEqual(['f:z', 'k:{"a":1}', 'v:"x"', 'i:0', 'i:1']);
  });
});

describe('fieldSetOf', () => {
  const deploy = deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a/b'] },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        spec: {
          containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], args: ['-x'] }],
          tolerations: [{ key: 'k', operator: 'Exists' }],
        },
      },
    },
  });

  it('keys associative lists by their merge keys (with defaults), sets by value, atomic lists and structs as leaves', () => {
    const s = fieldSetOf(deploy, rootCtx('apps/v1', 'Deployment'));
    const c = ['f:spec', 'f:template', 'f:spec', 'f:containers', keyEl({ name: 'nginx' })];
    expect(s.has(c)).toBe(true);
    expect(s.has([...c, 'f:ports', 'k:{"containerPort":80,"protocol":"TCP"}'])).toBe(true);
    expect(s.has([...c, 'f:ports', 'k:{"containerPort":80,"protocol":"TCP"}', 'f:containerPort'])).toBe(true);
    expect(s.has([...c, 'f:args'])).toBe(true);
    expect(s.hasPrefix([...c, 'f:args', 'i:0'])).toBe(false);
    expect(s.has(p('f:spec', 'f:selector'))).toBe(true);
    expect(s.hasPrefix(p('f:spec', 'f:selector', 'f:matchLabels'))).toBe(false);
    expect(s.has(p('f:spec', 'f:template', 'f:spec', 'f:tolerations'))).toBe(true);
    expect(s.has(p('f:metadata', 'f:finalizers', valueEl('a/b')))).toBe(true);
    expect(s.has(p('f:spec'))).toBe(false);
  });

  it('refuses, when strict, a keyed item without its key', () => {
    const bad = { ...deploy, spec: { template: { spec: { containers: [{ image: 'x' }] } } } };
    expect(reasonOf(catchIt(() => fieldSetOf(bad, rootCtx('apps/v1', 'Deployment'), true)))).toBe('BadRequest');
    expect(fieldSetOf(bad, rootCtx('apps/v1', 'Deployment')).has(p('f:spec', 'f:template', 'f:spec', 'f:containers', 'i:0'))).toBe(true);
  });

  it('compares: new maps and items are paths themselves; leaves are modified', () => {
    const ctx = rootCtx('v1', 'ConfigMap');
    const cmp = compareObjects({ data: { a: '1', b: '2' } }, { data: { a: '9' }, metadata: { labels: { x: 'y' } } }, ctx);
    expect(cmp.modified.paths()).toEqual([p('f:data', 'f:a')]);
    expect(cmp.removed.paths()).toEqual([p('f:data', 'f:b')]);
    expect(cmp.added.paths()).toEqual([p('f:metadata'), p('f:metadata', 'f:labels'), p('f:metadata', 'f:labels', 'f:x')]);
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
