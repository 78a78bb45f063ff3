/**
 * The RBAC objects at one revision, indexed for authorization: bindings by
 * the subject they name (user, group, or ServiceAccount user name), roles by
 * name, and ClusterRoles with an `aggregationRule` resolved to the union of
 * the rules of the ClusterRoles their selectors pick (transitively) — the
 * clusterrole-aggregation controller's result, computed here rather than
 * written back, so it follows every change at once.
 *
 * `visitRules(user, namespace, visit)` walks the rules that apply, as
 * Kubernetes' DefaultRuleResolver does: ClusterRoleBindings first, then the
 * namespace's RoleBindings; a binding naming a missing role contributes an
 * error (`clusterrole.rbac.authorization.k8s.io "x" not found`).
 */
import type { KubeObject, LabelSelector } from '../../model/index.js';
import { fromLabelSelector, matches } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { PolicyRule } from './policy-rule.js';
import { policyRuleOf } from './policy-rule.js';
import type { UserInfo } from './user-info.js';
import { SA_PREFIX } from './user-info.js';

const RBAC = 'rbac.authorization.k8s.io';

export interface Binding {
  /** The binding object's name. */
  readonly name: string;
  /** '' for a ClusterRoleBinding. */
  readonly namespace: string;
  readonly roleKind: 'Role' | 'ClusterRole';
  readonly roleName: string;
}

/** A rule source: a role's rules, or the error of a binding whose role is missing. */
export type RuleVisitor = (rule: PolicyRule | undefined, error: string | undefined) => boolean;

const rulesOf = (o: KubeObject): readonly PolicyRule[] =>
  Array.isArray(o.rules) ? (o.rules as unknown[]).map(policyRuleOf).filter((r): r is PolicyRule => r !== undefined) : [];

export class RbacIndex {
  private readonly clusterRoles = new Map<string, readonly PolicyRule[]>();
  private readonly roles = new Map<string, readonly PolicyRule[]>();
  /** Subject key (`u:NAME`, `g:NAME`) → bindings naming it. */
  private readonly bySubject = new Map<string, Binding[]>();

  constructor(view: StateView) {
    const crs = view.list({ group: RBAC, resource: 'clusterroles' });
    const own = new Map<string, { labels: Readonly<Record<string, string>>; rules: readonly PolicyRule[]; selectors?: readonly LabelSelector[] }>();
    for (const o of crs) {
      const agg = (o.aggregationRule as { clusterRoleSelectors?: LabelSelector[] } | undefined)?.clusterRoleSelectors;
      own.set(o.metadata.name ?? '', { labels: o.metadata.labels ?? {}, rules: rulesOf(o), ...(agg === undefined ? {} : { selectors: agg }) });
    }
    const resolving = new Set<string>();
    const resolve = (name: string): readonly PolicyRule[] => {
      const done = this.clusterRoles.get(name);
      if (done !== undefined) return done;
      const r = own.get(name);
      if (r === undefined) return [];
      if (r.selectors === undefined) {
        this.clusterRoles.set(name, r.rules);
        return r.rules;
      }
      if (resolving.has(name)) return [];
      resolving.add(name);
      const out: PolicyRule[] = [];
      const seen = new Set<string>();
      const selectors = r.selectors.map((s) => {
        try {
          return fromLabelSelector(s);
        } catch {
          return 'nothing' as const;
        }
      });
      for (const [other, o] of [...own].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (other === name || !selectors.some((s) => matches(s, o.labels))) continue;
        for (const rule of resolve(other)) {
          const k = JSON.stringify(rule);
          if (!seen.has(k)) {
            seen.add(k);
            out.push(rule);
          }
        }
      }
      resolving.delete(name);
      this.clusterRoles.set(name, out);
      return out;
    };
    for (const name of own.keys()) resolve(name);
    for (const o of view.list({ group: RBAC, resource: 'roles' })) this.roles.set(`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, rulesOf(o));
    for (const o of view.list({ group: RBAC, resource: 'clusterrolebindings' })) this.addBinding(o, '');
    for (const o of view.list({ group: RBAC, resource: 'rolebindings' })) this.addBinding(o, o.metadata.namespace ?? '');
  }

  private addBinding(o: KubeObject, namespace: string): void {
    const ref = o.roleRef as { kind?: unknown; name?: unknown } | undefined;
    if (ref === undefined || typeof ref.name !== 'string') return;
    // A ClusterRoleBinding can only refer to a ClusterRole.
    const roleKind = ref.kind === 'Role' && namespace !== '' ? 'Role' : 'ClusterRole';
    const binding: Binding = { name: o.metadata.name ?? '', namespace, roleKind, roleName: ref.name };
    const subjects = Array.isArray(o.subjects) ? (o.subjects as { kind?: unknown; name?: unknown; namespace?: unknown }[]) : [];
    for (const s of subjects) {
      if (typeof s !== 'object' || s === null || typeof s.name !== 'string') continue;
      let key: string | undefined;
      if (s.kind === 'User') key = `u:${s.name}`;
      else if (s.kind === 'Group') key = `g:${s.name}`;
      else if (s.kind === 'ServiceAccount') {
        // An unqualified ServiceAccount subject of a RoleBinding is in the binding's namespace.
        const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : namespace;
        if (ns !== '') key = `u:${SA_PREFIX}${ns}:${s.name}`;
      }
      if (key === undefined) continue;
      const list = this.bySubject.get(key);
      if (list === undefined) this.bySubject.set(key, [binding]);
      else if (!list.includes(binding)) list.push(binding);
    }
  }

  /** The rules a binding grants (undefined when its role is missing). */
  rulesOf(b: Binding): readonly PolicyRule[] | undefined {
    return b.roleKind === 'ClusterRole' ? this.clusterRoles.get(b.roleName) : this.roles.get(`${b.namespace}/${b.roleName}`);
  }

  /** The effective rules of a ClusterRole (aggregated ones resolved), or undefined when it does not exist. */
  clusterRoleRules(name: string): readonly PolicyRule[] | undefined {
    return this.clusterRoles.get(name);
  }

  /** The bindings that apply to `user` in `namespace` ('' for cluster-wide): ClusterRoleBindings first, in a stable order. */
  bindingsFor(user: UserInfo, namespace: string): readonly Binding[] {
    const out: Binding[] = [];
    const keys = [`u:${user.name}`, ...user.groups.map((g) => `g:${g}`)];
    for (const scope of namespace === '' ? [''] : ['', namespace]) {
      for (const k of keys) for (const b of this.bySubject.get(k) ?? []) if (b.namespace === scope && !out.includes(b)) out.push(b);
    }
    return out;
  }

  /**
   * Whether any rule bound to `user` in any namespace names resources: when
   * none does, a decision never depends on the object's name (so it can be
   * cached without it).
   */
  usesResourceNames(user: UserInfo): boolean {
    const keys = [`u:${user.name}`, ...user.groups.map((g) => `g:${g}`)];
    for (const k of keys) {
      for (const b of this.bySubject.get(k) ?? []) {
        const rules = b.roleKind === 'ClusterRole' ? this.clusterRoles.get(b.roleName) : this.roles.get(`${b.namespace}/${b.roleName}`);
        if (rules?.some((r) => (r.resourceNames ?? []).length > 0) === true) return true;
      }
    }
    return false;
  }

  /** Visits the rules granted to `user` in `namespace` until `visit` returns false. */
  visitRules(user: UserInfo, namespace: string, visit: RuleVisitor): void {
    for (const b of this.bindingsFor(user, namespace)) {
      const rules = b.roleKind === 'ClusterRole' ? this.clusterRoles.get(b.roleName) : this.roles.get(`${b.namespace}/${b.roleName}`);
      if (rules === undefined) {
        const what = b.roleKind === 'ClusterRole' ? 'clusterrole' : 'role';
        if (!visit(undefined, `${what}.${RBAC} "${b.roleName}" not found`)) return;
        continue;
      }
      for (const r of rules) if (!visit(r, undefined)) return;
    }
  }
}
