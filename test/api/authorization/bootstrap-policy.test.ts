import { describe, expect, it } from 'vitest';
import { bootstrapPolicy, reconcileBootstrapPolicy, reconcileObject } from '../../../src/api/authorization/bootstrap-policy.js';
import { CONTROLLER_SERVICE_ACCOUNTS, userOf } from '../../../src/api/authorization/user-info.js';
import { objectKey } from '../../../src/model/index.js';
import { admin, RBAC, rbacHarness } from './rbac-harness.js';

const crKey = (name: string) => objectKey({ group: RBAC, resource: 'clusterroles', namespace: '', name });

describe('bootstrapPolicy', () => {
  const objects = bootstrapPolicy();
  const byName = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

  it('labels and annotates every object as kube-apiserver does', () => {
    for (const o of objects) {
      expect(o.metadata.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
      expect(o.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate']).toBe('true');
    }
  });

  it('binds cluster-admin to system:masters and each controller role to its ServiceAccount', () => {
    expect(byName('ClusterRoleBinding', 'cluster-admin')?.subjects).toEqual([{ kind: 'Group', apiGroup: RBAC, name: 'system:masters' }]);
    expect(byName('ClusterRoleBinding', 'system:controller:replicaset-controller')).toMatchObject({
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'system:controller:replicaset-controller' },
      subjects: [{ kind: 'ServiceAccount', name: 'replicaset-controller', namespace: 'kube-system' }],
    });
    expect(byName('ClusterRoleBinding', 'system:node')?.subjects).toEqual([]);
  });

  it('has a role for every ServiceAccount a built-in controller runs as', () => {
    for (const sa of new Set(Object.values(CONTROLLER_SERVICE_ACCOUNTS))) expect(byName('ClusterRole', `system:controller:${sa}`), sa).toBeDefined();
  });

  it('writes aggregated roles with their aggregation rule and the rules it picks', () => {
    const view = byName('ClusterRole', 'view');
    expect(view?.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] });
    const admin = byName('ClusterRole', 'admin');
    const rules = admin?.rules as { resources?: string[] }[];
    expect(rules.some((r) => r.resources?.includes('rolebindings'))).toBe(true);
    expect(rules.some((r) => r.resources?.includes('pods/log'))).toBe(true);
  });
});

describe('reconcileBootstrapPolicy', () => {
  it('is idempotent', async () => {
    const h = await rbacHarness();
    const rev = h.store.rev;
    await reconcileBootstrapPolicy(h.api);
    expect(h.store.rev).toBe(rev);
  });

  it('restores lost rules unless autoupdate is "false"', async () => {
    const h = await rbacHarness();
    const rs = h.store.head().get(crKey('system:controller:replicaset-controller'));
    if (rs === undefined) throw new Error('missing role');
    const without = (rs.rules as { resources: string[]; verbs: string[] }[]).filter((r) => !r.resources.includes('pods'));
    await h.api.update({ group: RBAC, version: 'v1', resource: 'clusterroles', name: 'system:controller:replicaset-controller' }, { ...h.store.head().get(crKey('system:controller:replicaset-controller')), rules: without }, admin);
    const sa = userOf('controller:replicaset');
    const create = { kind: 'resource' as const, verb: 'create', group: '', resource: 'pods', namespace: 'default', name: '' };
    expect(h.rbac.decide(sa, create).allowed).toBe(false);
    await reconcileBootstrapPolicy(h.api);
    expect(h.rbac.decide(sa, create).allowed).toBe(true);

    const current = h.store.head().get(crKey('system:controller:replicaset-controller'));
    if (current === undefined) throw new Error('missing role');
    const pinned = { ...current, metadata: { ...current.metadata, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } }, rules: without };
    await h.api.update({ group: RBAC, version: 'v1', resource: 'clusterroles', name: 'system:controller:replicaset-controller' }, pinned, admin);
    await reconcileBootstrapPolicy(h.api);
    expect(h.rbac.decide(sa, create).allowed).toBe(false);
  });

  it('adds missing subjects to a binding and leaves extra ones', () => {
    const expected = bootstrapPolicy().find((o) => o.metadata.name === 'cluster-admin' && o.kind === 'ClusterRoleBinding');
    if (expected === undefined) throw new Error('missing binding');
    const extra = { kind: 'User', apiGroup: RBAC, name: 'root' };
    const next = reconcileObject({ ...expected, subjects: [extra] }, expected);
    expect(next?.subjects).toEqual([extra, { kind: 'Group', apiGroup: RBAC, name: 'system:masters' }]);
    expect(reconcileObject(expected, expected)).toBeUndefined();
  });
});
