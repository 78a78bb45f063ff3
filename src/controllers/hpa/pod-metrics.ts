/**
 * The resource metrics API as the HPA reads it (metrics-server's
 * `PodMetrics`), computed from the simulated world at `now`:
 *
 * - a pod has a metric when it is Running and all its containers are
 *   running (metrics-server reports running containers only); otherwise it
 *   is "missing" to the HPA;
 * - a container's usage is its constant usage (behaviour rules' `cpu` /
 *   `memory`) plus its share of every load in force whose `matchLabels`
 *   match the pod, when the pod serves: a load's total demand is split
 *   equally among the pods of its namespace matching its labels that are
 *   Running, Ready and not being deleted (all pods in the view, not only
 *   the HPA's), and within a pod equally among its containers (or all to
 *   the load's `container`);
 * - values are milli-units rounded up per container, as `MilliValue()`;
 *   the sample is taken at `now` over a 15 s window (metrics-server's
 *   default resolution).
 *
 * Deterministic: the view, the world's answers at `now` and nothing else.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { LoadDemand, ResourceUsage, UsageSource } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { isPodReady } from '../replica-set/pod-state.js';
import type { PodMetric } from './replica-calculator.js';

/** The window each sample covers (metrics-server `--metric-resolution`, 15 s). */
export const METRIC_WINDOW_MS = 15_000;

export type MetricResource = 'cpu' | 'memory';

const labelsMatch = (want: Readonly<Record<string, string>>, have: Readonly<Record<string, string>>): boolean =>
  Object.entries(want).every(([k, v]) => have[k] === v);

/** A pod serving load: Running, Ready and not being deleted. */
export function isServing(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod) && pod.metadata?.deletionTimestamp === undefined;
}

function hasMetrics(pod: Pod): boolean {
  if (pod.status?.phase !== 'Running') return false;
  const statuses = pod.status.containerStatuses ?? [];
  return (pod.spec?.containers ?? []).every((c) => statuses.some((s) => s.name === c.name && s.state?.running !== undefined));
}

const amount = (u: ResourceUsage | LoadDemand | undefined, r: MetricResource): number => (r === 'cpu' ? (u?.cpuMillis ?? 0) : (u?.memoryBytes ?? 0));

/**
 * Metrics of `pods` (the HPA's selection) for `resource`, summed over all
 * containers or only `container`. Pods without metrics are absent.
 */
export function podMetrics(
  view: StateView,
  source: UsageSource,
  pods: readonly Pod[],
  resource: MetricResource,
  now: number,
  epoch: number,
  container?: string,
): Map<string, PodMetric> {
  const out = new Map<string, PodMetric>();
  const servingCounts = new Map<LoadDemand, number>();
  const serving = (load: LoadDemand): number => {
    let n = servingCounts.get(load);
    if (n === undefined) {
      const all = view.list({ group: '', resource: 'pods', namespace: load.namespace }) as unknown as Pod[];
      n = all.filter((p) => isServing(p) && labelsMatch(load.matchLabels, p.metadata?.labels ?? {})).length;
      servingCounts.set(load, n);
    }
    return n;
  };
  for (const pod of pods) {
    if (!hasMetrics(pod)) continue;
    const m = pod.metadata ?? {};
    const ns = m.namespace ?? 'default';
    const who = { namespace: ns, name: m.name ?? '', labels: m.labels ?? {} };
    const containers = (pod.spec?.containers ?? []).map((c) => c.name);
    const loads = isServing(pod) ? source.loads(ns, now).filter((l) => amount(l, resource) > 0 && labelsMatch(l.matchLabels, who.labels)) : [];
    let value = 0;
    for (const c of containers) {
      if (container !== undefined && c !== container) continue;
      let units = amount(source.usage(who, c, now), resource);
      for (const l of loads) {
        const perPod = amount(l, resource) / serving(l);
        if (l.container === undefined) units += perPod / containers.length;
        else if (l.container === c) units += perPod;
      }
      // CPU is already in millicores; memory bytes become milli-bytes.
      value += resource === 'cpu' ? Math.ceil(units) : Math.ceil(units) * 1000;
    }
    out.set(m.name ?? '', { value, timestamp: epoch + now, windowMs: METRIC_WINDOW_MS });
  }
  return out;
}
