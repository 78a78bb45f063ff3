import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../../src/debug/import/json-error-offset.js';

describe('jsonErrorOffset', () => {
  it('is undefined exactly for text JSON.parse accepts', () => {
    for (const ok of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"k": []}] ', '"x"', '0']) {
      expect(() => JSON.parse(ok)).not.toThrow();
      expect(jsonErrorOffset(ok)).toBeUndefined();
    }
  });
  it('names the first character that cannot continue valid JSON', () => {
    expect(jsonErrorOffset('{"a": v1}')).toBe(6);
    expect(jsonErrorOffset('{"a": 1,, "b": 2}')).toBe(8);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": "\\q"}')).toBe(8);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
    expect(jsonErrorOffset('{} x')).toBe(3);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
  });
});
