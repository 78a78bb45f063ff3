/**
 * rbac.authorization.k8s.io/v1 defaults (SetDefaults_RoleBinding,
 * SetDefaults_ClusterRoleBinding, SetDefaults_Subject): an empty
 * `roleRef.apiGroup` and an empty `apiGroup` of a User or Group subject
 * become `rbac.authorization.k8s.io`; a ServiceAccount subject keeps the core
 * group, whose empty value is omitted. In place, as every defaulter here.
 */
import { isObj, type Obj } from './defaults-util.js';

const RBAC = 'rbac.authorization.k8s.io';

export function defaultRoleBinding(o: Obj): void {
  if (isObj(o.roleRef) && (o.roleRef.apiGroup === undefined || o.roleRef.apiGroup === '')) o.roleRef.apiGroup = RBAC;
  if (!Array.isArray(o.subjects)) return;
  for (const s of o.subjects as unknown[]) {
    if (!isObj(s) || (s.kind !== 'User' && s.kind !== 'Group')) continue;
    if (s.apiGroup === undefined || s.apiGroup === '') s.apiGroup = RBAC;
  }
}
