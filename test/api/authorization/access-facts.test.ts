import { describe, expect, it } from 'vitest';
import { accessFacts } from '../../../src/api/authorization/access-facts.js';
import { userOf } from '../../../src/api/authorization/user-info.js';
import { binding, rbacHarness, role, userSubject } from './rbac-harness.js';

const createPods = { kind: 'resource' as const, verb: 'create', group: '', resource: 'pods', namespace: 'default', name: '' };

describe('accessFacts', () => {
  it('names the bindings that apply, which one grants, and the 403 when none does', async () => {
    const h = await rbacHarness();
    const rs = accessFacts(h.store.head(), userOf('controller:replicaset'), createPods);
    expect(rs).toMatchObject({ allowed: true, via: 'rbac' });
    expect(rs.bindings.filter((b) => b.grants).map((b) => b.name)).toEqual(['system:controller:replicaset-controller']);

    await h.grant(
      role('default', 'reader', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      binding('default', 'alice-reader', 'Role', 'reader', [userSubject('alice')]),
      binding('default', 'alice-ghost', 'Role', 'ghost', [userSubject('alice')]),
    );
    const alice = accessFacts(h.store.head(), userOf('user:alice'), createPods);
    expect(alice.allowed).toBe(false);
    // In key order, as the store lists them.
    expect(alice.bindings.filter((b) => b.kind === 'RoleBinding')).toEqual([
      { kind: 'RoleBinding', namespace: 'default', name: 'alice-ghost', roleKind: 'Role', roleName: 'ghost', roleFound: false, grants: false },
      { kind: 'RoleBinding', namespace: 'default', name: 'alice-reader', roleKind: 'Role', roleName: 'reader', roleFound: true, grants: false },
    ]);
    expect(alice.message).toBe(
      'pods is forbidden: User "alice" cannot create resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "ghost" not found',
    );
    expect(accessFacts(h.store.head(), userOf('user:scenario'), createPods)).toMatchObject({ allowed: true, via: 'system:masters' });
    expect(accessFacts(h.store.head(), userOf('node:n1'), createPods)).toMatchObject({ allowed: true, via: 'node' });
  });
});
