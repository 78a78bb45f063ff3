import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration } from '../../../src/api/table/index.js';
import { since, timeOf } from '../../../src/api/table/human-duration.js';
import { DAY, HOUR, MIN, NOW, SEC, ago } from './fixtures.js';

const YEAR = 365 * DAY;

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [-2 * SEC, '<invalid>'],
    [-1999, '0s'],
    [-1 * SEC, '0s'],
    [-999, '0s'],
    [0, '0s'],
    [999, '0s'],
    [45 * SEC, '45s'],
    [119 * SEC + 999, '119s'],
    [120 * SEC, '2m'],
    [121 * SEC, '2m1s'],
    [200 * SEC, '3m20s'],
    [5 * MIN, '5m'],
    [10 * MIN - 1, '9m59s'],
    [10 * MIN, '10m'],
    [10 * MIN + 59 * SEC, '10m'],
    [179 * MIN, '179m'],
    [3 * HOUR, '3h'],
    [4 * HOUR + 5 * MIN, '4h5m'],
    [8 * HOUR - 1, '7h59m'],
    [8 * HOUR, '8h'],
    [47 * HOUR + 59 * MIN, '47h'],
    [48 * HOUR, '2d'],
    [2 * DAY + 3 * HOUR, '2d3h'],
    [8 * DAY - 1, '7d23h'],
    [8 * DAY, '8d'],
    [2 * YEAR - 1, '729d'],
    [2 * YEAR, '2y'],
    [3 * YEAR + 20 * DAY, '3y20d'],
    [8 * YEAR - DAY, '7y364d'],
    [8 * YEAR, '8y'],
    [12 * YEAR + 100 * DAY, '12y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-2 * SEC, '<invalid>'],
    [-SEC, '0s'],
    [59 * SEC, '59s'],
    [60 * SEC, '1m'],
    [59 * MIN + 59 * SEC, '59m'],
    [HOUR, '1h'],
    [23 * HOUR + 59 * MIN, '23h'],
    [DAY, '1d'],
    [364 * DAY, '364d'],
    [YEAR, '1y'],
    [3 * YEAR + 200 * DAY, '3y'],
  ])('%d ms → %s', (ms, text) => {
    expect(shortHumanDuration(ms)).toBe(text);
  });
});

describe('since', () => {
  it('measures to the given now, not the wall clock', () => {
    expect(since(ago(45 * SEC), NOW)).toBe('45s');
    expect(since(ago(45 * SEC), NOW + HOUR)).toBe('60m');
  });

  it('says <unknown> without a readable timestamp', () => {
    expect(since(undefined, NOW)).toBe('<unknown>');
    expect(since('', NOW)).toBe('<unknown>');
    expect(since('yesterday-ish', NOW)).toBe('<unknown>');
    expect(timeOf('2024-06-01T12:00:00.123456Z')).toBe(NOW + 123);
  });
});
