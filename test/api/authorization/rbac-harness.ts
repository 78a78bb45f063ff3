/** An API with the RBAC authorizer on and the bootstrap policy reconciled, for the authorization tests. */
import type { Authorizer } from '../../../src/api/index.js';
import { reconcileBootstrapPolicy } from '../../../src/api/authorization/bootstrap-policy.js';
import type { RbacAuthorizer } from '../../../src/api/authorization/rbac-authorizer.js';
import { rbacAuthorizer } from '../../../src/api/authorization/rbac-authorizer.js';
import type { KubeObject, RequestContext } from '../../../src/model/index.js';
import type { Harness } from '../harness.js';
import { harness } from '../harness.js';

export const admin: RequestContext = { actor: 'user:scenario' };
export const RBAC = 'rbac.authorization.k8s.io';

export interface RbacHarness extends Harness {
  readonly rbac: RbacAuthorizer;
  /** Creates (as an admin) the given RBAC objects. */
  grant(...objects: KubeObject[]): Promise<void>;
}

export async function rbacHarness(seed = 1, bootstrap = true): Promise<RbacHarness> {
  const box: { rbac?: RbacAuthorizer } = {};
  // The store exists only once the harness is built: authorize through a box filled right after.
  const authorizer: Authorizer = (ctx, req) => box.rbac?.(ctx, req);
  const h = await harness(seed, { authorizer });
  const r = rbacAuthorizer(h.store);
  box.rbac = r;
  if (bootstrap) await reconcileBootstrapPolicy(h.api);
  return {
    ...h,
    rbac: r,
    async grant(...objects) {
      for (const o of objects) await h.api.applyObject(o, admin);
    },
  };
}

export function role(namespace: string, name: string, rules: unknown[], kind: 'Role' | 'ClusterRole' = 'Role', extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion: `${RBAC}/v1`, kind, metadata: { name, ...(kind === 'Role' ? { namespace } : {}) }, rules, ...extra };
}

export function binding(namespace: string, name: string, roleKind: 'Role' | 'ClusterRole', roleName: string, subjects: unknown[]): KubeObject {
  const kind = namespace === '' ? 'ClusterRoleBinding' : 'RoleBinding';
  return {
    apiVersion: `${RBAC}/v1`,
    kind,
    metadata: { name, ...(namespace === '' ? {} : { namespace }) },
    roleRef: { apiGroup: RBAC, kind: roleKind, name: roleName },
    subjects,
  };
}

export const userSubject = (name: string) => ({ kind: 'User', apiGroup: RBAC, name });
export const groupSubject = (name: string) => ({ kind: 'Group', apiGroup: RBAC, name });
