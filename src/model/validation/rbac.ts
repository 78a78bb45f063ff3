/**
 * rbac.authorization.k8s.io/v1 validation, as Kubernetes 1.32's
 * pkg/apis/rbac/validation: every rule names verbs; a resource rule names
 * API groups and resources, a non-resource rule only URLs (and only in a
 * ClusterRole); an aggregation rule has selectors; a binding's roleRef is in
 * the RBAC group, of an allowed kind, named, and never changes; subjects are
 * User, Group or ServiceAccount with the API group each requires (a
 * ClusterRoleBinding's ServiceAccount names its namespace).
 */
import type { StatusCause } from '../status.js';
import { arr, obj, str, type Obj } from './access.js';
import { child, index, invalidValue, notSupported, required } from './field-errors.js';
import { deepEqual } from './access.js';

const RBAC = 'rbac.authorization.k8s.io';
const list = (v: unknown): string[] => arr(v).filter((s): s is string => typeof s === 'string');

function validateRule(rule: Obj, path: string, namespaced: boolean): StatusCause[] {
  const out: StatusCause[] = [];
  if (list(rule.verbs).length === 0) out.push(required(child(path, 'verbs'), 'verbs must contain at least one value'));
  const urls = list(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) out.push(invalidValue(child(path, 'nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (list(rule.apiGroups).length > 0 || list(rule.resources).length > 0) {
      out.push(invalidValue(child(path, 'nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return out;
  }
  if (list(rule.apiGroups).length === 0) out.push(required(child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (list(rule.resources).length === 0) out.push(required(child(path, 'resources'), 'resource rules must supply at least one resource'));
  return out;
}

/** A Role (namespaced) or ClusterRole. */
export function validateRole(o: Obj, namespaced: boolean): StatusCause[] {
  const out: StatusCause[] = [];
  arr(o.rules).forEach((r, i) => out.push(...validateRule(obj(r), index('rules', i), namespaced)));
  if (!namespaced && o.aggregationRule !== undefined && o.aggregationRule !== null) {
    if (arr(obj(o.aggregationRule).clusterRoleSelectors).length === 0) {
      out.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
  }
  return out;
}

/** A RoleBinding (namespaced) or ClusterRoleBinding. */
export function validateRoleBinding(o: Obj, namespaced: boolean): StatusCause[] {
  const out: StatusCause[] = [];
  const ref = obj(o.roleRef);
  if (str(ref.apiGroup) !== RBAC) out.push(notSupported('roleRef.apiGroup', str(ref.apiGroup), [RBAC]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref.kind))) out.push(notSupported('roleRef.kind', str(ref.kind), kinds));
  if (str(ref.name) === '') out.push(required('roleRef.name'));
  arr(o.subjects).forEach((raw, i) => {
    const s = obj(raw);
    const p = index('subjects', i);
    if (str(s.name) === '') out.push(required(child(p, 'name')));
    switch (str(s.kind)) {
      case 'ServiceAccount':
        if (str(s.apiGroup) !== '') out.push(notSupported(child(p, 'apiGroup'), str(s.apiGroup), ['']));
        if (!namespaced && str(s.namespace) === '') out.push(required(child(p, 'namespace')));
        break;
      case 'User':
      case 'Group':
        if (str(s.apiGroup) !== RBAC) out.push(notSupported(child(p, 'apiGroup'), str(s.apiGroup), [RBAC]));
        break;
      default:
        out.push(notSupported(child(p, 'kind'), str(s.kind), ['ServiceAccount', 'User', 'Group']));
    }
  });
  return out;
}

/** A binding's roleRef cannot change (delete and recreate the binding instead). */
export function validateRoleBindingUpdate(oldObj: Obj, newObj: Obj): StatusCause[] {
  return deepEqual(oldObj.roleRef, newObj.roleRef) ? [] : [invalidValue('roleRef', newObj.roleRef, 'cannot change roleRef')];
}
