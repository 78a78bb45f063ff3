/**
 * The status a ResourceQuota should show, as Kubernetes 1.32's
 * `syncResourceQuota`: `hard` is `spec.hard`; `used` is the previous
 * `used` overlaid with the usage measured now, masked to the hard names
 * (so a name no evaluator tracks keeps what it had); the status needs a
 * write when hard differs from spec, either half is missing, or a used
 * value changed (by value: `1000m` and `1` are equal).
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { ResourceList } from '../../api/index.js';
import { formatList, listsEqual, maskList, parseResourceList, quotaUsage } from '../../api/index.js';
import type { StateView } from '../../store/index.js';

export interface QuotaStatusDecision {
  readonly status: { readonly hard: Record<string, string>; readonly used: Record<string, string> };
  /** Whether the stored status must be rewritten. */
  readonly dirty: boolean;
}

export function desiredQuotaStatus(view: StateView, q: ResourceQuota, nowMs: number): QuotaStatusDecision {
  const hard = parseResourceList(q.spec?.hard);
  const oldHard = q.status?.hard === undefined ? undefined : parseResourceList(q.status.hard);
  const oldUsed = q.status?.used === undefined ? undefined : parseResourceList(q.status.used);
  const used: ResourceList = maskList({ ...(oldUsed ?? {}), ...quotaUsage(view, q, nowMs) }, Object.keys(hard));
  const dirty = oldHard === undefined || oldUsed === undefined || !listsEqual(hard, oldHard) || !listsEqual(used, oldUsed);
  return { status: { hard: formatList(hard), used: formatList(used) }, dirty };
}
