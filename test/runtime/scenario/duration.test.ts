import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../src/runtime/scenario/duration.js';

describe('parseDuration', () => {
  it('reads Go-style durations and bare milliseconds', () => {
    expect(parseDuration('300ms')).toBe(300);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration(42)).toBe(42);
  });

  it('refuses anything else with the accepted forms', () => {
    expect(() => parseDuration('5 minutes')).toThrow(/like 300ms, 30s, 5m or 1h30m/);
    expect(() => parseDuration('')).toThrow();
    expect(() => parseDuration('10d')).toThrow();
    expect(() => parseDuration(-1)).toThrow(/non-negative/);
  });
});
