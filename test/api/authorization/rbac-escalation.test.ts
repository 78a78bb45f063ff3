import { describe, expect, it } from 'vitest';
import { asStatus } from '../../../src/model/index.js';
import { admin, binding, RBAC, rbacHarness, role, userSubject } from './rbac-harness.js';

const alice = { actor: 'user:alice' };
const roles = (namespace: string) => ({ group: RBAC, version: 'v1', resource: 'roles', namespace });
const roleBindings = (namespace: string) => ({ group: RBAC, version: 'v1', resource: 'rolebindings', namespace });
const clusterRoles = { group: RBAC, version: 'v1', resource: 'clusterroles' };
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return asStatus(e);
  }
  throw new Error('expected a refusal');
};

describe('rbacEscalationPlugin', () => {
  it('lets a namespace admin write roles with rules it holds and refuses more, naming what is missing', async () => {
    const h = await rbacHarness(1, true, { escalation: true });
    await h.grant(binding('default', 'alice-admin', 'ClusterRole', 'admin', [userSubject('alice')]));
    await h.api.create(roles('default'), role('default', 'pod-reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]), alice);
    const s = await refusal(h.api.create(roles('default'), role('default', 'quota-writer', [{ apiGroups: [''], resources: ['resourcequotas', 'pods'], verbs: ['create', 'get'] }]), alice));
    expect(s).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(s?.message).toBe(
      'roles.rbac.authorization.k8s.io "quota-writer" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["resourcequotas"], Verbs:["create"]}',
    );
  });

  it('binding needs the role\'s rules or the bind verb', async () => {
    const h = await rbacHarness(1, true, { escalation: true });
    await h.grant(binding('default', 'alice-admin', 'ClusterRole', 'admin', [userSubject('alice')]));
    await h.api.create(roleBindings('default'), binding('default', 'bob-view', 'ClusterRole', 'view', [userSubject('bob')]), alice);
    const s = await refusal(h.api.create(roleBindings('default'), binding('default', 'bob-root', 'ClusterRole', 'cluster-admin', [userSubject('bob')]), alice));
    expect(s?.message).toMatch(/^rolebindings.rbac.authorization.k8s.io "bob-root" is forbidden: user "alice" .* not currently held:\n\{APIGroups:\["\*"\], Resources:\["\*"\], Verbs:\["\*"\]\}/);
    await h.grant(
      role('', 'bind-root', [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['cluster-admin'] }], 'ClusterRole'),
      binding('default', 'alice-bind', 'ClusterRole', 'bind-root', [userSubject('alice')]),
    );
    await h.api.create(roleBindings('default'), binding('default', 'bob-root', 'ClusterRole', 'cluster-admin', [userSubject('bob')]), alice);
  });

  it('an aggregationRule needs every permission; masters are never checked', async () => {
    const h = await rbacHarness(1, true, { escalation: true });
    await h.grant(
      role('', 'cr-writer', [{ apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['create'] }], 'ClusterRole'),
      binding('', 'alice-cr', 'ClusterRole', 'cr-writer', [userSubject('alice')]),
    );
    const agg = { ...role('', 'gather', [], 'ClusterRole'), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } };
    const s = await refusal(h.api.create(clusterRoles, agg, alice));
    expect(s?.message).toBe('clusterroles.rbac.authorization.k8s.io "gather" is forbidden: must have cluster-admin privileges to use the aggregationRule');
    await h.api.create(clusterRoles, agg, admin);
  });
});
