import { describe, expect, it } from 'vitest';
import { bootstrapPolicy } from '../../../src/api/authorization/bootstrap-policy.js';
import { validateRole, validateRoleBinding, validateRoleBindingUpdate } from '../../../src/model/validation/rbac.js';

const RBAC = 'rbac.authorization.k8s.io';
const fields = (causes: { field?: string; message: string }[]) => causes.map((c) => `${c.field ?? ''}: ${c.message}`);

describe('RBAC validation (Kubernetes 1.32)', () => {
  it('accepts well-formed roles and refuses rules without verbs, groups or resources', () => {
    expect(validateRole({ rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] }, true)).toEqual([]);
    expect(fields(validateRole({ rules: [{ verbs: [] , apiGroups: [], resources: [] }] }, true))).toEqual([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]);
  });
  it('allows non-resource URLs only in ClusterRoles and never with resources', () => {
    expect(validateRole({ rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }, false)).toEqual([]);
    expect(fields(validateRole({ rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }, true))[0]).toContain('namespaced rules cannot apply to non-resource URLs');
    expect(fields(validateRole({ rules: [{ verbs: ['get'], nonResourceURLs: ['/x'], resources: ['pods'] }] }, false))[0]).toContain('rules cannot apply to both regular resources and non-resource URLs');
    expect(fields(validateRole({ aggregationRule: {} }, false))).toEqual(['aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil']);
  });
  it('checks roleRef and subjects of bindings', () => {
    const ok = { roleRef: { apiGroup: RBAC, kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', apiGroup: RBAC, name: 'a' }, { kind: 'ServiceAccount', name: 'sa' }] };
    expect(validateRoleBinding(ok, true)).toEqual([]);
    const bad = validateRoleBinding({ roleRef: { apiGroup: 'x', kind: 'Role', name: '' }, subjects: [{ kind: 'Robot', name: 'r' }, { kind: 'ServiceAccount', name: 'sa' }] }, false);
    expect(fields(bad)).toEqual([
      'roleRef.apiGroup: Unsupported value: "x": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'roleRef.name: Required value',
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
      'subjects[1].namespace: Required value',
    ]);
    expect(fields(validateRoleBindingUpdate(ok, { ...ok, roleRef: { apiGroup: RBAC, kind: 'Role', name: 'other' } }))[0]).toContain('cannot change roleRef');
    expect(validateRoleBindingUpdate(ok, ok)).toEqual([]);
  });
  it('accepts every object of the bootstrap policy', () => {
    for (const o of bootstrapPolicy()) {
      const causes = o.kind === 'ClusterRole' ? validateRole(o, false) : validateRoleBinding(o, false);
      expect(causes, o.metadata.name).toEqual([]);
    }
  });
});
