import { describe, expect, it } from 'vitest';
import { columnNames, obj, row } from '../fixtures.js';

describe('Lease and LeaseCandidate', () => {
  it('print the holder', () => {
    expect(columnNames('coordination.k8s.io', 'Lease')).toEqual(['Name', 'Holder', 'Age']);
    const l = obj('coordination.k8s.io/v1', 'Lease', 'kube-scheduler', { spec: { holderIdentity: 'cp-1_4f2c', leaseDurationSeconds: 15 } }, { namespace: 'kube-system' });
    expect(row('coordination.k8s.io', 'Lease', l)).toEqual({ Name: 'kube-scheduler', Holder: 'cp-1_4f2c', Age: '5m' });
    expect(row('coordination.k8s.io', 'Lease', obj('coordination.k8s.io/v1', 'Lease', 'free', { spec: {} }))['Holder']).toBe('');
    const c = obj('coordination.k8s.io/v1alpha2', 'LeaseCandidate', 'c', { spec: { leaseName: 'kube-scheduler', binaryVersion: '1.32.0', emulationVersion: '1.31.0' } });
    expect(row('coordination.k8s.io', 'LeaseCandidate', c)).toMatchObject({ LeaseName: 'kube-scheduler', BinaryVersion: '1.32.0', EmulationVersion: '1.31.0' });
  });
});

describe('PriorityClass, PodDisruptionBudget, ResourceQuota', () => {
  it('print a priority class with its preemption policy shown by default', () => {
    expect(columnNames('scheduling.k8s.io', 'PriorityClass')).toEqual(['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
    const pc = obj('scheduling.k8s.io/v1', 'PriorityClass', 'system-node-critical', { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }, { namespace: undefined });
    expect(row('scheduling.k8s.io', 'PriorityClass', pc)).toEqual({
      Name: 'system-node-critical',
      Value: 2000001000,
      'Global-Default': false,
      Age: '5m',
      PreemptionPolicy: 'PreemptLowerPriority',
    });
  });

  it('print budgets as int-or-string, N/A when unset', () => {
    const pdb = obj('policy/v1', 'PodDisruptionBudget', 'web', { spec: { minAvailable: '50%', selector: {} }, status: { disruptionsAllowed: 1 } });
    expect(row('policy', 'PodDisruptionBudget', pdb)).toEqual({ Name: 'web', 'Min Available': '50%', 'Max Unavailable': 'N/A', 'Allowed Disruptions': 1, Age: '5m' });
    const pdb2 = obj('policy/v1', 'PodDisruptionBudget', 'db', { spec: { maxUnavailable: 1 } });
    expect(row('policy', 'PodDisruptionBudget', pdb2)).toMatchObject({ 'Min Available': 'N/A', 'Max Unavailable': '1', 'Allowed Disruptions': 0 });
  });

  it('split quota usage into requests and limits, sorted by resource', () => {
    const rq = obj('v1', 'ResourceQuota', 'compute', {
      spec: {},
      status: {
        hard: { pods: '10', 'limits.memory': '4Gi', 'requests.cpu': '2', 'limits.cpu': '4' },
        used: { pods: '3', 'requests.cpu': '500m', 'limits.cpu': '1' },
      },
    });
    expect(row('', 'ResourceQuota', rq)).toEqual({
      Name: 'compute',
      Request: 'pods: 3/10, requests.cpu: 500m/2',
      Limit: 'limits.cpu: 1/4, limits.memory: 0/4Gi',
      Age: '5m',
    });
  });
});

describe('RBAC bindings', () => {
  it('print the role and, wide, the subjects', () => {
    expect(columnNames('rbac.authorization.k8s.io', 'RoleBinding')).toEqual(['Name', 'Role', 'Age', 'Users*', 'Groups*', 'ServiceAccounts*']);
    const rb = obj('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'ops', {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [
        { kind: 'User', name: 'alice' },
        { kind: 'User', name: 'bob' },
        { kind: 'Group', name: 'system:masters' },
        { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' },
      ],
    });
    expect(row('rbac.authorization.k8s.io', 'ClusterRoleBinding', rb)).toEqual({
      Name: 'ops',
      Role: 'ClusterRole/cluster-admin',
      Age: '5m',
      Users: 'alice, bob',
      Groups: 'system:masters',
      ServiceAccounts: 'ci/deployer',
    });
  });
});
