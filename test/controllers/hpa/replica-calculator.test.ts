/**
 * Tables from Kubernetes 1.32's replica_calculator_test.go (the cases'
 * names kept): pods with 1-core requests unless said, CPU levels in
 * millicores, the expected replica count, utilization and raw average.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { CalculatorConfig, PodMetric } from '../../../src/controllers/hpa/replica-calculator.js';
import { groupPods, podRequests, rawResourceReplicas, resourceReplicas } from '../../../src/controllers/hpa/replica-calculator.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const CFG: CalculatorConfig = { tolerance: 0.1, cpuInitializationPeriodMs: 5 * 60_000, delayOfInitialReadinessStatusMs: 30_000 };
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface PodSpec {
  readonly ready?: boolean;
  readonly phase?: string;
  /** hot: started 1 min ago, ready 5 s ago (within the CPU initialization period, no full metric window since). */
  readonly hot?: boolean;
  readonly request?: string;
  readonly deleting?: boolean;
}

function pod(i: number, p: PodSpec = {}): Pod {
  const start = p.hot === true ? NOW - 60_000 : NOW - 10 * 60_000;
  const transition = p.hot === true ? NOW - 5_000 : start;
  return {
    metadata: { name: `p${i}`, namespace: 'default', ...(p.deleting === true ? { deletionTimestamp: iso(NOW) } : {}) },
    spec: { containers: [{ name: 'c', resources: { requests: { cpu: p.request ?? '1' } } }] },
    status: {
      phase: p.phase ?? 'Running',
      startTime: iso(start),
      conditions: [{ type: 'Ready', status: p.ready === false ? 'False' : 'True', lastTransitionTime: iso(transition) }],
    },
  };
}

const metricsOf = (levels: readonly (number | undefined)[]): Map<string, PodMetric> =>
  new Map(levels.flatMap((v, i) => (v === undefined ? [] : [[`p${i}`, { value: v, timestamp: NOW, windowMs: 15_000 }] as const])));

interface Case {
  readonly name: string;
  readonly current: number;
  readonly pods: readonly PodSpec[];
  readonly levels: readonly (number | undefined)[];
  readonly target: number;
  readonly expected: number;
  readonly utilization: number;
  readonly raw: number;
}

const CASES: readonly Case[] = [
  { name: 'ScaleUp', current: 3, pods: [{}, {}, {}], levels: [300, 500, 700], target: 30, expected: 5, utilization: 50, raw: 500 },
  { name: 'ScaleUpUnreadyLessScale', current: 3, pods: [{ ready: false }, {}, {}], levels: [300, 500, 700], target: 30, expected: 4, utilization: 60, raw: 600 },
  { name: 'ScaleUpHotCpuLessScale', current: 3, pods: [{ hot: true }, {}, {}], levels: [300, 500, 700], target: 30, expected: 4, utilization: 60, raw: 600 },
  { name: 'ScaleUpUnreadyNoScale', current: 3, pods: [{}, { ready: false }, { ready: false }], levels: [400, 500, 700], target: 30, expected: 3, utilization: 40, raw: 400 },
  { name: 'ScaleUpHotCpuNoScale', current: 3, pods: [{}, { hot: true }, { hot: true }], levels: [400, 500, 700], target: 30, expected: 3, utilization: 40, raw: 400 },
  {
    name: 'ScaleUpIgnoresFailedPods',
    current: 2,
    pods: [{}, {}, { phase: 'Failed', ready: false }, { phase: 'Failed', ready: false }],
    levels: [500, 700, 100, 100],
    target: 30,
    expected: 4,
    utilization: 60,
    raw: 600,
  },
  { name: 'ScaleUpIgnoresDeletionPods', current: 2, pods: [{}, {}, { deleting: true }, { deleting: true }], levels: [500, 700, 100, 100], target: 30, expected: 4, utilization: 60, raw: 600 },
  { name: 'ScaleDown', current: 5, pods: [{}, {}, {}, {}, {}], levels: [100, 300, 500, 250, 250], target: 50, expected: 3, utilization: 28, raw: 280 },
  {
    name: 'ScaleDownIncludeUnreadyPods',
    current: 5,
    pods: [{}, {}, {}, { ready: false }, { ready: false }],
    levels: [100, 300, 500, 250, 250],
    target: 50,
    expected: 2,
    utilization: 30,
    raw: 300,
  },
  { name: 'ScaleDownIgnoreHotCpuPods', current: 5, pods: [{}, {}, {}, { hot: true }, { hot: true }], levels: [100, 300, 500, 250, 250], target: 50, expected: 2, utilization: 30, raw: 300 },
  {
    name: 'Tolerance',
    current: 3,
    pods: [{ request: '900m' }, { request: '1' }, { request: '1100m' }],
    levels: [1010, 1030, 1020],
    target: 100,
    expected: 3,
    utilization: 102,
    raw: 1020,
  },
  { name: 'MissingMetricsNoChangeEq', current: 2, pods: [{}, {}], levels: [1000], target: 100, expected: 2, utilization: 100, raw: 1000 },
  { name: 'MissingMetricsNoChangeGt', current: 2, pods: [{}, {}], levels: [1900], target: 100, expected: 2, utilization: 190, raw: 1900 },
  { name: 'MissingMetricsNoChangeLt', current: 2, pods: [{}, {}], levels: [600], target: 100, expected: 2, utilization: 60, raw: 600 },
  { name: 'MissingMetricsUnreadyChange', current: 3, pods: [{ ready: false }, {}, {}], levels: [100, 450], target: 50, expected: 3, utilization: 45, raw: 450 },
  { name: 'MissingMetricsUnreadyScaleUp', current: 3, pods: [{ ready: false }, {}, {}], levels: [100, 2000], target: 50, expected: 4, utilization: 200, raw: 2000 },
  { name: 'MissingMetricsUnreadyScaleDown', current: 4, pods: [{ ready: false }, {}, {}, {}], levels: [100, 100, 100], target: 50, expected: 3, utilization: 10, raw: 100 },
  { name: 'DuringRollingUpdateWithMaxSurge', current: 2, pods: [{}, {}, {}], levels: [100, 100], target: 50, expected: 2, utilization: 10, raw: 100 },
  // A missing pod counts as the target (300 %, not 100 %) when the target is above 100 %: (100+100+3000)/3000 = 106 % of 300 → ⌈0.353×3⌉ = 2 (at 100 % it would be 1).
  { name: 'MissingMetricsScaleDownTargetOver100', current: 3, pods: [{}, {}, {}], levels: [100, 100], target: 300, expected: 2, utilization: 10, raw: 100 },
];

describe('resourceReplicas (GetResourceReplicas)', () => {
  it.each(CASES)('$name: $current → $expected', (c) => {
    const r = resourceReplicas(
      { pods: c.pods.map((p, i) => pod(i, p)), metrics: metricsOf(c.levels), resource: 'cpu', currentReplicas: c.current, targetUtilization: c.target },
      CFG,
      NOW,
    );
    expect(r).toEqual({ replicas: c.expected, utilization: c.utilization, rawAverage: c.raw });
  });

  it('errors as Kubernetes does: no pods, no usable metric, a container without a request', () => {
    const base = { resource: 'cpu', currentReplicas: 1, targetUtilization: 50 };
    expect(resourceReplicas({ ...base, pods: [], metrics: new Map() }, CFG, NOW)).toBe('no pods returned by selector while calculating replica count');
    expect(resourceReplicas({ ...base, pods: [pod(0, { ready: false })], metrics: metricsOf([500]) }, CFG, NOW)).toBe(
      'did not receive metrics for targeted pods (pods might be unready)',
    );
    const noRequest: Pod = { ...pod(0), spec: { containers: [{ name: 'c' }] } };
    expect(resourceReplicas({ ...base, pods: [noRequest], metrics: metricsOf([500]) }, CFG, NOW)).toBe('missing request for cpu in container c of Pod p0');
  });

  it('does not hold back memory for unready pods (the CPU-only readiness rules)', () => {
    const pods = [pod(0, { ready: false }), pod(1)].map((p) => ({ ...p, spec: { containers: [{ name: 'c', resources: { requests: { memory: '1000' } } }] } }));
    const r = resourceReplicas({ pods, metrics: metricsOf([2_000_000, 2_000_000]), resource: 'memory', currentReplicas: 2, targetUtilization: 100 }, CFG, NOW);
    expect(r).toEqual({ replicas: 4, utilization: 200, rawAverage: 2_000_000 });
  });
});

describe('groupPods', () => {
  it('sorts pods into ready, unready (pending, never ready, hot), missing and ignored', () => {
    const pods = [pod(0), pod(1, { phase: 'Pending' }), pod(2, { ready: false }), pod(3, { hot: true }), pod(4), pod(5, { phase: 'Failed' })];
    const g = groupPods(pods, metricsOf([1, 1, 1, 1, undefined, 1]), 'cpu', CFG, NOW);
    expect(g.readyPodCount).toBe(1);
    expect([...g.unready].sort()).toEqual(['p1', 'p2', 'p3']);
    expect([...g.missing]).toEqual(['p4']);
    expect([...g.ignored]).toEqual(['p5']);
  });

  it('after the initialization period, a pod that was ready once and is unready now still counts', () => {
    const p = pod(0, { ready: false });
    // Became unready 2 min after its start (so it had been ready): counted (30 s initial-readiness delay passed).
    const conditions = [{ type: 'Ready', status: 'False', lastTransitionTime: iso(NOW - 8 * 60_000) }];
    const g = groupPods([{ ...p, status: { ...p.status, conditions } }], metricsOf([1]), 'cpu', CFG, NOW);
    expect(g.readyPodCount).toBe(1);
  });

  it('sums requests over containers and restartable init containers', () => {
    const p: Pod = {
      metadata: { name: 'x' },
      spec: {
        containers: [{ name: 'a', resources: { requests: { cpu: '250m' } } }, { name: 'b', resources: { requests: { cpu: '1' } } }],
        initContainers: [{ name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } }, { name: 'init' }],
      },
    };
    expect(podRequests([p], 'cpu')).toEqual(new Map([['x', 1350]]));
    expect(podRequests([p], 'cpu', 'a')).toEqual(new Map([['x', 250]]));
  });
});

describe('rawResourceReplicas (AverageValue targets)', () => {
  it('scales to ⌈usage / target × ready pods⌉ and keeps the count within tolerance', () => {
    const pods = [pod(0), pod(1), pod(2)];
    expect(rawResourceReplicas({ pods, metrics: metricsOf([300, 500, 700]), resource: 'cpu', currentReplicas: 3, targetAverage: 300 }, CFG, NOW)).toEqual({ replicas: 5, rawAverage: 500 });
    expect(rawResourceReplicas({ pods, metrics: metricsOf([300, 500, 700]), resource: 'cpu', currentReplicas: 3, targetAverage: 480 }, CFG, NOW)).toEqual({ replicas: 3, rawAverage: 500 });
    // A missing pod counts as exactly the target on a scale-down: (100+100+500)/3 = 233 of 500 → ⌈0.466×3⌉ = 2.
    expect(rawResourceReplicas({ pods, metrics: metricsOf([100, 100]), resource: 'cpu', currentReplicas: 3, targetAverage: 500 }, CFG, NOW)).toEqual({ replicas: 2, rawAverage: 100 });
  });
});
