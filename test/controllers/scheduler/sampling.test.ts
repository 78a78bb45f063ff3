import { describe, expect, it } from 'vitest';
import { numFeasibleNodesToFind } from '../../../src/controllers/scheduler/sampling.js';

describe('numFeasibleNodesToFind', () => {
  it('looks at every node below 100', () => {
    expect(numFeasibleNodesToFind(0, 0)).toBe(0);
    expect(numFeasibleNodesToFind(0, 3)).toBe(3);
    expect(numFeasibleNodesToFind(10, 99)).toBe(99);
  });

  it('is adaptive by default: 50% minus one point per 125 nodes, at least 5%, at least 100 nodes', () => {
    expect(numFeasibleNodesToFind(0, 100)).toBe(100);
    expect(numFeasibleNodesToFind(0, 500)).toBe(230); // 50 − 4 = 46%
    expect(numFeasibleNodesToFind(0, 1000)).toBe(420); // 42%
    expect(numFeasibleNodesToFind(0, 5000)).toBe(500); // 10%
    expect(numFeasibleNodesToFind(0, 5624)).toBe(337); // 50 − 44 = 6%
    expect(numFeasibleNodesToFind(0, 6000)).toBe(300); // 50 − 48 = 2% → 5%
    expect(numFeasibleNodesToFind(0, 10000)).toBe(500);
  });

  it('honours a configured percentage, still at least 100 nodes', () => {
    expect(numFeasibleNodesToFind(30, 1000)).toBe(300);
    expect(numFeasibleNodesToFind(1, 5000)).toBe(100);
    expect(numFeasibleNodesToFind(100, 5000)).toBe(5000);
  });
});
