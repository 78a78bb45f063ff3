/**
 * The ResourceQuota admission decision, as Kubernetes 1.32's
 * `resourcequota.CheckRequest`, as a pure function of the state: find the
 * namespace's quotas (by name) that match the object (a hard name its
 * evaluator charges, and every scope), refuse an object that lacks compute
 * values a matching quota demands (`failed quota: q: must specify ...`),
 * measure the object's usage (on update: only what it adds), and refuse
 * when any quota's used plus requested would pass its hard limit
 * (`exceeded quota: q, requested: ..., used: ..., limited: ...`).
 *
 * Two differences from Kubernetes, both from measuring usage from the state
 * instead of charging `status.used` in admission: the hard limits are
 * `spec.hard` (so a raised quota admits at once, and a quota the controller
 * has not synced yet never answers "status unknown"), and `used` is
 * measured from the view plus the caller's not-yet-visible charges.
 *
 * @example
 * const v = checkQuota({ view, operation: 'CREATE', group: '', resource: 'pods', namespace: 'ns', object: pod });
 * if (v.refusal !== undefined) console.log(v.refusal.message); // exceeded quota: q, requested: pods=1, used: pods=3, limited: pods=3
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { AdmissionOperation } from './admission-plugin.js';
import { constraintMessage, evaluatorFor, type QuotaEvaluator } from './resource-quota-evaluators.js';
import {
  addLists,
  exceededNames,
  isZeroList,
  maskList,
  negativeNames,
  prettyPrint,
  subtractNonNegative,
  type ResourceList,
} from './resource-quota-list.js';
import { quotaHard, quotaMatchesObject, quotaUsage } from './resource-quota-usage.js';

export interface QuotaRequest {
  readonly view: StateView;
  readonly operation: AdmissionOperation;
  readonly group: string;
  readonly resource: string;
  readonly namespace: string;
  readonly object: KubeObject;
  readonly oldObject?: KubeObject;
  /** Unix ms, for pods past their deletion grace period. */
  readonly nowMs?: number;
  /** Usage admitted but not yet visible in `view`, per quota (what a concurrent create already claimed). */
  readonly pending?: (quota: ResourceQuota, evaluator: QuotaEvaluator) => ResourceList;
}

export interface QuotaRefusal {
  /** The quota that refuses. */
  readonly quota: string;
  /** `exceeded`: over a hard limit; `constraints`: a container lacks a value the quota demands; `negative`: negative usage. */
  readonly reason: 'exceeded' | 'constraints' | 'negative';
  /** The resource names at fault, sorted. */
  readonly resources: readonly string[];
  /** The text after `<resource> "<name>" is forbidden: `. */
  readonly message: string;
}

export interface QuotaVerdict {
  readonly refusal?: QuotaRefusal;
  /** What the write adds to quota usage (undefined: nothing is charged). */
  readonly charge?: ResourceList;
  readonly evaluator?: QuotaEvaluator;
}

/** The namespace's quotas, sorted by name. */
export function namespaceQuotas(view: StateView, namespace: string): ResourceQuota[] {
  return (view.list({ group: '', resource: 'resourcequotas', namespace }) as unknown as ResourceQuota[])
    .slice()
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
}

export function checkQuota(r: QuotaRequest): QuotaVerdict {
  if (r.namespace === '') return {};
  const ev = evaluatorFor(r.group, r.resource);
  if (ev === undefined || !ev.handles(r.operation)) return {};
  const interesting: ResourceQuota[] = [];
  for (const q of namespaceQuotas(r.view, r.namespace)) {
    const restricted = ev.matchingResources(Object.keys(quotaHard(q)).sort());
    if (restricted.length === 0 || !quotaMatchesObject(q, ev, r.object)) continue;
    const missing = ev.constraints(restricted, r.object);
    if (missing.size > 0) {
      const name = q.metadata?.name ?? '';
      const resources = [...missing.keys()].sort();
      return { refusal: { quota: name, reason: 'constraints', resources, message: `failed quota: ${name}: ${constraintMessage(missing)}` } };
    }
    interesting.push(q);
  }
  if (interesting.length === 0) return {};

  let delta = ev.usage(r.object, r.nowMs);
  const negative = negativeNames(delta);
  if (negative.length > 0) {
    return {
      refusal: {
        quota: interesting[0]?.metadata?.name ?? '',
        reason: 'negative',
        resources: negative,
        message: `quota usage is negative for resource(s): ${negative.join(',')}`,
      },
    };
  }
  // An update whose previous version was stored is charged only what it adds.
  if (r.operation === 'UPDATE' && r.oldObject?.metadata.resourceVersion !== undefined) {
    delta = subtractNonNegative(delta, ev.usage(r.oldObject, r.nowMs));
  }
  if (isZeroList(delta)) return {};

  for (const q of interesting) {
    const hard = quotaHard(q);
    const hardNames = Object.keys(hard);
    const pending = r.pending?.(q, ev) ?? {};
    const used = addLists(quotaUsage(r.view, q, r.nowMs), maskList(pending, hardNames));
    const requested = maskList(delta, hardNames);
    const exceeded = exceededNames(maskList(addLists(used, requested), Object.keys(requested)), hard);
    if (exceeded.length > 0) {
      const name = q.metadata?.name ?? '';
      return {
        refusal: {
          quota: name,
          reason: 'exceeded',
          resources: exceeded,
          message:
            `exceeded quota: ${name}, requested: ${prettyPrint(maskList(requested, exceeded))}, ` +
            `used: ${prettyPrint(maskList(used, exceeded))}, limited: ${prettyPrint(maskList(hard, exceeded))}`,
        },
      };
    }
  }
  return { charge: delta, evaluator: ev };
}

/**
 * Which quota, and which of its resources, would refuse creating `object`
 * in `namespace` at `view` — the fact `whynot` needs for a blocked create;
 * undefined when no quota stands in the way.
 *
 * @example
 * quotaBlocking(view, 'shop', podFromTemplate) // { quota: 'pods-3', reason: 'exceeded', resources: ['pods'], message: 'exceeded quota: ...' }
 */
export function quotaBlocking(
  view: StateView,
  namespace: string,
  object: KubeObject,
  opts: { group?: string; resource?: string; nowMs?: number } = {},
): QuotaRefusal | undefined {
  return checkQuota({
    view,
    operation: 'CREATE',
    group: opts.group ?? '',
    resource: opts.resource ?? 'pods',
    namespace,
    object,
    ...(opts.nowMs === undefined ? {} : { nowMs: opts.nowMs }),
  }).refusal;
}
