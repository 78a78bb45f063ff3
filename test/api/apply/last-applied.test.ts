import { describe, expect, it } from 'vitest';
import {
  LAST_APPLIED_ANNOTATION,
  TOTAL_ANNOTATION_SIZE_LIMIT,
  encodeLastApplied,
  lastAppliedConfig,
  lastAppliedOf,
  withLastApplied,
} from '../../../src/api/apply/last-applied.js';
import type { KubeObject } from '../../../src/model/index.js';
import { deepFreeze } from '../patch/freeze.js';

const cm = (annotations?: Record<string, string>): KubeObject =>
  deepFreeze({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...(annotations === undefined ? {} : { annotations }) }, data: { a: '1' } }) as KubeObject;

describe('encodeLastApplied', () => {
  it('writes what Go writes for an unstructured object: sorted keys at every level, no spaces, a trailing newline', () => {
    const config = { kind: 'ConfigMap', metadata: { name: 'c', labels: { z: '1', a: '2' } }, apiVersion: 'v1', data: { b: 'x', a: 'y' }, list: [{ y: 1, x: null }] };
    expect(encodeLastApplied(config)).toBe(
      '{"apiVersion":"v1","data":{"a":"y","b":"x"},"kind":"ConfigMap","list":[{"x":null,"y":1}],"metadata":{"labels":{"a":"2","z":"1"},"name":"c"}}\n',
    );
  });

  it('escapes <, >, &, U+2028 and U+2029 as Go does and keeps other text as JSON.stringify writes it', () => {
    expect(encodeLastApplied({ k: 'a<b>&c\u2028d\u2029"\n\u0001é' })).toBe('{"k":"a\\u003cb\\u003e\\u0026c\\u2028d\\u2029\\"\\n\\u0001é"}\n');
  });

  it('sorts keys by code point (Go compares UTF-8 bytes), not by UTF-16 unit', () => {
    // U+1F600 is a surrogate pair (0xD83D…) in UTF-16, which sorts before U+FFFD; as UTF-8 bytes it sorts after.
    expect(encodeLastApplied({ '\u{1F600}': 1, '\uFFFD': 2, Z: 3, a: 4 })).toBe('{"Z":3,"a":4,"\uFFFD":2,"\u{1F600}":1}\n');
  });

  it('writes numbers and booleans as Go writes float64 and bool values', () => {
    expect(encodeLastApplied({ i: 3, f: 1.5, big: 1e21, small: 1e-7, t: true })).toBe('{"big":1e+21,"f":1.5,"i":3,"small":1e-7,"t":true}\n');
  });
});

describe('lastAppliedOf and lastAppliedConfig', () => {
  it('reads the annotation only when it is present and non-empty', () => {
    expect(lastAppliedOf(cm({ [LAST_APPLIED_ANNOTATION]: '{}\n' }))).toBe('{}\n');
    expect(lastAppliedOf(cm({ [LAST_APPLIED_ANNOTATION]: '' }))).toBeUndefined();
    expect(lastAppliedOf(cm())).toBeUndefined();
    expect(lastAppliedOf(undefined)).toBeUndefined();
  });

  it('records a configuration without its own last-applied annotation, keeping its other annotations', () => {
    const both = cm({ [LAST_APPLIED_ANNOTATION]: 'old', note: 'n' });
    expect((lastAppliedConfig(both) as KubeObject).metadata.annotations).toEqual({ note: 'n' });
    expect((lastAppliedConfig(cm({ [LAST_APPLIED_ANNOTATION]: 'old' })) as KubeObject).metadata.annotations).toEqual({});
    const none = cm();
    expect(lastAppliedConfig(none)).toBe(none);
  });
});

describe('withLastApplied', () => {
  it('sets the annotation beside the others without touching the input', () => {
    const o = cm({ note: 'n' });
    const out = withLastApplied(o, 'v');
    expect(out.metadata.annotations).toEqual({ note: 'n', [LAST_APPLIED_ANNOTATION]: 'v' });
    expect(o.metadata.annotations).toEqual({ note: 'n' });
  });

  it('keeps the annotation at exactly 256 KiB of annotations and drops it one byte past, as ValidateAnnotationsSize allows', () => {
    const room = TOTAL_ANNOTATION_SIZE_LIMIT - LAST_APPLIED_ANNOTATION.length - 'big'.length - 10;
    const o = cm({ big: 'x'.repeat(room), [LAST_APPLIED_ANNOTATION]: 'old' });
    expect(withLastApplied(o, '0123456789').metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe('0123456789');
    const over = withLastApplied(o, '0123456789a');
    expect(over.metadata.annotations).toEqual({ big: 'x'.repeat(room) });
    // Bytes, not characters: a two-byte character counts twice.
    expect(withLastApplied(o, '012345678é').metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBeUndefined();
  });

  it('removes the annotations map when the dropped annotation was the only one', () => {
    const out = withLastApplied(cm({ [LAST_APPLIED_ANNOTATION]: 'old' }), 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT));
    expect(out.metadata.annotations).toBeUndefined();
    expect(out.metadata.name).toBe('c');
  });
});
