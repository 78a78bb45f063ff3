/**
 * The HPA's status as horizontal.go builds it: conditions set in the order
 * first set (AbleToScale, ScalingActive, ScalingLimited), a condition's
 * `lastTransitionTime` moved only when its status flips (`setCondition`),
 * and `setStatus` replacing currentReplicas, desiredReplicas and
 * currentMetrics while keeping lastScaleTime unless this sync rescaled.
 * An autoscaling/v1 object gets the v1 fields (no conditions).
 */
import type { HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { HorizontalPodAutoscalerStatus as V1Status } from 'kubernetes-types/autoscaling/v1.js';

export type ConditionType = 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';

/** `setCondition`: updates in place (or appends), stamping the transition only on a status change. */
export function setCondition(
  conditions: HorizontalPodAutoscalerCondition[],
  type: ConditionType,
  status: 'True' | 'False',
  reason: string,
  message: string,
  nowStamp: string,
): void {
  let i = conditions.findIndex((c) => c.type === type);
  if (i < 0) {
    conditions.push({ type, status: '' });
    i = conditions.length - 1;
  }
  const old = conditions[i] as HorizontalPodAutoscalerCondition;
  const lastTransitionTime = old.status !== status ? nowStamp : old.lastTransitionTime;
  conditions[i] = { type, status, ...(lastTransitionTime === undefined ? {} : { lastTransitionTime }), reason, message };
}

/** `setStatus` for v2. */
export function v2Status(
  prev: HorizontalPodAutoscalerStatus | undefined,
  current: number,
  desired: number,
  metrics: readonly MetricStatus[],
  conditions: readonly HorizontalPodAutoscalerCondition[],
  rescaledAt: string | undefined,
): HorizontalPodAutoscalerStatus {
  const lastScaleTime = rescaledAt ?? prev?.lastScaleTime;
  return {
    ...(current === 0 ? {} : { currentReplicas: current }),
    desiredReplicas: desired,
    ...(metrics.length === 0 ? {} : { currentMetrics: [...metrics] }),
    ...(conditions.length === 0 ? {} : { conditions: [...conditions] }),
    ...(lastScaleTime === undefined ? {} : { lastScaleTime }),
  };
}

/** The v1 status of the same decision: the CPU utilization of the one metric. */
export function v1Status(v2: HorizontalPodAutoscalerStatus): V1Status {
  const cpu = v2.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu')?.resource?.current.averageUtilization;
  return {
    currentReplicas: v2.currentReplicas ?? 0,
    desiredReplicas: v2.desiredReplicas,
    ...(cpu === undefined ? {} : { currentCPUUtilizationPercentage: cpu }),
    ...(v2.lastScaleTime === undefined ? {} : { lastScaleTime: v2.lastScaleTime }),
  };
}
