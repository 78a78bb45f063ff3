import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapePointerSegment, formatPointer, parsePointer, unescapePointerSegment } from '../../src/model/index.js';

describe('json-pointer', () => {
  it('escapes ~ before / and unescapes ~1 before ~0', () => {
    expect(escapePointerSegment('a/b~c')).toBe('a~1b~0c');
    expect(unescapePointerSegment('~01')).toBe('~1');
    expect(unescapePointerSegment('~10')).toBe('/0');
    expect(formatPointer(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('/metadata/labels/app.kubernetes.io~1name');
    expect(formatPointer([])).toBe('');
    expect(formatPointer(['items', 0])).toBe('/items/0');
  });

  it('parses RFC 6901 pointers including empty segments', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/')).toEqual(['']);
    expect(parsePointer('/a~1b/~0c//d')).toEqual(['a/b', '~c', '', 'd']);
  });

  it('rejects pointers without a leading slash and bad escapes', () => {
    expect(() => parsePointer('a/b')).toThrow(/must be empty or start with/);
    expect(() => parsePointer('/a~2')).toThrow(/invalid JSON Pointer escape/);
    expect(() => parsePointer('/a~')).toThrow(/invalid JSON Pointer escape/);
  });

  it('round-trips any path', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '/', '~', '0', '1', 'é') })), (path) => {
      expect(parsePointer(formatPointer(path))).toEqual(path);
    }));
  });
});
