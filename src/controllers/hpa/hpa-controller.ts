/**
 * The HorizontalPodAutoscaler controller (autoscaling/v2), as
 * kube-controller-manager 1.32's `horizontalpodautoscaling` controller
 * (pkg/controller/podautoscaler/horizontal.go, `reconcileAutoscaler`):
 *
 * 1. read the target's scale (Deployment, ReplicaSet, StatefulSet,
 *    ReplicationController): failure → AbleToScale False FailedGetScale;
 * 2. a target scaled to 0 (with minReplicas ≠ 0) → ScalingActive False
 *    ScalingDisabled; outside [minReplicas, maxReplicas] → clamp;
 *    otherwise the metrics' proposal (metric-replicas.ts), stabilised and
 *    rate-limited (scaling-rules.ts);
 * 3. a new count is written through the target's `scale` subresource, with
 *    a `SuccessfulRescale` event ("New size: N; reason: ...") and
 *    AbleToScale True SucceededRescale;
 * 4. status (currentReplicas, desiredReplicas, currentMetrics, conditions,
 *    lastScaleTime) is written when it changed.
 *
 * Timing as Kubernetes: the work queue adds every HPA with the resync
 * period's fixed delay, so the first sync is 15 s after the HPA appears and
 * every next one 15 s later; changes to HPAs (its own status writes
 * included) do not wake it early. Metrics are read from the world at
 * `ctx.now` through `UsageSource`, never from a clock.
 *
 * Memory: like Kubernetes, the controller keeps per HPA its recent
 * recommendations and scale events in memory (lost with the controller);
 * they are a function of its earlier reconciles, so re-feeding the
 * recorded reconciles in order to a fresh `hpaController(world)`
 * reproduces them.
 *
 * @example
 * manager.add(hpaController(world));
 */
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { HorizontalPodAutoscaler as V1Hpa } from 'kubernetes-types/autoscaling/v1.js';
import type { Command, KubeObject, UsageSource } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, ReconcileContext } from '../controller.js';
import { done } from '../controller.js';
import { recordEvent } from '../events.js';
import { sameJson } from '../node-agent/same-json.js';
import type { ConditionType } from './hpa-status.js';
import { setCondition, v1Status, v2Status } from './hpa-status.js';
import { computeReplicasForMetrics } from './metric-replicas.js';
import type { CalculatorConfig } from './replica-calculator.js';
import { readScaleTarget } from './scale-target.js';
import type { HpaMemory } from './scaling-rules.js';
import {
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  DOWNSCALE_STABILIZATION_MS,
  newMemory,
  scaleDownRules,
  scaleUpRules,
  stabilizeRecommendation,
  stabilizeWithBehaviors,
  storeScaleEvent,
} from './scaling-rules.js';

export const HPA_CONTROLLER = 'horizontalpodautoscaling';
export const HPA_COMPONENT = 'horizontal-pod-autoscaler';
/** `--horizontal-pod-autoscaler-sync-period`, default 15 s. */
export const HPA_SYNC_PERIOD_MS = 15_000;

export interface HpaOptions extends Partial<CalculatorConfig> {
  readonly syncPeriodMs?: number;
  readonly downscaleStabilizationMs?: number;
}

const DEFAULT_CPU: MetricSpec = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };

function stamp(ctx: Pick<ReconcileContext, 'now' | 'epoch'>): string {
  return new Date(ctx.epoch + ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An autoscaling/v1 object read as v2: its one CPU target (default 80 %). */
function asV2(obj: KubeObject): HorizontalPodAutoscaler {
  if (obj.apiVersion !== 'autoscaling/v1') return obj as HorizontalPodAutoscaler;
  const v1 = obj as unknown as V1Hpa;
  const v1spec = v1.spec ?? { scaleTargetRef: { kind: '', name: '' }, maxReplicas: 0 };
  const cpu = v1spec.targetCPUUtilizationPercentage ?? 80;
  return {
    metadata: v1.metadata ?? {},
    spec: {
      scaleTargetRef: v1spec.scaleTargetRef,
      ...(v1spec.minReplicas === undefined ? {} : { minReplicas: v1spec.minReplicas }),
      maxReplicas: v1spec.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }],
    },
    ...(v1.status === undefined ? {} : { status: { ...v1.status, desiredReplicas: v1.status.desiredReplicas } }),
  };
}

export function hpaController(source: UsageSource, options: HpaOptions = {}): ControllerDefinition {
  const cfg: CalculatorConfig = {
    tolerance: options.tolerance ?? 0.1,
    cpuInitializationPeriodMs: options.cpuInitializationPeriodMs ?? 5 * 60_000,
    delayOfInitialReadinessStatusMs: options.delayOfInitialReadinessStatusMs ?? 30_000,
  };
  const syncPeriodMs = options.syncPeriodMs ?? HPA_SYNC_PERIOD_MS;
  const downscaleMs = options.downscaleStabilizationMs ?? DOWNSCALE_STABILIZATION_MS;
  /** HPAs seen (their first sync is one period later) and their memory once synced. */
  const seen = new Set<string>();
  const memory = new Map<string, HpaMemory>();

  return {
    name: HPA_CONTROLLER,
    for: { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
    // Only appearance and deletion wake a key; everything else waits for the next sync.
    predicates: [(c) => c.type !== 'MODIFIED'],
    reconcile(key, view, ctx) {
      const stored = view.get(key);
      if (stored === undefined) {
        seen.delete(key);
        memory.delete(key);
        return done();
      }
      if (!seen.has(key)) {
        seen.add(key);
        return { commands: [], requeueAfterMs: syncPeriodMs };
      }
      const commands = reconcileAutoscaler(stored, key, view, ctx);
      return { commands, requeueAfterMs: syncPeriodMs };
    },
  };

  function reconcileAutoscaler(stored: KubeObject, key: string, view: StateView, ctx: ReconcileContext): Command[] {
    const hpa = asV2(stored);
    const spec = hpa.spec;
    const now = stamp(ctx);
    const conditions: HorizontalPodAutoscalerCondition[] = (hpa.status?.conditions ?? []).map((c) => ({ ...c }));
    const cond = (type: ConditionType, status: 'True' | 'False', reason: string, message: string): void => setCondition(conditions, type, status, reason, message, now);
    const commands: Command[] = [];
    const event = (type: 'Normal' | 'Warning', reason: string, message: string): void =>
      void commands.push(recordEvent(view, ctx, { object: stored, type, reason, message, component: HPA_COMPONENT }));
    const writeStatus = (status: HorizontalPodAutoscalerStatus): Command[] => {
      const out = stored.apiVersion === 'autoscaling/v1' ? v1Status(status) : status;
      if (sameJson(out, stored['status'] ?? {})) return commands;
      return [...commands, { type: 'update', subresource: 'status', object: { ...stored, status: out } }];
    };
    const keepStatus = (metrics?: readonly MetricStatus[], current?: number): HorizontalPodAutoscalerStatus => ({
      ...(hpa.status ?? { desiredReplicas: 0 }),
      ...(current === undefined ? {} : { currentReplicas: current }),
      ...(metrics === undefined ? {} : { currentMetrics: [...metrics] }),
      ...(conditions.length === 0 ? {} : { conditions }),
    });

    const namespace = hpa.metadata?.namespace ?? 'default';
    const target = readScaleTarget(view, namespace, spec?.scaleTargetRef);
    if ('error' in target) {
      event('Warning', 'FailedGetScale', target.error);
      cond('AbleToScale', 'False', 'FailedGetScale', target.badVersion === true ? target.error : `the HPA controller was unable to get the target's current scale: ${target.error}`);
      return writeStatus(keepStatus());
    }
    cond('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
    const current = target.specReplicas;
    let mem = memory.get(key);
    if (mem === undefined) {
      // `recordInitialRecommendation`: the current size, as of this first sync.
      mem = newMemory();
      mem.recommendations.push({ replicas: current, at: ctx.now });
      memory.set(key, mem);
    }
    const min = spec?.minReplicas ?? 1;
    const max = spec?.maxReplicas ?? 0;
    let desired = 0;
    let reason = '';
    let rescale = true;
    let statuses: readonly MetricStatus[] = [];

    if (current === 0 && min !== 0) {
      desired = 0;
      rescale = false;
      cond('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
    } else if (current > max) {
      reason = 'Current number of replicas above Spec.MaxReplicas';
      desired = max;
    } else if (current < min) {
      reason = 'Current number of replicas below Spec.MinReplicas';
      desired = min;
    } else {
      if (target.selector === undefined) {
        event('Warning', 'SelectorRequired', 'selector is required');
        cond('ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector");
        event('Warning', 'FailedComputeMetricsReplicas', 'selector is required');
        return writeStatus(keepStatus([], current));
      }
      const specs = spec?.metrics !== undefined && spec.metrics.length > 0 ? spec.metrics : [DEFAULT_CPU];
      const out = computeReplicasForMetrics(
        { view, source, hpa, specReplicas: current, selector: target.selector, now: ctx.now, epoch: ctx.epoch, cfg },
        specs,
      );
      statuses = out.statuses;
      if (out.firstInvalid !== undefined) event('Warning', out.firstInvalid.reason, out.firstInvalid.eventMessage);
      if (out.replicas === -1) {
        const inv = out.firstInvalid;
        if (inv !== undefined) cond('ScalingActive', 'False', inv.reason, `the HPA was unable to compute the replica count: ${inv.eventMessage}`);
        event('Warning', 'FailedComputeMetricsReplicas', out.error ?? '');
        return writeStatus(keepStatus(statuses, current));
      }
      cond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${out.metric}`);
      const proposal = out.replicas;
      if (proposal > current) reason = `${out.metric} above target`;
      if (proposal < current) reason = 'All metrics below target';
      desired = spec?.behavior === undefined ? normalize(mem, current, proposal, min, max, ctx.now) : normalizeWithBehaviors(mem, current, proposal, min, max, ctx.now);
      rescale = desired !== current;
    }

    let rescaledAt: string | undefined;
    if (rescale) {
      commands.unshift({
        type: 'patch',
        ref: { apiVersion: target.apiVersion, kind: target.kind, namespace, name: target.name },
        subresource: 'scale',
        patchType: 'merge',
        patch: { spec: { replicas: desired } },
      });
      cond('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
      event('Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      storeScaleEvent(mem, spec?.behavior, current, desired, ctx.now);
      rescaledAt = now;
    } else {
      desired = current;
    }
    return writeStatus(v2Status(hpa.status, current, desired, statuses, conditions, rescaledAt));

    function normalize(m: HpaMemory, cur: number, proposal: number, lo: number, hi: number, at: number): number {
      const stabilized = stabilizeRecommendation(m, proposal, at, downscaleMs);
      if (stabilized !== proposal) cond('AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation');
      else cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
      const limited = convertDesiredReplicasWithRules(cur, stabilized, lo, hi);
      cond('ScalingLimited', limited.replicas === stabilized ? 'False' : 'True', limited.reason, limited.message);
      return limited.replicas;
    }

    function normalizeWithBehaviors(m: HpaMemory, cur: number, proposal: number, lo: number, hi: number, at: number): number {
      const up = scaleUpRules(spec?.behavior?.scaleUp);
      // `maybeInitScaleDownStabilizationWindow`: an unset scale-down window is the controller's (5 min).
      const down = scaleDownRules(spec?.behavior?.scaleDown);
      const downWindowS = down.stabilizationWindowSeconds ?? downscaleMs / 1000;
      const stabilized = stabilizeWithBehaviors(m, { current: cur, desired: proposal, upWindowS: up.stabilizationWindowSeconds ?? 0, downWindowS }, at);
      if (stabilized.replicas !== proposal) cond('AbleToScale', 'True', stabilized.reason, stabilized.message);
      else cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
      const limited = convertDesiredReplicasWithBehaviorRate(m, { current: cur, desired: stabilized.replicas, min: lo, max: hi, up, down }, at);
      cond('ScalingLimited', limited.replicas === stabilized.replicas ? 'False' : 'True', limited.reason, limited.message);
      return limited.replicas;
    }
  }

}
