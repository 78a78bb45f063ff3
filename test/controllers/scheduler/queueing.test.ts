import { describe, expect, it } from 'vitest';
import { profileOf } from '../../../src/controllers/scheduler/options.js';
import { backoffMs, flushDelayAfterAttempt, retryAt } from '../../../src/controllers/scheduler/queueing.js';

const profile = profileOf();

describe('scheduling queue timing', () => {
  it('backs off 1 s doubling per attempt up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 9].map((a) => backoffMs(a, profile))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffMs(3, profileOf({ podInitialBackoffSeconds: 2, podMaxBackoffSeconds: 5 }))).toBe(5000);
  });

  it('retries a moved pod when its backoff ends, on the 1 s backoff flush', () => {
    expect(retryAt({ attempts: 1, atMs: 999, rev: 0 }, true, profile)).toBe(2000);
    expect(retryAt({ attempts: 3, atMs: 12_999, rev: 0 }, true, profile)).toBe(17_000);
  });

  it('retries a pod nothing moved at the first 30 s flush past 5 minutes', () => {
    expect(retryAt({ attempts: 1, atMs: 999, rev: 0 }, false, profile)).toBe(330_000);
    expect(retryAt({ attempts: 1, atMs: 29_999, rev: 0 }, false, profile)).toBe(330_000);
    expect(retryAt({ attempts: 1, atMs: 30_999, rev: 0 }, false, profile)).toBe(360_000);
    expect(flushDelayAfterAttempt({ now: 1500, epoch: Date.UTC(2026, 0, 1) }, profile)).toBe(328_500);
  });

  it('refuses a percentageOfNodesToScore outside 0–100', () => {
    expect(() => profileOf({ percentageOfNodesToScore: 101 })).toThrow(RangeError);
  });
});
