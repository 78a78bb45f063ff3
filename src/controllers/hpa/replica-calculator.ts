/**
 * The HPA's replica calculation for resource metrics, as Kubernetes 1.32's
 * `ReplicaCalculator` (pkg/controller/podautoscaler/replica_calculator.go):
 *
 * 1. pods are grouped (`groupPods`): being deleted or Failed → ignored;
 *    Pending → unready; no metric → missing; for CPU only, a pod is unready
 *    when it has no Ready condition or start time, or, within the CPU
 *    initialization period (5 min) after its start, when it is not Ready or
 *    its metric was taken less than one metric window after its last
 *    readiness change, or, after that period, when it is not Ready and
 *    never was (it turned unready within the initial-readiness delay, 30 s,
 *    of its start);
 * 2. ignored and unready pods' metrics are dropped; no metric left → error;
 * 3. utilization = ⌊100 × Σ usage / Σ request⌋ over the pods with metrics
 *    (requests summed over regular and restartable init containers; a
 *    container without a request is an error); usageRatio = utilization /
 *    target;
 * 4. no unready pods on a scale-up and no missing pods: within the
 *    tolerance (|1 − ratio| ≤ 0.1) keep the current count, else
 *    ⌈ratio × ready pods⌉;
 * 5. otherwise missing pods count as max(100 %, target) of their request on
 *    a scale-down and 0 on a scale-up, unready pods as 0 on a scale-up; the
 *    ratio is recomputed, and the current count is kept if the new ratio is
 *    within tolerance or would reverse the direction, or if ⌈new ratio ×
 *    pods counted⌉ would move against it.
 *
 * Values are milli-units (millicores, milli-bytes), as metrics-server's
 * `MilliValue`; times are Unix ms. Pure: the same inputs give the same
 * answer.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { milliValue, parseQuantity } from '../../model/index.js';
import { unixMs } from '../replica-set/pod-state.js';

export interface PodMetric {
  /** Milli-units: millicores of CPU, milli-bytes of memory. */
  readonly value: number;
  /** When the sample was taken (Unix ms). */
  readonly timestamp: number;
  /** The window the sample covers (ms). */
  readonly windowMs: number;
}

/** Pod name → its metric (pods without a metric are absent). */
export type PodMetrics = ReadonlyMap<string, PodMetric>;

export interface CalculatorConfig {
  /** `--horizontal-pod-autoscaler-tolerance`, default 0.1. */
  readonly tolerance: number;
  /** `--horizontal-pod-autoscaler-cpu-initialization-period`, default 5 min. */
  readonly cpuInitializationPeriodMs: number;
  /** `--horizontal-pod-autoscaler-initial-readiness-delay`, default 30 s. */
  readonly delayOfInitialReadinessStatusMs: number;
}

export interface PodGroups {
  readonly readyPodCount: number;
  readonly unready: ReadonlySet<string>;
  readonly missing: ReadonlySet<string>;
  readonly ignored: ReadonlySet<string>;
}

/** `groupPods`. */
export function groupPods(pods: readonly Pod[], metrics: PodMetrics, resource: string, cfg: CalculatorConfig, nowUnixMs: number): PodGroups {
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  let readyPodCount = 0;
  for (const pod of pods) {
    const name = pod.metadata?.name ?? '';
    const phase = pod.status?.phase;
    if (pod.metadata?.deletionTimestamp !== undefined || phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (metric === undefined) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu' && isUnreadyForCpu(pod, metric, cfg, nowUnixMs)) {
      unready.add(name);
      continue;
    }
    readyPodCount++;
  }
  return { readyPodCount, unready, missing, ignored };
}

function isUnreadyForCpu(pod: Pod, metric: PodMetric, cfg: CalculatorConfig, nowUnixMs: number): boolean {
  const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const start = unixMs(pod.status?.startTime);
  if (condition === undefined || start === undefined) return true;
  const transition = unixMs(condition.lastTransitionTime) ?? -62135596800000; // Go's zero time
  if (start + cfg.cpuInitializationPeriodMs > nowUnixMs) {
    // Still initialising: unready, or no full metric window since the last readiness change.
    return condition.status === 'False' || metric.timestamp < transition + metric.windowMs;
  }
  // Unready and never ready since it started.
  return condition.status === 'False' && start + cfg.delayOfInitialReadinessStatusMs > transition;
}

/** `calculatePodRequests`: per pod, the sum of its containers' requests (milli-units), or an error naming the container without one. */
export function podRequests(pods: readonly Pod[], resource: string, container?: string): Map<string, number> | string {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    for (const c of containers) {
      if (container !== undefined && container !== c.name) continue;
      const req = (c.resources?.requests as Record<string, string | number> | undefined)?.[resource];
      if (req === undefined) return `missing request for ${resource} in container ${c.name} of Pod ${pod.metadata?.name ?? ''}`;
      sum += Number(milliValue(parseQuantity(req)));
    }
    out.set(pod.metadata?.name ?? '', sum);
  }
  return out;
}

export interface UtilizationRatio {
  readonly ratio: number;
  /** Percent of request, truncated. */
  readonly utilization: number;
  /** Average usage per pod with a metric (milli-units, truncated). */
  readonly rawAverage: number;
}

/** `GetResourceUtilizationRatio`: metrics of pods without a known request are skipped. */
export function utilizationRatio(metrics: PodMetrics, requests: ReadonlyMap<string, number>, target: number): UtilizationRatio | string {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [name, m] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    n++;
  }
  if (requestsTotal === 0) return 'no metrics returned matched known pods';
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / n) };
}

export interface ReplicaProposal {
  readonly replicas: number;
  /** Percent of request (utilization targets only). */
  readonly utilization?: number;
  /** Average per pod, milli-units. */
  readonly rawAverage: number;
}

const withoutPods = (metrics: PodMetrics, drop: Iterable<string>): Map<string, PodMetric> => {
  const out = new Map(metrics);
  for (const p of drop) out.delete(p);
  return out;
};

/** `GetResourceReplicas` (a Utilization target, in percent). Returns an error message instead of throwing. */
export function resourceReplicas(
  input: { readonly pods: readonly Pod[]; readonly metrics: PodMetrics; readonly resource: string; readonly container?: string; readonly currentReplicas: number; readonly targetUtilization: number },
  cfg: CalculatorConfig,
  nowUnixMs: number,
): ReplicaProposal | string {
  const { pods, resource, currentReplicas, targetUtilization } = input;
  if (pods.length === 0) return 'no pods returned by selector while calculating replica count';
  const groups = groupPods(pods, input.metrics, resource, cfg, nowUnixMs);
  const metrics = withoutPods(input.metrics, [...groups.ignored, ...groups.unready]);
  if (metrics.size === 0) return 'did not receive metrics for targeted pods (pods might be unready)';
  const requests = podRequests(pods, resource, input.container);
  if (typeof requests === 'string') return requests;
  const first = utilizationRatio(metrics, requests, targetUtilization);
  if (typeof first === 'string') return first;
  const { ratio, utilization, rawAverage } = first;
  const keep = { replicas: currentReplicas, utilization, rawAverage };

  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= cfg.tolerance) return keep;
    return { replicas: Math.ceil(ratio * groups.readyPodCount), utilization, rawAverage };
  }
  const fallback = Math.max(100, targetUtilization);
  for (const p of groups.missing) {
    if (ratio < 1.0) metrics.set(p, { value: Math.trunc(((requests.get(p) ?? 0) * fallback) / 100), timestamp: 0, windowMs: 0 });
    else if (ratio > 1.0) metrics.set(p, { value: 0, timestamp: 0, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const p of groups.unready) metrics.set(p, { value: 0, timestamp: 0, windowMs: 0 });
  const second = utilizationRatio(metrics, requests, targetUtilization);
  if (typeof second === 'string') return second;
  const newRatio = second.ratio;
  if (Math.abs(1.0 - newRatio) <= cfg.tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) return keep;
  const replicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) return keep;
  return { replicas, utilization, rawAverage };
}

/** `GetRawResourceReplicas` / `calcPlainMetricReplicas` (an AverageValue target, milli-units per pod). */
export function rawResourceReplicas(
  input: { readonly pods: readonly Pod[]; readonly metrics: PodMetrics; readonly resource: string; readonly currentReplicas: number; readonly targetAverage: number },
  cfg: CalculatorConfig,
  nowUnixMs: number,
): ReplicaProposal | string {
  const { pods, resource, currentReplicas, targetAverage } = input;
  if (pods.length === 0) return 'no pods returned by selector while calculating replica count';
  const groups = groupPods(pods, input.metrics, resource, cfg, nowUnixMs);
  const metrics = withoutPods(input.metrics, [...groups.ignored, ...groups.unready]);
  if (metrics.size === 0) return 'did not receive metrics for targeted pods (pods might be unready)';
  const usageRatio = (m: ReadonlyMap<string, PodMetric>): { ratio: number; usage: number } => {
    let total = 0;
    for (const v of m.values()) total += v.value;
    const usage = Math.trunc(total / m.size);
    return { ratio: usage / targetAverage, usage };
  };
  const { ratio, usage } = usageRatio(metrics);
  const keep = { replicas: currentReplicas, rawAverage: usage };
  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (Math.abs(1.0 - ratio) <= cfg.tolerance) return keep;
    return { replicas: Math.ceil(ratio * groups.readyPodCount), rawAverage: usage };
  }
  for (const p of groups.missing) {
    // On a scale-down a missing pod uses exactly the target; on a scale-up, nothing.
    if (ratio < 1.0) metrics.set(p, { value: targetAverage, timestamp: 0, windowMs: 0 });
    else if (ratio > 1.0) metrics.set(p, { value: 0, timestamp: 0, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const p of groups.unready) metrics.set(p, { value: 0, timestamp: 0, windowMs: 0 });
  const newRatio = usageRatio(metrics).ratio;
  if (Math.abs(1.0 - newRatio) <= cfg.tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) return keep;
  const replicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) return keep;
  return { replicas, rawAverage: usage };
}
