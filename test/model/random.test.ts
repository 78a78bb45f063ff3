import { describe, expect, it } from 'vitest';
import { seededIds, seededRandom } from '../../src/model/index.js';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
  });

  it('stays in range and covers it', () => {
    const r = seededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const v = r.int(6);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(6);
      seen.add(v);
      const f = r.next();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(seen.size).toBe(6);
  });

  it('refuses a non-positive or fractional bound', () => {
    expect(() => seededRandom(1).int(0)).toThrow(RangeError);
    expect(() => seededRandom(1).int(2.5)).toThrow(/positive integer/);
  });
});

describe('seededIds', () => {
  it('makes RFC 4122 v4-shaped uids, reproducibly', () => {
    const u = seededIds(seededRandom(3)).uid();
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seededIds(seededRandom(3)).uid()).toBe(u);
  });

  it("makes generateName suffixes from Kubernetes' alphabet", () => {
    const ids = seededIds(seededRandom(9));
    for (let i = 0; i < 50; i++) expect(ids.suffix()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
