/**
 * A ResourceQuota's usage, measured from the state: for every resource
 * name in `spec.hard` some evaluator charges, the sum over the namespace's
 * objects that fall under the quota's scopes, starting from zero — what
 * Kubernetes' `quota.CalculateUsage` computes for the quota controller
 * (and what the admission plugin compares against). Pure: the same view,
 * quota and time give the same usage.
 *
 * @example
 * formatList(quotaUsage(view, quota, now)) // { 'limits.cpu': '2', pods: '3' }
 */
import type { ResourceQuota, ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1.js';
import type { KubeObject, Quantity } from '../../model/index.js';
import { ZERO_QUANTITY } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { evaluatorFor, type QuotaEvaluator } from './resource-quota-evaluators.js';
import { addLists, maskList, parseResourceList, type ResourceList } from './resource-quota-list.js';

/** The quota's scopes as selector requirements: `spec.scopes` (each `Exists`) then `spec.scopeSelector`. */
export function quotaScopeSelectors(q: ResourceQuota): ScopedResourceSelectorRequirement[] {
  return [
    ...(q.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })),
    ...(q.spec?.scopeSelector?.matchExpressions ?? []),
  ];
}

/** `spec.hard`, parsed. */
export const quotaHard = (q: ResourceQuota): ResourceList => parseResourceList(q.spec?.hard);

/** Whether `obj` (of `ev`'s resource) falls under every scope of `q` (no scopes: everything does). */
export function quotaMatchesObject(q: ResourceQuota, ev: QuotaEvaluator, obj: KubeObject): boolean {
  return quotaScopeSelectors(q).every((s) => ev.matchesScope(s, obj));
}

const LEGACY_TO_RESOURCE: Readonly<Record<string, string>> = {
  pods: 'pods',
  cpu: 'pods',
  memory: 'pods',
  services: 'services',
  'services.nodeports': 'services',
  'services.loadbalancers': 'services',
  persistentvolumeclaims: 'persistentvolumeclaims',
  'requests.storage': 'persistentvolumeclaims',
  configmaps: 'configmaps',
  secrets: 'secrets',
  resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers',
};

/** The resources (`group/resource`) whose evaluators can charge some name of `names`, sorted. */
export function evaluatorsFor(names: readonly string[]): QuotaEvaluator[] {
  const resources = new Set<string>();
  for (const n of names) {
    const legacy = LEGACY_TO_RESOURCE[n];
    if (legacy !== undefined) resources.add(`/${legacy}`);
    else if (n.startsWith('count/')) {
      const rest = n.slice('count/'.length);
      const dot = rest.indexOf('.');
      resources.add(dot < 0 ? `/${rest}` : `${rest.slice(dot + 1)}/${rest.slice(0, dot)}`);
    } else if (n.includes('.storageclass.storage.k8s.io/')) resources.add('/persistentvolumeclaims');
    else resources.add('/pods'); // requests.*, limits.*, hugepages-*, extended resources
  }
  const out: QuotaEvaluator[] = [];
  for (const gr of [...resources].sort()) {
    const slash = gr.indexOf('/');
    const ev = evaluatorFor(gr.slice(0, slash), gr.slice(slash + 1));
    if (ev !== undefined && ev.matchingResources(names).length > 0) out.push(ev);
  }
  return out;
}

/** The names of `q`'s hard limits some evaluator tracks. */
export function trackedNames(q: ResourceQuota): string[] {
  const names = Object.keys(quotaHard(q)).sort();
  const tracked = new Set<string>();
  for (const ev of evaluatorsFor(names)) for (const n of ev.matchingResources(names)) tracked.add(n);
  return names.filter((n) => tracked.has(n));
}

/**
 * The usage of `q` in its namespace at `view`: every tracked name present
 * (zero when nothing uses it). `nowMs` (unix ms) lets a pod past its
 * deletion grace period stop counting.
 */
export function quotaUsage(view: StateView, q: ResourceQuota, nowMs?: number): ResourceList {
  const namespace = q.metadata?.namespace ?? '';
  const names = Object.keys(quotaHard(q)).sort();
  let used: ResourceList = {};
  for (const ev of evaluatorsFor(names)) {
    const matched = ev.matchingResources(names);
    const zeros: Record<string, Quantity> = {};
    for (const n of matched) zeros[n] = ZERO_QUANTITY;
    let sum: ResourceList = zeros;
    for (const obj of view.list({ group: ev.group, resource: ev.resource, namespace })) {
      if (quotaMatchesObject(q, ev, obj)) sum = addLists(sum, ev.usage(obj, nowMs));
    }
    used = addLists(used, maskList(sum, matched));
  }
  return used;
}
