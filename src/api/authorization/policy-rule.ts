/**
 * RBAC's rule matching, as Kubernetes 1.32 evaluates a `PolicyRule`
 * (pkg/apis/rbac/v1 evaluation helpers): `*` matches any verb, group,
 * resource or URL; a rule resource `pods/status` matches only that
 * subresource, `*\/scale` the `scale` subresource of any resource, `*` every
 * resource and subresource; an empty `resourceNames` list matches any name
 * (and a request without a name only such a rule); a non-resource URL ending
 * in `*` matches by prefix.
 *
 * @example
 * ruleAllows({ verbs: ['get'], apiGroups: [''], resources: ['pods/status'] }, { verb: 'get', group: '', resource: 'pods', subresource: 'status', namespace: 'a', name: 'p' }) // true
 */

/** One rule of a Role or ClusterRole (`rbac.authorization.k8s.io/v1` PolicyRule). */
export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** What an authorizer is asked: a resource request, or a non-resource request (a path such as `/version`). */
export type RequestAttributes =
  | {
      readonly kind: 'resource';
      readonly verb: string;
      readonly group: string;
      readonly resource: string;
      readonly subresource?: string;
      /** '' for cluster-scoped resources and cluster-wide requests. */
      readonly namespace: string;
      /** '' when the request names no object. */
      readonly name: string;
    }
  | { readonly kind: 'nonResource'; readonly verb: string; readonly path: string };

const ALL = '*';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs) if (v === ALL || v === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const g of rule.apiGroups ?? []) if (g === ALL || g === group) return true;
  return false;
}

export function resourceMatches(rule: PolicyRule, resource: string, subresource: string | undefined): boolean {
  const combined = subresource === undefined || subresource === '' ? resource : `${resource}/${subresource}`;
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combined) return true;
    // `*/scale` grants the scale subresource of every resource.
    if (subresource !== undefined && subresource !== '' && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === ALL || u === path) return true;
    if (u.endsWith(ALL) && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

/** Whether `rule` grants `req`. */
export function ruleAllows(rule: PolicyRule, req: RequestAttributes): boolean {
  if (req.kind === 'nonResource') return verbMatches(rule, req.verb) && nonResourceURLMatches(rule, req.path);
  return (
    verbMatches(rule, req.verb) &&
    apiGroupMatches(rule, req.group) &&
    resourceMatches(rule, req.resource, req.subresource) &&
    resourceNameMatches(rule, req.name)
  );
}

/** A rule from untyped JSON (a stored object), keeping only well-formed string lists. */
export function policyRuleOf(raw: unknown): PolicyRule | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const list = (v: unknown): readonly string[] | undefined => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);
  const verbs = list(r.verbs);
  if (verbs === undefined) return undefined;
  const out: { -readonly [K in keyof PolicyRule]: PolicyRule[K] } = { verbs };
  const apiGroups = list(r.apiGroups);
  const resources = list(r.resources);
  const resourceNames = list(r.resourceNames);
  const nonResourceURLs = list(r.nonResourceURLs);
  if (apiGroups !== undefined) out.apiGroups = apiGroups;
  if (resources !== undefined) out.resources = resources;
  if (resourceNames !== undefined) out.resourceNames = resourceNames;
  if (nonResourceURLs !== undefined) out.nonResourceURLs = nonResourceURLs;
  return out;
}
