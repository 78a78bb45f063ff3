import { describe, expect, it } from 'vitest';
import { defaultRoleBinding } from '../../../src/model/defaults/rbac-defaults.js';

describe('defaultRoleBinding', () => {
  it('puts roleRef and User/Group subjects in the RBAC group and leaves ServiceAccounts in the core group', () => {
    const o = { roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'a' }, { kind: 'Group', name: 'g', apiGroup: '' }, { kind: 'ServiceAccount', name: 's' }] };
    defaultRoleBinding(o);
    expect(o).toEqual({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects: [
        { kind: 'User', name: 'a', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'Group', name: 'g', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'ServiceAccount', name: 's' },
      ],
    });
  });
});
