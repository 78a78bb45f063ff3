import { describe, expect, it } from 'vitest';
import { jsonKeyOccurrences, yamlDuplicateKeys } from '../../src/http/duplicate-fields.js';
import { pointerSegments } from '../../src/http/patch-field-schema.js';

describe('duplicate keys', () => {
  it('lists JSON keys with their paths in document order, marking repeats within one object', () => {
    const text = '{"a": {"b": 1, "c": "x\\"}", "b": [1, {"d": null}]}, "e": [], "f": {}, "a": true, "s\\u00e9": "]"}';
    expect(jsonKeyOccurrences(text)).toEqual([
      { path: ['a'], duplicate: false },
      { path: ['a', 'b'], duplicate: false },
      { path: ['a', 'c'], duplicate: false },
      { path: ['a', 'b'], duplicate: true },
      { path: ['a', 'b', 1, 'd'], duplicate: false },
      { path: ['e'], duplicate: false },
      { path: ['f'], duplicate: false },
      { path: ['a'], duplicate: true },
      { path: ['sé'], duplicate: false },
    ]);
    expect(jsonKeyOccurrences('[{"x": 1}, {"x": 2, "x": 3}]').map((k) => k.duplicate)).toEqual([false, false, true]);
  });

  it('gives up quietly on a body nested too deeply to scan', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(jsonKeyOccurrences(deep)).toEqual([]);
  });

  it('reports repeated YAML keys as go-yaml does, by line, in flow and block style', () => {
    expect(yamlDuplicateKeys('a: 1\nb:\n  c: 1\n  c: 2\na: 3\n')).toEqual(['line 4: key "c" already set in map', 'line 5: key "a" already set in map']);
    expect(yamlDuplicateKeys('{"x": 1,\n "x": 2}')).toEqual(['line 2: key "x" already set in map']);
    expect(yamlDuplicateKeys('a: 1\nb: 2\n')).toEqual([]);
  });

  it('reads JSON Pointers into path segments', () => {
    expect(pointerSegments('/spec/containers/0/image')).toEqual(['spec', 'containers', 0, 'image']);
    expect(pointerSegments('/metadata/labels/a~1b~0c')).toEqual(['metadata', 'labels', 'a/b~c']);
    expect(pointerSegments('/items/-')).toEqual(['items', 0]);
    expect(pointerSegments('')).toEqual([]);
  });
});
