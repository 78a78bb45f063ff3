/**
 * How the HPA turns a metric recommendation into the replica count it
 * writes, as Kubernetes 1.32's horizontal.go (pkg/controller/podautoscaler):
 *
 * - without `spec.behavior` (`normalizeDesiredReplicas`): the highest
 *   recommendation of the last 5 minutes (downscale stabilisation), then
 *   [minReplicas, min(maxReplicas, max(2 × current, 4))];
 * - with `spec.behavior` (`normalizeDesiredReplicasWithBehaviors`): the
 *   recommendation is held between the lowest of the scale-up window and
 *   the highest of the scale-down window (windows default 0 s and 300 s),
 *   then limited by the policies over the scale events of each policy's
 *   period (`selectPolicy` Max: the largest change, Min: the smallest,
 *   Disabled: none), and by min/max replicas.
 *
 * The recommendations and scale events are the controller's memory per
 * HPA, kept as Kubernetes keeps them (lost on a controller restart); the
 * functions here mutate the memory they are given, like the Go methods.
 * Times are ms on the run's clock; Go's `Before`/`After` are strict.
 */
import type { HPAScalingRules, HorizontalPodAutoscalerBehavior } from 'kubernetes-types/autoscaling/v2.js';

/** `--horizontal-pod-autoscaler-downscale-stabilization`, default 5 min. */
export const DOWNSCALE_STABILIZATION_MS = 5 * 60_000;
/** The legacy scale-up limit: max(2 × current, 4). */
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

/**
 * `GenerateHPAScaleUpRules` / `GenerateHPAScaleDownRules` (the API's
 * defaults for a behavior, applied again here for objects that lack them):
 * scale up by max(4 pods, 100 %) per 15 s with no stabilisation; scale down
 * by 100 % per 15 s, the window left to the controller (300 s).
 */
export function scaleUpRules(r: HPAScalingRules | undefined): HPAScalingRules {
  return {
    stabilizationWindowSeconds: r?.stabilizationWindowSeconds ?? 0,
    selectPolicy: r?.selectPolicy ?? 'Max',
    policies: r?.policies ?? [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

export function scaleDownRules(r: HPAScalingRules | undefined): HPAScalingRules {
  return {
    ...(r?.stabilizationWindowSeconds === undefined ? {} : { stabilizationWindowSeconds: r.stabilizationWindowSeconds }),
    selectPolicy: r?.selectPolicy ?? 'Max',
    policies: r?.policies ?? [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

export interface Recommendation {
  readonly replicas: number;
  readonly at: number;
}

export interface ScaleEvent {
  readonly change: number;
  readonly at: number;
  outdated: boolean;
}

export interface HpaMemory {
  recommendations: Recommendation[];
  readonly scaleUpEvents: ScaleEvent[];
  readonly scaleDownEvents: ScaleEvent[];
}

export function newMemory(): HpaMemory {
  return { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

/** A limit decision: the count, and the ScalingLimited reason and message that go with it. */
export interface Limited {
  readonly replicas: number;
  readonly reason: string;
  readonly message: string;
}

const WITHIN_RANGE = { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
const TOO_FEW = { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
const TOO_MANY = { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
const UP_LIMIT = { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' };
const DOWN_LIMIT = { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' };

/** `stabilizeRecommendation` (no behavior): the highest recommendation within the window; the oldest stale sample is replaced. */
export function stabilizeRecommendation(mem: HpaMemory, desired: number, now: number, windowMs = DOWNSCALE_STABILIZATION_MS): number {
  let max = desired;
  let oldIndex = -1;
  const cutoff = now - windowMs;
  mem.recommendations.forEach((r, i) => {
    if (r.at < cutoff) oldIndex = i;
    else if (r.replicas > max) max = r.replicas;
  });
  const rec = { replicas: desired, at: now };
  if (oldIndex >= 0) mem.recommendations[oldIndex] = rec;
  else mem.recommendations.push(rec);
  return max;
}

/** `convertDesiredReplicasWithRules` (no behavior). */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): Limited {
  const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
  const [maximumAllowed, over] = max > scaleUpLimit ? [scaleUpLimit, UP_LIMIT] : [max, TOO_MANY];
  if (desired < min) return { replicas: min, ...TOO_FEW };
  if (desired > maximumAllowed) return { replicas: maximumAllowed, ...over };
  return { replicas: desired, ...WITHIN_RANGE };
}

/** `stabilizeRecommendationWithBehaviors`: the stabilised count and the AbleToScale reason/message if it differs. */
export function stabilizeWithBehaviors(
  mem: HpaMemory,
  args: { readonly current: number; readonly desired: number; readonly upWindowS: number; readonly downWindowS: number },
  now: number,
): { readonly replicas: number; readonly reason: string; readonly message: string } {
  const upCutoff = now - args.upWindowS * 1000;
  const downCutoff = now - args.downWindowS * 1000;
  let up = args.desired;
  let down = args.desired;
  let oldIndex = -1;
  mem.recommendations.forEach((r, i) => {
    if (r.at > upCutoff) up = Math.min(r.replicas, up);
    if (r.at > downCutoff) down = Math.max(r.replicas, down);
    if (r.at < upCutoff && r.at < downCutoff) oldIndex = i;
  });
  let replicas = args.current;
  if (replicas < up) replicas = up;
  if (replicas > down) replicas = down;
  const rec = { replicas: args.desired, at: now };
  if (oldIndex >= 0) mem.recommendations[oldIndex] = rec;
  else mem.recommendations.push(rec);
  return args.desired >= args.current
    ? { replicas, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { replicas, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

/** `getReplicasChangePerPeriod`: the replicas changed by events strictly after now − period. */
export function changeInPeriod(periodSeconds: number, events: readonly ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  let sum = 0;
  for (const e of events) if (e.at > cutoff) sum += e.change;
  return sum;
}

/** `calculateScaleUpLimitWithScalingRules`. */
export function scaleUpLimit(current: number, mem: HpaMemory, rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, mem.scaleUpEvents, now) + changeInPeriod(p.periodSeconds, mem.scaleDownEvents, now);
    // Percent rounds up, or a small count could never grow.
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = useMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** `calculateScaleDownLimitWithBehaviors`. */
export function scaleDownLimit(current: number, mem: HpaMemory, rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, mem.scaleUpEvents, now) + changeInPeriod(p.periodSeconds, mem.scaleDownEvents, now);
    // Go's int32(float64) truncates.
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = useMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** `convertDesiredReplicasWithBehaviorRate`. */
export function convertDesiredReplicasWithBehaviorRate(
  mem: HpaMemory,
  args: { readonly current: number; readonly desired: number; readonly min: number; readonly max: number; readonly up: HPAScalingRules; readonly down: HPAScalingRules },
  now: number,
): Limited {
  const { current, desired } = args;
  if (desired > current) {
    const limit = Math.max(scaleUpLimit(current, mem, args.up, now), current);
    const [maximumAllowed, over] = args.max > limit ? [limit, UP_LIMIT] : [args.max, TOO_MANY];
    if (desired > maximumAllowed) return { replicas: maximumAllowed, ...over };
  } else if (desired < current) {
    const limit = Math.min(scaleDownLimit(current, mem, args.down, now), current);
    const [minimumAllowed, under] = args.min < limit ? [limit, DOWN_LIMIT] : [args.min, TOO_FEW];
    if (desired < minimumAllowed) return { replicas: minimumAllowed, ...under };
  }
  return { replicas: desired, ...WITHIN_RANGE };
}

/** `getLongestPolicyPeriod` in ms. */
function longestPeriodMs(rules: HPAScalingRules | undefined): number {
  return Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds)) * 1000;
}

/** `storeScaleEvent`: only with a behavior; an outdated event's slot is reused. */
export function storeScaleEvent(mem: HpaMemory, behavior: HorizontalPodAutoscalerBehavior | undefined, prev: number, next: number, now: number): void {
  if (behavior === undefined) return;
  const up = next > prev;
  const events = up ? mem.scaleUpEvents : mem.scaleDownEvents;
  const cutoff = now - longestPeriodMs(up ? behavior.scaleUp : behavior.scaleDown);
  // `markScaleEventsOutdated`: an event older than the longest period is outdated.
  for (const e of events) if (e.at < cutoff) e.outdated = true;
  const event: ScaleEvent = { change: up ? next - prev : prev - next, at: now, outdated: false };
  const slot = events.findIndex((e) => e.outdated);
  if (slot >= 0) events[slot] = event;
  else events.push(event);
}
