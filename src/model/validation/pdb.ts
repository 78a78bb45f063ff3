/**
 * policy/v1 PodDisruptionBudget validation, as Kubernetes 1.32's
 * `ValidatePodDisruptionBudgetSpec`: `minAvailable` and `maxUnavailable`
 * are exclusive; each is a non-negative integer or a percentage of at most
 * 100%; the selector is a valid label selector; `unhealthyPodEvictionPolicy`
 * is `AlwaysAllow` or `IfHealthyBudget`. (The status is not checked here:
 * policy/v1beta1 writers may leave negative counts, which the eviction
 * subresource answers with 403.)
 */
import type { LabelSelector } from '../labels/index.js';
import { validateLabelSelector } from '../labels/index.js';
import type { StatusCause } from '../status.js';
import { isInt, obj, type Obj } from './access.js';
import { invalidValue, notSupported } from './field-errors.js';
import { isValidPercent } from './identifiers.js';
import { nonNegative } from './pod.js';

export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'] as const;

/** `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent`. */
function intOrPercent(v: unknown, path: string): StatusCause[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') {
    const bad = isValidPercent(v).map((m) => invalidValue(path, v, m));
    if (bad.length > 0) return bad;
    return Number(v.slice(0, -1)) > 100 ? [invalidValue(path, v, 'must not be greater than 100%')] : [];
  }
  if (isInt(v)) return nonNegative(path, v);
  return [invalidValue(path, v, "must be an integer or percentage (e.g '5%')")];
}

export function validatePodDisruptionBudget(o: Obj): StatusCause[] {
  const spec = obj(o['spec']);
  const out: StatusCause[] = [];
  const has = (k: string): boolean => spec[k] !== undefined && spec[k] !== null;
  if (has('minAvailable') && has('maxUnavailable')) out.push(invalidValue('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  out.push(...intOrPercent(spec['minAvailable'], 'spec.minAvailable'));
  out.push(...intOrPercent(spec['maxUnavailable'], 'spec.maxUnavailable'));
  out.push(...validateLabelSelector(spec['selector'] as LabelSelector | undefined, 'spec.selector'));
  const policy = spec['unhealthyPodEvictionPolicy'];
  if (policy !== undefined && policy !== null && !(UNHEALTHY_POD_EVICTION_POLICIES as readonly unknown[]).includes(policy)) {
    out.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return out;
}
