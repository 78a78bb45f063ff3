import { describe, expect, it } from 'vitest';
import { BURST_REPLICAS, slowStartBatches } from '../../../src/controllers/replica-set/slow-start.js';

describe('slowStartBatches', () => {
  it('doubles from 1 and ends with the remainder', () => {
    expect(slowStartBatches(0)).toEqual([]);
    expect(slowStartBatches(1)).toEqual([1]);
    expect(slowStartBatches(3)).toEqual([1, 2]);
    expect(slowStartBatches(10)).toEqual([1, 2, 4, 3]);
    expect(slowStartBatches(500)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 245]);
  });
  it('honours another initial size and always sums to the count', () => {
    expect(slowStartBatches(7, 2)).toEqual([2, 4, 1]);
    for (let n = 0; n <= 600; n += 37) expect(slowStartBatches(n).reduce((a, b) => a + b, 0)).toBe(n);
  });
  it('caps a sync at kube-controller-manager’s burstReplicas', () => {
    expect(BURST_REPLICAS).toBe(500);
  });
});
