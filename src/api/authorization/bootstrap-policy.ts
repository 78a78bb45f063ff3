/**
 * The default RBAC policy kube-apiserver 1.32 keeps in place
 * (the `rbac/bootstrap-roles` post-start hook): every ClusterRole and
 * ClusterRoleBinding carries the label `kubernetes.io/bootstrapping:
 * rbac-defaults` and the annotation `rbac.authorization.kubernetes.io/autoupdate:
 * "true"`. At each API start, missing objects are created and existing ones
 * with autoupdate not `"false"` get back the rules, labels, annotations and
 * subjects they lack (nothing is removed); an object annotated `"false"` is
 * left as its owner edited it — which is how an edited controller role can
 * stay broken across restarts.
 *
 * Aggregated roles (admin, edit, view) are written with the rules their
 * selectors pick at bootstrap, as the clusterrole-aggregation controller would
 * have filled them; the authorizer computes aggregation live (rbac-index.ts).
 *
 * @example
 * await reconcileBootstrapPolicy(api); // from Api.bootstrap, with RBAC on
 */
import type { KubeObject, RequestContext } from '../../model/index.js';
import { isAlreadyExists, objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { Target } from '../target.js';
import type { BindingSpec, ClusterRoleSpec } from './cluster-roles.js';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES } from './cluster-roles.js';
import { CONTROLLER_ROLES } from './controller-roles.js';
import type { PolicyRule } from './policy-rule.js';
import { policyRuleOf, ruleAllows } from './policy-rule.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';
export const BOOTSTRAPPING_LABEL = 'kubernetes.io/bootstrapping';
export const CONTROLLER_ROLE_PREFIX = 'system:controller:';
const API_VERSION = `${RBAC_GROUP}/v1`;

const meta = (name: string, labels: Readonly<Record<string, string>> = {}): KubeObject['metadata'] => ({
  name,
  labels: { [BOOTSTRAPPING_LABEL]: 'rbac-defaults', ...labels },
  annotations: { [AUTOUPDATE_ANNOTATION]: 'true' },
});

function matchesAll(labels: Readonly<Record<string, string>> | undefined, want: Readonly<Record<string, string>>): boolean {
  return Object.entries(want).every(([k, v]) => labels?.[k] === v);
}

/** A role's rules with aggregation applied over `all` (transitively, deduplicated, in `all`'s order). */
function aggregated(spec: ClusterRoleSpec, all: readonly ClusterRoleSpec[], seen: ReadonlySet<string> = new Set()): readonly PolicyRule[] {
  if (spec.aggregateFrom === undefined) return spec.rules;
  const out: PolicyRule[] = [];
  const keys = new Set<string>();
  for (const other of all) {
    if (other.name === spec.name || seen.has(other.name) || !spec.aggregateFrom.some((sel) => matchesAll(other.labels, sel))) continue;
    for (const r of aggregated(other, all, new Set([...seen, spec.name]))) {
      const k = JSON.stringify(r);
      if (!keys.has(k)) {
        keys.add(k);
        out.push(r);
      }
    }
  }
  return out;
}

function clusterRole(spec: ClusterRoleSpec, all: readonly ClusterRoleSpec[]): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRole',
    metadata: meta(spec.name, spec.labels),
    ...(spec.aggregateFrom === undefined ? {} : { aggregationRule: { clusterRoleSelectors: spec.aggregateFrom.map((m) => ({ matchLabels: { ...m } })) } }),
    rules: aggregated(spec, all).map((r) => ({ ...r })),
  };
}

function clusterRoleBinding(spec: BindingSpec): KubeObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: meta(spec.name),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: spec.role },
    subjects: spec.subjects.map((s) => (s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace } : { kind: s.kind, apiGroup: RBAC_GROUP, name: s.name })),
  };
}

/** Every bootstrap ClusterRole, then every ClusterRoleBinding (the cluster roles first, then the controller roles, each sorted by name). */
export function bootstrapPolicy(): KubeObject[] {
  const controllers = Object.keys(CONTROLLER_ROLES).sort();
  const roles: ClusterRoleSpec[] = [
    ...[...CLUSTER_ROLES].sort((a, b) => (a.name < b.name ? -1 : 1)),
    ...controllers.map((sa) => ({ name: `${CONTROLLER_ROLE_PREFIX}${sa}`, rules: CONTROLLER_ROLES[sa] ?? [] })),
  ];
  const bindings: BindingSpec[] = [
    ...CLUSTER_ROLE_BINDINGS,
    ...controllers.map((sa) => ({ name: `${CONTROLLER_ROLE_PREFIX}${sa}`, role: `${CONTROLLER_ROLE_PREFIX}${sa}`, subjects: [{ kind: 'ServiceAccount' as const, name: sa, namespace: 'kube-system' }] })),
  ];
  return [...roles.map((r) => clusterRole(r, roles)), ...bindings.map(clusterRoleBinding)];
}

/** What reconciling needs from the API (structurally an `Api`). */
export interface PolicyWriter {
  readonly store: { head(): StateView };
  create(t: Target, body: unknown, ctx: RequestContext): Promise<KubeObject>;
  update(t: Target, body: unknown, ctx: RequestContext): Promise<KubeObject>;
}

const covers = (have: readonly PolicyRule[], want: PolicyRule): boolean => {
  // Break `want` into single-verb, single-resource atoms; each must be granted by some rule we have.
  const names = want.resourceNames !== undefined && want.resourceNames.length > 0 ? want.resourceNames : [''];
  for (const verb of want.verbs) {
    for (const path of want.nonResourceURLs ?? []) if (!have.some((r) => ruleAllows(r, { kind: 'nonResource', verb, path }))) return false;
    for (const group of want.apiGroups ?? []) {
      for (const res of want.resources ?? []) {
        const slash = res.indexOf('/');
        const resource = slash < 0 ? res : res.slice(0, slash);
        const sub = slash < 0 ? {} : { subresource: res.slice(slash + 1) };
        for (const name of names) {
          const atom = { kind: 'resource' as const, verb, group, resource, ...sub, namespace: '', name };
          const granted = have.some((r) => ruleAllows(r, atom) && (name !== '' || (r.resourceNames ?? []).length === 0));
          if (!granted) return false;
        }
      }
    }
  }
  return true;
};

/** The reconciled version of `existing` against `expected`, or undefined when nothing needs to change. */
export function reconcileObject(existing: KubeObject, expected: KubeObject): KubeObject | undefined {
  if (existing.metadata.annotations?.[AUTOUPDATE_ANNOTATION] === 'false') return undefined;
  let changed = false;
  const labels = { ...(existing.metadata.labels ?? {}) };
  const annotations = { ...(existing.metadata.annotations ?? {}) };
  const fill = (into: Record<string, string>, from: Readonly<Record<string, string>> | undefined): void => {
    for (const [k, v] of Object.entries(from ?? {})) {
      if (into[k] !== undefined) continue;
      into[k] = v;
      changed = true;
    }
  };
  fill(labels, expected.metadata.labels);
  fill(annotations, expected.metadata.annotations);
  const out: KubeObject = { ...existing, metadata: { ...existing.metadata, labels, annotations } };
  if (expected.kind === 'ClusterRole' && expected.aggregationRule === undefined) {
    const have = (Array.isArray(existing.rules) ? (existing.rules as unknown[]) : []).map(policyRuleOf).filter((r): r is PolicyRule => r !== undefined);
    const missing = (expected.rules as PolicyRule[]).filter((r) => !covers(have, r));
    if (missing.length > 0) {
      out.rules = [...(Array.isArray(existing.rules) ? (existing.rules as unknown[]) : []), ...missing];
      changed = true;
    }
  }
  if (expected.kind === 'ClusterRole' && expected.aggregationRule !== undefined && existing.aggregationRule === undefined) {
    out.aggregationRule = expected.aggregationRule;
    changed = true;
  }
  if (expected.kind === 'ClusterRoleBinding') {
    const have = Array.isArray(existing.subjects) ? (existing.subjects as unknown[]) : [];
    const key = (s: unknown): string => {
      const o = s as { kind?: string; name?: string; namespace?: string };
      return `${o.kind ?? ''}/${o.namespace ?? ''}/${o.name ?? ''}`;
    };
    const missing = (expected.subjects as unknown[]).filter((s) => !have.some((h) => key(h) === key(s)));
    if (missing.length > 0) {
      out.subjects = [...have, ...missing];
      changed = true;
    }
  }
  return changed ? out : undefined;
}

/** Creates or reconciles the bootstrap policy through `api` (idempotent: a second run writes nothing). */
export async function reconcileBootstrapPolicy(api: PolicyWriter, ctx: RequestContext = { actor: 'controller:apiserver' }): Promise<void> {
  for (const obj of bootstrapPolicy()) {
    const resource = obj.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings';
    const t: Target = { group: RBAC_GROUP, version: 'v1', resource };
    const name = obj.metadata.name ?? '';
    const existing = api.store.head().get(objectKey({ group: RBAC_GROUP, resource, namespace: '', name }));
    if (existing === undefined) {
      try {
        await api.create(t, obj, ctx);
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
      }
      continue;
    }
    const next = reconcileObject(existing, obj);
    if (next !== undefined) await api.update({ ...t, name }, next, ctx);
  }
}
