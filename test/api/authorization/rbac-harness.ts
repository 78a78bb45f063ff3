/** An API with the RBAC authorizer on and the bootstrap policy reconciled, for the authorization tests. */
import { createApi } from '../../../src/api/index.js';
import { createMemoryLog } from '../../../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../../../src/model/index.js';
import { virtualClock } from '../../../src/runtime/index.js';
import { openStore } from '../../../src/store/index.js';
import { reconcileBootstrapPolicy } from '../../../src/api/authorization/bootstrap-policy.js';
import type { RbacAuthorizer } from '../../../src/api/authorization/rbac-authorizer.js';
import { rbacAuthorizer } from '../../../src/api/authorization/rbac-authorizer.js';
import { rbacEscalationPlugin } from '../../../src/api/authorization/rbac-escalation.js';
import type { KubeObject, RequestContext } from '../../../src/model/index.js';
import type { Harness } from '../harness.js';
import { EPOCH } from '../harness.js';

export const admin: RequestContext = { actor: 'user:scenario' };
export const RBAC = 'rbac.authorization.k8s.io';

export interface RbacHarness extends Harness {
  readonly rbac: RbacAuthorizer;
  /** Creates (as an admin) the given RBAC objects. */
  grant(...objects: KubeObject[]): Promise<void>;
}

export async function rbacHarness(seed = 1, bootstrap = true, opts: { escalation?: boolean } = {}): Promise<RbacHarness> {
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: EPOCH, clock: 'virtual', seed });
  const store = await openStore(log);
  const clock = virtualClock(0);
  const r = rbacAuthorizer(store);
  // `bootstrap: false` leaves the policy out (Api.bootstrap would reconcile it for an RBAC authorizer).
  const api = createApi({
    log,
    store,
    clock,
    ids: seededIds(seededRandom(seed)),
    authorizer: bootstrap ? r : (ctx, req) => r(ctx, req),
    ...(opts.escalation === true ? { admission: [rbacEscalationPlugin(r)] } : {}),
  });
  await api.bootstrap();
  if (bootstrap) await reconcileBootstrapPolicy(api);
  const h: Harness = { api, log, store, clock };
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
