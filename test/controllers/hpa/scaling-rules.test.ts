/**
 * Cases from Kubernetes' documented HPA behaviour and horizontal_test.go:
 * the legacy limits (max(2×, 4), 5-min downscale window), stabilisation
 * windows with behaviours, Pods/Percent policies over their periods,
 * selectPolicy Max/Min/Disabled, and the default behaviour.
 */
import type { HPAScalingRules } from 'kubernetes-types/autoscaling/v2.js';
import { describe, expect, it } from 'vitest';
import {
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  newMemory,
  scaleDownLimit,
  scaleDownRules,
  scaleUpLimit,
  scaleUpRules,
  stabilizeRecommendation,
  stabilizeWithBehaviors,
  storeScaleEvent,
} from '../../../src/controllers/hpa/scaling-rules.js';

const NOW = 1_000_000;
const MIN = 60_000;

describe('legacy normalisation (no spec.behavior)', () => {
  it.each([
    { current: 3, desired: 10, min: 1, max: 20, out: [6, 'ScaleUpLimit'] },
    { current: 1, desired: 10, min: 1, max: 20, out: [4, 'ScaleUpLimit'] },
    { current: 1, desired: 10, min: 1, max: 3, out: [3, 'TooManyReplicas'] },
    { current: 5, desired: 0, min: 2, max: 10, out: [2, 'TooFewReplicas'] },
    { current: 5, desired: 7, min: 2, max: 10, out: [7, 'DesiredWithinRange'] },
  ])('current $current, desired $desired, [$min, $max] → $out', ({ current, desired, min, max, out }) => {
    const r = convertDesiredReplicasWithRules(current, desired, min, max);
    expect([r.replicas, r.reason]).toEqual(out);
  });

  it('keeps the highest recommendation of the last 5 minutes, reusing a stale slot', () => {
    const mem = newMemory();
    mem.recommendations.push({ replicas: 8, at: NOW - 4 * MIN }, { replicas: 9, at: NOW - 6 * MIN });
    expect(stabilizeRecommendation(mem, 3, NOW)).toBe(8);
    expect(mem.recommendations).toEqual([
      { replicas: 8, at: NOW - 4 * MIN },
      { replicas: 3, at: NOW },
    ]);
    // One minute later the 8 is 5 min old: still in (cutoff is strict), then out.
    expect(stabilizeRecommendation(mem, 2, NOW + MIN)).toBe(8);
    expect(stabilizeRecommendation(mem, 2, NOW + MIN + 1)).toBe(3);
  });
});

describe('behaviour policies', () => {
  const rules = (policies: NonNullable<HPAScalingRules['policies']>, selectPolicy = 'Max'): HPAScalingRules => ({ policies, selectPolicy });
  const pods4 = { type: 'Pods', value: 4, periodSeconds: 60 };
  const pct100 = { type: 'Percent', value: 100, periodSeconds: 60 };

  it.each([
    { name: 'Pods only', r: rules([pods4]), current: 5, out: 9 },
    { name: 'Percent only', r: rules([pct100]), current: 5, out: 10 },
    { name: 'Max of both', r: rules([pods4, pct100]), current: 5, out: 10 },
    { name: 'Min of both', r: rules([pods4, pct100], 'Min'), current: 5, out: 9 },
    { name: 'Max, small count: 4 pods beats 100 %', r: rules([pods4, pct100]), current: 1, out: 5 },
    { name: 'Percent rounds up', r: rules([{ type: 'Percent', value: 10, periodSeconds: 60 }]), current: 3, out: 4 },
    { name: 'Disabled', r: rules([pods4, pct100], 'Disabled'), current: 5, out: 5 },
  ])('scale-up limit: $name', ({ r, current, out }) => {
    expect(scaleUpLimit(current, newMemory(), r, NOW)).toBe(out);
  });

  it('counts scale events of each policy period from the period start', () => {
    const mem = newMemory();
    mem.scaleUpEvents.push({ change: 2, at: NOW - 30_000, outdated: false }, { change: 5, at: NOW - 90_000, outdated: false });
    // 10 now, 8 at the start of the 60 s period: Pods 4 → 12, Percent 100 → 16.
    expect(scaleUpLimit(10, mem, rules([pods4]), NOW)).toBe(12);
    expect(scaleUpLimit(10, mem, rules([pct100]), NOW)).toBe(16);
    // An event exactly one period old is outside it.
    expect(scaleUpLimit(10, mem, rules([{ type: 'Pods', value: 4, periodSeconds: 30 }]), NOW)).toBe(14);
  });

  it.each([
    { name: 'Percent 50', r: rules([{ type: 'Percent', value: 50, periodSeconds: 60 }]), out: 5 },
    { name: 'Pods 3', r: rules([{ type: 'Pods', value: 3, periodSeconds: 60 }]), out: 7 },
    { name: 'Max change', r: rules([{ type: 'Percent', value: 50, periodSeconds: 60 }, { type: 'Pods', value: 3, periodSeconds: 60 }]), out: 5 },
    { name: 'Min change', r: rules([{ type: 'Percent', value: 50, periodSeconds: 60 }, { type: 'Pods', value: 3, periodSeconds: 60 }], 'Min'), out: 7 },
    { name: 'Percent truncates', r: rules([{ type: 'Percent', value: 15, periodSeconds: 60 }]), out: 8 },
    { name: 'Disabled', r: rules([{ type: 'Percent', value: 50, periodSeconds: 60 }], 'Disabled'), out: 10 },
  ])('scale-down limit from 10: $name', ({ r, out }) => {
    expect(scaleDownLimit(10, newMemory(), r, NOW)).toBe(out);
  });

  it('the default behaviour: up max(4 pods, 100 %) per 15 s, down 100 % per 15 s, windows 0 s / controller default', () => {
    expect(scaleUpRules(undefined)).toEqual({
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    });
    expect(scaleDownRules(undefined)).toEqual({ selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
    expect(scaleDownRules({ stabilizationWindowSeconds: 60 }).stabilizationWindowSeconds).toBe(60);
  });

  it('limits by rate and by min/max with the reasons of ScalingLimited', () => {
    const up = scaleUpRules(undefined);
    const down = scaleDownRules({ policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] });
    const mem = newMemory();
    const conv = (current: number, desired: number, min = 1, max = 100) => {
      const r = convertDesiredReplicasWithBehaviorRate(mem, { current, desired, min, max, up, down }, NOW);
      return [r.replicas, r.reason];
    };
    expect(conv(2, 20)).toEqual([6, 'ScaleUpLimit']);
    expect(conv(10, 40)).toEqual([20, 'ScaleUpLimit']);
    expect(conv(10, 40, 1, 15)).toEqual([15, 'TooManyReplicas']);
    expect(conv(10, 3)).toEqual([9, 'ScaleDownLimit']);
    expect(conv(10, 3, 9)).toEqual([9, 'TooFewReplicas']);
    expect(conv(10, 10)).toEqual([10, 'DesiredWithinRange']);
    // After a scale-up by 4 within the period, the next scale-up starts from the period's start.
    storeScaleEvent(mem, { scaleUp: up, scaleDown: down }, 2, 6, NOW - 5_000);
    expect(conv(6, 20)).toEqual([6, 'ScaleUpLimit']);
  });

  it('stabilises between the lowest of the up window and the highest of the down window', () => {
    const mem = newMemory();
    mem.recommendations.push({ replicas: 10, at: NOW - 60_000 }, { replicas: 7, at: NOW - 400_000 });
    const down = stabilizeWithBehaviors(mem, { current: 10, desired: 5, upWindowS: 0, downWindowS: 300 }, NOW);
    expect(down).toMatchObject({ replicas: 10, reason: 'ScaleDownStabilized' });
    // The stale 7 (older than both windows) was replaced by this recommendation.
    expect(mem.recommendations).toEqual([
      { replicas: 10, at: NOW - 60_000 },
      { replicas: 5, at: NOW },
    ]);
    const up = stabilizeWithBehaviors(mem, { current: 5, desired: 12, upWindowS: 120, downWindowS: 0 }, NOW + 1);
    expect(up).toMatchObject({ replicas: 5, reason: 'ScaleUpStabilized' });
  });

  it('marks events older than the longest period outdated and reuses their slots; without a behavior keeps none', () => {
    const mem = newMemory();
    const behavior = { scaleUp: scaleUpRules(undefined), scaleDown: scaleDownRules(undefined) };
    storeScaleEvent(mem, behavior, 1, 3, NOW);
    storeScaleEvent(mem, behavior, 3, 5, NOW + 10_000);
    storeScaleEvent(mem, behavior, 5, 9, NOW + 26_000);
    expect(mem.scaleUpEvents.map((e) => [e.change, e.at])).toEqual([
      [4, NOW + 26_000],
      [2, NOW + 10_000],
    ]);
    storeScaleEvent(mem, behavior, 9, 4, NOW + 30_000);
    expect(mem.scaleDownEvents.map((e) => e.change)).toEqual([5]);
    const none = newMemory();
    storeScaleEvent(none, undefined, 1, 3, NOW);
    expect(none.scaleUpEvents).toEqual([]);
  });
});
