/**
 * The facts behind an authorization decision, for `whynot` and the
 * debugger: who the actor is to RBAC, every binding that applies to it where
 * the request is made, whether each one's role exists and grants the
 * request, and the 403 Kubernetes would answer. Pure: a state view in, data
 * out (what the history held at that revision decides).
 *
 * @example
 * const facts = accessFacts(store.at(rev), userOf('controller:replicaset'), { kind: 'resource', verb: 'create', group: '', resource: 'pods', namespace: 'default', name: '' });
 * facts.allowed // false
 * facts.bindings // [{ kind: 'ClusterRoleBinding', name: 'system:controller:replicaset-controller', role: ..., grants: false }, ...]
 */
import type { StateView } from '../../store/index.js';
import { NODE_RULES } from './cluster-roles.js';
import { forbiddenError } from './forbidden-message.js';
import type { RequestAttributes } from './policy-rule.js';
import { ruleAllows } from './policy-rule.js';
import { RbacIndex } from './rbac-index.js';
import type { UserInfo } from './user-info.js';
import { MASTERS, NODE_PREFIX, NODES } from './user-info.js';

export interface BindingFact {
  readonly kind: 'ClusterRoleBinding' | 'RoleBinding';
  readonly namespace: string;
  readonly name: string;
  readonly roleKind: 'Role' | 'ClusterRole';
  readonly roleName: string;
  readonly roleFound: boolean;
  /** Whether one of the role's rules grants the request. */
  readonly grants: boolean;
}

export interface AccessFacts {
  readonly user: UserInfo;
  readonly allowed: boolean;
  /** How: `system:masters`, `node` (the Node authorizer's rules) or `rbac`; undefined when denied. */
  readonly via?: 'system:masters' | 'node' | 'rbac';
  readonly bindings: readonly BindingFact[];
  /** The 403 message Kubernetes gives when denied. */
  readonly message?: string;
}

export function accessFacts(view: StateView, user: UserInfo, req: RequestAttributes): AccessFacts {
  const idx = new RbacIndex(view);
  const namespace = req.kind === 'resource' ? req.namespace : '';
  const bindings: BindingFact[] = idx.bindingsFor(user, namespace).map((b) => {
    const rules = idx.rulesOf(b);
    return {
      kind: b.namespace === '' ? 'ClusterRoleBinding' : 'RoleBinding',
      namespace: b.namespace,
      name: b.name,
      roleKind: b.roleKind,
      roleName: b.roleName,
      roleFound: rules !== undefined,
      grants: rules?.some((r) => ruleAllows(r, req)) === true,
    };
  });
  if (user.groups.includes(MASTERS)) return { user, allowed: true, via: 'system:masters', bindings };
  if (user.groups.includes(NODES) && user.name.startsWith(NODE_PREFIX) && NODE_RULES.some((r) => ruleAllows(r, req))) return { user, allowed: true, via: 'node', bindings };
  if (bindings.some((b) => b.grants)) return { user, allowed: true, via: 'rbac', bindings };
  const missing = bindings.filter((b) => !b.roleFound).map((b) => `${b.roleKind === 'ClusterRole' ? 'clusterrole' : 'role'}.rbac.authorization.k8s.io "${b.roleName}" not found`);
  const reason = missing.length === 0 ? '' : `RBAC: ${missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`}`;
  return { user, allowed: false, bindings, message: forbiddenError(user.name, req, reason).status.message };
}
