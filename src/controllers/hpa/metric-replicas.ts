/**
 * `computeReplicasForMetrics` / `computeReplicasForMetric` of Kubernetes
 * 1.32's horizontal.go: each metric proposes a replica count and a status;
 * the largest proposal wins; all metrics invalid, or some invalid while the
 * valid ones would scale down, is an error that sets the first invalid
 * metric's condition. Resource and ContainerResource metrics are read from
 * the simulated world (pod-metrics.ts); Pods, Object and External metrics
 * have no simulated custom-metrics API and are always invalid.
 */
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { LabelSelectorInternal, UsageSource } from '../../model/index.js';
import { formatQuantity, matches, milliQuantity, milliValue, parseQuantity } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { MetricResource } from './pod-metrics.js';
import { podMetrics } from './pod-metrics.js';
import type { CalculatorConfig, ReplicaProposal } from './replica-calculator.js';
import { rawResourceReplicas, resourceReplicas } from './replica-calculator.js';

export interface Invalid {
  /** ScalingActive False reason, also the Warning event's reason. */
  readonly reason: string;
  /** The event's message (the condition's is "the HPA was unable to compute the replica count: " + it). */
  readonly eventMessage: string;
  /** The error as `computeReplicasForMetric` returns it. */
  readonly error: string;
}

export interface MetricsOutcome {
  /** -1 when the metrics give no usable answer. */
  readonly replicas: number;
  /** The winning metric's name, e.g. `cpu resource utilization (percentage of request)`. */
  readonly metric: string;
  readonly statuses: readonly MetricStatus[];
  /** The first invalid metric (its condition is set when replicas is -1). */
  readonly firstInvalid?: Invalid;
  /** `invalid metrics (N invalid out of M), first error is: ...` */
  readonly error?: string;
}

export interface MetricsInput {
  readonly view: StateView;
  readonly source: UsageSource;
  readonly hpa: HorizontalPodAutoscaler;
  readonly specReplicas: number;
  readonly selector: LabelSelectorInternal;
  readonly now: number;
  readonly epoch: number;
  readonly cfg: CalculatorConfig;
}

type One = { readonly replicas: number; readonly metric: string; readonly status: MetricStatus } | Invalid;

export function computeReplicasForMetrics(input: MetricsInput, specs: readonly MetricSpec[]): MetricsOutcome {
  const ns = input.hpa.metadata?.namespace ?? 'default';
  const pods = (input.view.list({ group: '', resource: 'pods', namespace: ns }) as unknown as Pod[]).filter((p) => matches(input.selector, p.metadata?.labels ?? {}));
  const statuses: MetricStatus[] = [];
  let replicas = 0;
  let metric = '';
  let invalidCount = 0;
  let firstInvalid: Invalid | undefined;
  for (const spec of specs) {
    const one = computeReplicasForMetric(input, spec, pods);
    if ('error' in one) {
      statuses.push({ type: '' });
      if (firstInvalid === undefined) firstInvalid = one;
      invalidCount++;
      continue;
    }
    statuses.push(one.status);
    if (replicas === 0 || one.replicas > replicas) {
      replicas = one.replicas;
      metric = one.metric;
    }
  }
  const error = firstInvalid === undefined ? undefined : `invalid metrics (${invalidCount} invalid out of ${specs.length}), first error is: ${firstInvalid.error}`;
  const common = { statuses, ...(firstInvalid === undefined ? {} : { firstInvalid }), ...(error === undefined ? {} : { error }) };
  if (invalidCount >= specs.length || (invalidCount > 0 && replicas < input.specReplicas)) return { replicas: -1, metric: '', ...common };
  return { replicas, metric, ...common };
}

function computeReplicasForMetric(input: MetricsInput, spec: MetricSpec, pods: readonly Pod[]): One {
  switch (spec.type) {
    case 'Resource': {
      const name = spec.resource?.name ?? '';
      const r = resourceMetric(input, pods, name, spec.resource?.target, undefined);
      if (typeof r === 'string') return { reason: 'FailedGetResourceMetric', eventMessage: r, error: `failed to get ${name} resource metric value: ${r}` };
      return { replicas: r.proposal.replicas, metric: r.metric, status: { type: 'Resource', resource: { name, current: r.current } } };
    }
    case 'ContainerResource': {
      const name = spec.containerResource?.name ?? '';
      const container = spec.containerResource?.container ?? '';
      const r = resourceMetric(input, pods, name, spec.containerResource?.target, container);
      if (typeof r === 'string') return { reason: 'FailedGetContainerResourceMetric', eventMessage: r, error: `failed to get ${name} container metric value: ${r}` };
      return { replicas: r.proposal.replicas, metric: r.metric, status: { type: 'ContainerResource', containerResource: { name, container, current: r.current } } };
    }
    case 'Pods':
    case 'Object':
    case 'External': {
      const name = spec.pods?.metric.name ?? spec.object?.metric.name ?? spec.external?.metric.name ?? '';
      const msg = `unable to get metric ${name}: chronokube simulates no custom or external metrics API`;
      return { reason: `FailedGet${spec.type}Metric`, eventMessage: msg, error: `failed to get ${spec.type.toLowerCase()} metric value: ${msg}` };
    }
    default: {
      const msg = `unknown metric source type "${spec.type}"`;
      return { reason: 'InvalidMetricSourceType', eventMessage: msg, error: msg };
    }
  }
}

type Target = NonNullable<MetricSpec['resource']>['target'] | undefined;

/** `computeStatusForResourceMetricGeneric`. */
function resourceMetric(
  input: MetricsInput,
  pods: readonly Pod[],
  name: string,
  target: Target,
  container: string | undefined,
): { readonly proposal: ReplicaProposal; readonly metric: string; readonly current: NonNullable<MetricStatus['resource']>['current'] } | string {
  const nowUnix = input.epoch + input.now;
  const metrics = name === 'cpu' || name === 'memory' ? podMetrics(input.view, input.source, pods, name as MetricResource, input.now, input.epoch, container) : new Map();
  if (target?.averageValue !== undefined) {
    const noMetrics = `failed to get ${name} usage: unable to get metrics for resource ${name}: no metrics returned from resource metrics API`;
    if (metrics.size === 0) return noMetrics;
    const targetAverage = Number(milliValue(parseQuantity(target.averageValue)));
    const p = rawResourceReplicas({ pods, metrics, resource: name, currentReplicas: input.specReplicas, targetAverage }, input.cfg, nowUnix);
    if (typeof p === 'string') return `failed to get ${name} usage: ${p}`;
    return { proposal: p, metric: `${name} resource`, current: { averageValue: formatQuantity(milliQuantity(p.rawAverage)) } };
  }
  if (target?.averageUtilization === undefined) {
    return 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set';
  }
  if (metrics.size === 0) return `failed to get ${name} utilization: unable to get metrics for resource ${name}: no metrics returned from resource metrics API`;
  const p = resourceReplicas(
    { pods, metrics, resource: name, ...(container === undefined ? {} : { container }), currentReplicas: input.specReplicas, targetUtilization: target.averageUtilization },
    input.cfg,
    nowUnix,
  );
  if (typeof p === 'string') return `failed to get ${name} utilization: ${p}`;
  return {
    proposal: p,
    metric: container === undefined ? `${name} resource utilization (percentage of request)` : `${name} container resource utilization (percentage of request)`,
    current: { averageUtilization: p.utilization ?? 0, averageValue: formatQuantity(milliQuantity(p.rawAverage)) },
  };
}
