/**
 * HorizontalPodAutoscalers: REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE.
 * TARGETS lists up to two metrics as `current/target` (`cpu: 45%/80%`,
 * `<unknown>` before the first reading), then "+ N more...". autoscaling/v1
 * objects are read through their CPU target, as the server converts them.
 */
import type { HorizontalPodAutoscaler as HpaV1 } from 'kubernetes-types/autoscaling/v1.js';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { KubeObject } from '../../../model/index.js';
import { AGE_COLUMN, NAME_COLUMN, column } from '../columns.js';
import { quantityString } from '../cells.js';
import { since } from '../human-duration.js';
import { printer } from '../printer.js';

type Value = { value?: string | number; averageValue?: string | number; averageUtilization?: number } | undefined;

const q = (v: string | number | undefined): string => quantityString(v, '<nil>');
const pct = (n: number | undefined, missing: string): string => (n === undefined ? missing : `${n}%`);

function valueOrAverage(target: Value, current: Value, haveStatus: boolean): string {
  if (target?.averageValue !== undefined) {
    const cur = haveStatus && current?.averageValue !== undefined ? q(current.averageValue) : '<unknown>';
    return `${cur}/${q(target.averageValue)} (avg)`;
  }
  const cur = haveStatus ? q(current?.value) : '<unknown>';
  return `${cur}/${q(target?.value)}`;
}

function resourceTarget(name: string, target: Value, current: Value, haveStatus: boolean): string {
  if (target?.averageValue !== undefined) {
    return `${name}: ${haveStatus ? q(current?.averageValue) : '<unknown>'}/${q(target.averageValue)}`;
  }
  const cur = haveStatus && current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>';
  return `${name}: ${cur}/${pct(target?.averageUtilization, '<auto>')}`;
}

function metricString(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return valueOrAverage(spec.external?.target, status?.external?.current, status?.external !== undefined);
    case 'Pods': {
      const cur = status?.pods !== undefined ? q(status.pods.current.averageValue) : '<unknown>';
      return `${cur}/${q(spec.pods?.target.averageValue)}`;
    }
    case 'Object':
      return valueOrAverage(spec.object?.target, status?.object?.current, status?.object !== undefined);
    case 'Resource':
      return resourceTarget(spec.resource?.name ?? '', spec.resource?.target, status?.resource?.current, status?.resource !== undefined);
    case 'ContainerResource':
      return resourceTarget(
        spec.containerResource?.name ?? '',
        spec.containerResource?.target,
        status?.containerResource?.current,
        status?.containerResource !== undefined,
      );
    default:
      return '<unknown type>';
  }
}

/** The TARGETS cell. */
export function formatHpaMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | undefined): string {
  const list = specs ?? [];
  if (list.length === 0) return '<none>';
  const shown = list.map((s, i) => metricString(s, statuses?.[i]));
  return shown.length > 2 ? `${shown.slice(0, 2).join(', ')} + ${shown.length - 2} more...` : shown.join(', ');
}

/** autoscaling/v1 as the internal (v2-shaped) object the printer sees. */
function asV2(obj: KubeObject): HorizontalPodAutoscaler {
  if (obj.apiVersion !== 'autoscaling/v1') return obj as unknown as HorizontalPodAutoscaler;
  const v1 = obj as unknown as HpaV1;
  const target = v1.spec?.targetCPUUtilizationPercentage;
  const current = v1.status?.currentCPUUtilizationPercentage;
  return {
    metadata: v1.metadata ?? {},
    spec: {
      scaleTargetRef: v1.spec?.scaleTargetRef ?? { kind: '', name: '' },
      maxReplicas: v1.spec?.maxReplicas ?? 0,
      ...(v1.spec?.minReplicas === undefined ? {} : { minReplicas: v1.spec.minReplicas }),
      ...(target === undefined ? {} : { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }] }),
    },
    status: {
      currentReplicas: v1.status?.currentReplicas ?? 0,
      desiredReplicas: v1.status?.desiredReplicas ?? 0,
      ...(current === undefined ? {} : { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }] }),
    },
  };
}

export const hpaPrinter = printer<KubeObject>(
  [
    NAME_COLUMN,
    column('Reference', 'string', 'The scaled object, as Kind/name.'),
    column('Targets', 'string', 'Current and target values of each metric.'),
    column('MinPods', 'string', 'The fewest replicas the autoscaler scales to.'),
    column('MaxPods', 'string', 'The most replicas the autoscaler scales to.'),
    column('Replicas', 'string', 'The current number of replicas.'),
    AGE_COLUMN,
  ],
  (obj, now) => {
    const hpa = asV2(obj);
    const min = hpa.spec?.minReplicas;
    return [
      hpa.metadata?.name ?? '',
      `${hpa.spec?.scaleTargetRef.kind ?? ''}/${hpa.spec?.scaleTargetRef.name ?? ''}`,
      formatHpaMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
      min === undefined ? '<unset>' : String(min),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      since(hpa.metadata?.creationTimestamp, now),
    ];
  },
);
