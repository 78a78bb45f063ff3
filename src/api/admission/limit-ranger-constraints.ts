/**
 * LimitRanger's checks of one resource against one LimitRange bound, with
 * Kubernetes 1.32's messages (plugin/pkg/admission/limitranger):
 *
 * - min: `minimum cpu usage per Container is 100m, but request is 50m`
 *   (`.  No request is specified` when there is none; a limit below the
 *   minimum is refused too);
 * - max: `maximum cpu usage per Container is 1, but limit is 2` (`.  No
 *   limit is specified`; a request above the maximum is refused too); for a
 *   PersistentVolumeClaim, which has no limits, only the request counts;
 * - maxLimitRequestRatio: `cpu max limit to request ratio per Container is
 *   2, but provided ratio is 4.000000`.
 *
 * Values are compared in milli-units, as Kubernetes does for every value
 * small enough (it falls back to whole units past 2^63 milli).
 */
import type { Quantity } from '../../model/index.js';
import { formatQuantity, milliValue } from '../../model/index.js';
import type { ResourceList } from './resource-quota-list.js';

export type LimitType = 'Container' | 'Pod' | 'PersistentVolumeClaim';

export function minConstraint(type: LimitType, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[name];
  const lim = limit[name];
  const min = formatQuantity(enforced);
  if (req === undefined) return `minimum ${name} usage per ${type} is ${min}.  No request is specified`;
  if (milliValue(req) < milliValue(enforced)) return `minimum ${name} usage per ${type} is ${min}, but request is ${formatQuantity(req)}`;
  if (lim !== undefined && milliValue(lim) < milliValue(enforced)) return `minimum ${name} usage per ${type} is ${min}, but limit is ${formatQuantity(lim)}`;
  return undefined;
}

export function maxConstraint(type: LimitType, name: string, enforced: Quantity, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[name];
  const lim = limit[name];
  const max = formatQuantity(enforced);
  if (lim === undefined) return `maximum ${name} usage per ${type} is ${max}.  No limit is specified`;
  if (milliValue(lim) > milliValue(enforced)) return `maximum ${name} usage per ${type} is ${max}, but limit is ${formatQuantity(lim)}`;
  if (req !== undefined && milliValue(req) > milliValue(enforced)) return `maximum ${name} usage per ${type} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

/** The maximum for a kind with requests only (a claim's storage). */
export function maxRequestConstraint(type: LimitType, name: string, enforced: Quantity, request: ResourceList): string | undefined {
  const req = request[name];
  const max = formatQuantity(enforced);
  if (req === undefined) return `maximum ${name} usage per ${type} is ${max}.  No request is specified`;
  if (milliValue(req) > milliValue(enforced)) return `maximum ${name} usage per ${type} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

export function limitRequestRatioConstraint(
  type: LimitType,
  name: string,
  enforced: Quantity,
  request: ResourceList,
  limit: ResourceList,
): string | undefined {
  const req = request[name];
  const lim = limit[name];
  const ratio = formatQuantity(enforced);
  if (req === undefined || milliValue(req) === 0n) {
    return `${name} max limit to request ratio per ${type} is ${ratio}, but no request is specified or request is 0`;
  }
  if (lim === undefined || milliValue(lim) === 0n) {
    return `${name} max limit to request ratio per ${type} is ${ratio}, but no limit is specified or limit is 0`;
  }
  const observed = Number(milliValue(lim)) / Number(milliValue(req));
  if (observed * 1000 > Number(milliValue(enforced))) {
    return `${name} max limit to request ratio per ${type} is ${ratio}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
}

/** Kubernetes' aggregate error text: one message alone, several (deduplicated) as `[a, b]`. */
export function aggregate(messages: readonly string[]): string | undefined {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
