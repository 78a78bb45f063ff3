/**
 * RBAC's escalation prevention (Kubernetes 1.32's rbac registry): a user can
 * only write a Role or ClusterRole whose rules it already holds where the
 * role applies, unless it may `escalate` roles; and can only bind a role
 * whose rules it holds in the binding's namespace, unless it may `bind` that
 * role. Setting an aggregationRule needs every permission. A refusal is 403:
 *
 *   roles.rbac.authorization.k8s.io "x" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:
 *   {APIGroups:[""], Resources:["pods"], Verbs:["create"]}
 *
 * Runs as an admission plugin (validate phase) over the RBAC authorizer.
 *
 * @example
 * createApi({ ..., authorizer, admission: [rbacEscalationPlugin(authorizer)] });
 */
import type { KubeObject } from '../../model/index.js';
import { forbidden } from '../../model/index.js';
import type { AdmissionPlugin } from '../admission/admission-plugin.js';
import type { PolicyRule, RequestAttributes } from './policy-rule.js';
import { policyRuleOf } from './policy-rule.js';
import type { RbacAuthorizer } from './rbac-authorizer.js';
import type { UserInfo } from './user-info.js';
import { MASTERS } from './user-info.js';

const RBAC = 'rbac.authorization.k8s.io';
const FULL: readonly PolicyRule[] = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }];

const rulesOf = (o: KubeObject | undefined): PolicyRule[] =>
  Array.isArray(o?.rules) ? (o.rules as unknown[]).map(policyRuleOf).filter((r): r is PolicyRule => r !== undefined) : [];

const q = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;

/** The single-verb pieces of `rules` that `user` does not hold in `namespace`, compacted back per rule shape (Go's CompactString form). */
function notHeld(authz: RbacAuthorizer, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string[] {
  const missing = new Map<string, { head: string; verbs: string[] }>();
  const add = (head: string, verb: string): void => {
    const m = missing.get(head);
    if (m === undefined) missing.set(head, { head, verbs: [verb] });
    else if (!m.verbs.includes(verb)) m.verbs.push(verb);
  };
  for (const rule of rules) {
    for (const verb of rule.verbs) {
      for (const path of rule.nonResourceURLs ?? []) {
        if (!authz.decide(user, { kind: 'nonResource', verb, path }).allowed) add(`NonResourceURLs:${q([path])}`, verb);
      }
      const names = (rule.resourceNames ?? []).length > 0 ? (rule.resourceNames ?? []) : [''];
      for (const group of rule.apiGroups ?? []) {
        for (const res of rule.resources ?? []) {
          const slash = res.indexOf('/');
          for (const name of names) {
            const atom: RequestAttributes = {
              kind: 'resource',
              verb,
              group,
              resource: slash < 0 ? res : res.slice(0, slash),
              ...(slash < 0 ? {} : { subresource: res.slice(slash + 1) }),
              namespace,
              name,
            };
            if (!authz.decide(user, atom).allowed) add(`APIGroups:${q([group])}, Resources:${q([res])}${name === '' ? '' : `, ResourceNames:${q([name])}`}`, verb);
          }
        }
      }
    }
  }
  return [...missing.values()].map((m) => `{${m.head}, Verbs:${q(m.verbs)}}`);
}

export function rbacEscalationPlugin(authz: RbacAuthorizer): AdmissionPlugin {
  return {
    name: 'RBACEscalation',
    validate(a) {
      if (a.info.group !== RBAC || a.subresource !== undefined) return;
      const user = authz.userOf(a.ctx.actor);
      if (user.groups.includes(MASTERS)) return;
      const refuse = (missing: string[]): never => {
        throw forbidden(
          { group: RBAC, resource: a.info.plural },
          a.name,
          `user ${JSON.stringify(user.name)} (groups=${q(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${missing.join('\n')}`,
        );
      };
      const kind = a.info.kind;
      if (kind === 'Role' || kind === 'ClusterRole') {
        if (authz.decide(user, { kind: 'resource', verb: 'escalate', group: RBAC, resource: a.info.plural, namespace: a.namespace, name: a.name }).allowed) return;
        const missing = notHeld(authz, user, a.namespace, rulesOf(a.object));
        if (missing.length > 0) refuse(missing);
        // An aggregation rule can gather anything: setting or changing one takes every permission.
        const aggregation = a.object.aggregationRule;
        if (aggregation !== undefined && aggregation !== null && JSON.stringify(aggregation) !== JSON.stringify(a.oldObject?.aggregationRule)) {
          if (notHeld(authz, user, '', FULL).length > 0) throw forbidden({ group: RBAC, resource: a.info.plural }, a.name, 'must have cluster-admin privileges to use the aggregationRule');
        }
        return;
      }
      if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
        const ref = (a.object.roleRef ?? {}) as { kind?: string; name?: string };
        const roleResource = ref.kind === 'Role' ? 'roles' : 'clusterroles';
        if (authz.decide(user, { kind: 'resource', verb: 'bind', group: RBAC, resource: roleResource, namespace: a.namespace, name: ref.name ?? '' }).allowed) return;
        const roleKey = ref.kind === 'Role' ? `${RBAC}/roles/${a.namespace}/${ref.name ?? ''}` : `${RBAC}/clusterroles/_/${ref.name ?? ''}`;
        const role = a.view.get(roleKey);
        if (role === undefined) {
          throw forbidden({ group: RBAC, resource: a.info.plural }, a.name, `${ref.kind === 'Role' ? 'role' : 'clusterrole'}.${RBAC} "${ref.name ?? ''}" not found`);
        }
        const missing = notHeld(authz, user, a.namespace, ref.kind === 'Role' ? rulesOf(role) : authz.clusterRoleRules(ref.name ?? ''));
        if (missing.length > 0) refuse(missing);
      }
    },
  };
}
