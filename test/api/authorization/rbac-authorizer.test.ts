import { describe, expect, it } from 'vitest';
import { rbacAuthorizer } from '../../../src/api/authorization/rbac-authorizer.js';
import { userOf } from '../../../src/api/authorization/user-info.js';
import { asStatus, isForbidden } from '../../../src/model/index.js';
import { alice, configMaps, namespaces, pod, pods } from '../harness.js';
import { binding, groupSubject, rbacHarness, role, userSubject } from './rbac-harness.js';

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<ReturnType<typeof asStatus>> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return asStatus(e);
  }
  throw new Error('expected a refusal');
}

describe('rbacAuthorizer over the API', () => {
  it('denies an unbound user with Kubernetes 1.32 messages, namespaced and cluster-scoped', async () => {
    const h = await rbacHarness();
    const s = await refusal(() => h.api.list(pods(), {}, alice));
    expect(s).toMatchObject({ code: 403, reason: 'Forbidden', details: { group: '', kind: 'pods' } });
    expect(s?.message).toBe('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"');
    const n = await refusal(() => h.api.get(namespaces('kube-system'), {}, alice));
    expect(n?.message).toBe('namespaces "kube-system" is forbidden: User "alice" cannot get resource "namespaces" in API group "" at the cluster scope');
    expect(n?.details).toEqual({ name: 'kube-system', group: '', kind: 'namespaces' });
    const c = await refusal(h.api.create(pods(), pod('p'), alice));
    expect(c?.message).toBe('pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default"');
  });

  it('a RoleBinding grants a Role in its namespace only; a denied write appends nothing', async () => {
    const h = await rbacHarness();
    await h.api.create(namespaces(), { metadata: { name: 'other' } }, { actor: 'user:scenario' });
    await h.grant(
      role('default', 'pod-writer', [{ apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'list'] }]),
      binding('default', 'alice-pods', 'Role', 'pod-writer', [userSubject('alice')]),
    );
    await h.api.create(pods(), pod('p'), alice);
    expect(h.api.list(pods(), {}, alice).items).toHaveLength(1);
    const rev = h.store.rev;
    const s = await refusal(h.api.create(pods('other'), pod('q'), alice));
    expect(s?.message).toContain('in the namespace "other"');
    expect(h.store.rev).toBe(rev);
    // Subresources need their own rule.
    const st = await refusal(h.api.patch({ ...pods('default', 'p'), subresource: 'status' }, 'merge', { status: {} }, alice));
    expect(st?.message).toBe('pods "p" is forbidden: User "alice" cannot patch resource "pods/status" in API group "" in the namespace "default"');
  });

  it('a RoleBinding may grant a ClusterRole within its namespace; groups and resourceNames count', async () => {
    const h = await rbacHarness();
    await h.api.create(configMaps('kube-system'), { metadata: { name: 'a' } }, { actor: 'user:scenario' });
    await h.api.create(configMaps('default'), { metadata: { name: 'a' } }, { actor: 'user:scenario' });
    await h.api.create(configMaps('default'), { metadata: { name: 'b' } }, { actor: 'user:scenario' });
    await h.grant(
      role('', 'read-a', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['a'] }], 'ClusterRole'),
      binding('default', 'devs-read-a', 'ClusterRole', 'read-a', [groupSubject('system:authenticated')]),
    );
    expect(h.api.get(configMaps('default', 'a'), {}, alice).metadata.name).toBe('a');
    expect(isForbidden(await refusal(() => h.api.get(configMaps('default', 'b'), {}, alice)))).toBe(true);
    expect(isForbidden(await refusal(() => h.api.get(configMaps('kube-system', 'a'), {}, alice)))).toBe(true);
  });

  it('view is aggregated from system:aggregate-to-view and follows new aggregated roles at once', async () => {
    const h = await rbacHarness();
    await h.grant(binding('default', 'alice-view', 'ClusterRole', 'view', [userSubject('alice')]));
    expect(h.api.list(pods(), {}, alice).items).toEqual([]);
    expect(isForbidden(await refusal(h.api.create(pods(), pod('p'), alice)))).toBe(true);
    expect(isForbidden(await refusal(() => h.api.list({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', namespace: 'default' }, {}, alice)))).toBe(true);
    await h.grant(
      role('', 'roles-viewer', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['list'] }], 'ClusterRole', {
        metadata: { name: 'roles-viewer', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      }),
    );
    expect(h.api.list({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', namespace: 'default' }, {}, alice).items).toEqual([]);
    // admin aggregates edit, which aggregates view: transitively.
    await h.grant(binding('default', 'carol-admin', 'ClusterRole', 'admin', [userSubject('carol')]));
    const carol = userOf('user:carol');
    const can = (verb: string, group: string, resource: string): boolean =>
      h.rbac.decide(carol, { kind: 'resource', verb, group, resource, namespace: 'default', name: '' }).allowed;
    expect(can('create', 'rbac.authorization.k8s.io', 'rolebindings')).toBe(true);
    expect(can('create', 'apps', 'deployments')).toBe(true);
    expect(can('watch', '', 'pods')).toBe(true);
    expect(can('create', '', 'resourcequotas')).toBe(false);
    expect(h.rbac.rulesFor(carol, 'default').rules.length).toBeGreaterThan(20);
    expect(h.rbac.rulesFor(carol, 'other').rules.some((r) => r.resources?.includes('pods'))).toBe(false);
    expect(h.rbac.rulesFor(carol, 'other').rules.some((r) => r.nonResourceURLs?.includes('/apis/*'))).toBe(true);
  });

  it('a binding to a missing role adds RBAC\'s reason to the message', async () => {
    const h = await rbacHarness();
    await h.grant(binding('default', 'dangling', 'Role', 'nope', [userSubject('alice')]));
    const s = await refusal(() => h.api.list(pods(), {}, alice));
    expect(s?.message).toBe(
      'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "nope" not found',
    );
  });

  it('ServiceAccount subjects default to the binding namespace', async () => {
    const h = await rbacHarness();
    await h.grant(
      role('default', 'cm', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'] }]),
      binding('default', 'sa-cm', 'Role', 'cm', [{ kind: 'ServiceAccount', name: 'builder' }]),
    );
    expect(h.api.list(configMaps(), {}, { actor: 'client:system:serviceaccount:default:builder' }).items).toEqual([]);
    expect(isForbidden(await refusal(() => h.api.list(configMaps(), {}, { actor: 'client:system:serviceaccount:other:builder' })))).toBe(true);
  });

  it('system:masters bypass RBAC; kubelets get system:node rules without a binding', async () => {
    const h = await rbacHarness(1, false);
    const master = { name: 'root', groups: ['system:masters'] };
    expect(h.rbac.decide(master, { kind: 'nonResource', verb: 'delete', path: '/x' }).allowed).toBe(true);
    const node = userOf('node:n1');
    expect(h.rbac.decide(node, { kind: 'resource', verb: 'update', group: '', resource: 'pods', subresource: 'status', namespace: 'a', name: 'p' }).allowed).toBe(true);
    expect(h.rbac.decide(node, { kind: 'resource', verb: 'create', group: 'apps', resource: 'deployments', namespace: 'a', name: '' }).allowed).toBe(false);
  });

  it('non-resource URLs: discovery for the authenticated, nothing for anonymous beyond public info', async () => {
    const h = await rbacHarness();
    const bob = userOf('user:bob');
    expect(h.rbac.decide(bob, { kind: 'nonResource', verb: 'get', path: '/apis/apps/v1' }).allowed).toBe(true);
    expect(h.rbac.decide(bob, { kind: 'nonResource', verb: 'get', path: '/metrics' }).allowed).toBe(false);
    const anon = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
    expect(h.rbac.decide(anon, { kind: 'nonResource', verb: 'get', path: '/version' }).allowed).toBe(true);
    expect(h.rbac.decide(anon, { kind: 'nonResource', verb: 'get', path: '/api' }).allowed).toBe(false);
    expect(() => h.rbac.check(bob, { kind: 'nonResource', verb: 'get', path: '/metrics' })).toThrow('forbidden: User "bob" cannot get path "/metrics"');
  });

  it('notices RBAC changes written after it cached a decision, and only those', async () => {
    const h = await rbacHarness();
    const a = h.rbac;
    const req = { kind: 'resource' as const, verb: 'list', group: '', resource: 'pods', namespace: 'default', name: '' };
    expect(a.decide(userOf('user:alice'), req).allowed).toBe(false);
    await h.api.create(configMaps(), { metadata: { name: 'unrelated' } }, { actor: 'user:scenario' });
    expect(a.decide(userOf('user:alice'), req).allowed).toBe(false);
    await h.grant(binding('default', 'alice-view', 'ClusterRole', 'view', [userSubject('alice')]));
    expect(a.decide(userOf('user:alice'), req).allowed).toBe(true);
    // A fresh authorizer over the same store agrees.
    expect(rbacAuthorizer(h.store).decide(userOf('user:alice'), req).allowed).toBe(true);
  });
});
