import { describe, expect, it } from 'vitest';
import { userNamed, userOf } from '../../../src/api/authorization/user-info.js';

describe('userOf', () => {
  it('maps built-in controllers to their kube-system ServiceAccounts', () => {
    const sa = ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'];
    expect(userOf('controller:replicaset')).toEqual({ name: 'system:serviceaccount:kube-system:replicaset-controller', groups: sa });
    expect(userOf('controller:daemonset').name).toBe('system:serviceaccount:kube-system:daemon-set-controller');
    expect(userOf('controller:garbage-collector').name).toBe('system:serviceaccount:kube-system:generic-garbage-collector');
    expect(userOf('controller:taint-eviction-controller').name).toBe('system:serviceaccount:kube-system:node-controller');
    expect(userOf('controller:horizontalpodautoscaling').name).toBe('system:serviceaccount:kube-system:horizontal-pod-autoscaler');
    expect(userOf('controller:my-operator').name).toBe('system:serviceaccount:kube-system:my-operator');
  });
  it('maps the scheduler, the API server, nodes and users', () => {
    expect(userOf('controller:scheduler')).toEqual({ name: 'system:kube-scheduler', groups: ['system:authenticated'] });
    expect(userOf('controller:apiserver').groups).toContain('system:masters');
    expect(userOf('node:n1')).toEqual({ name: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] });
    expect(userOf('user:alice')).toEqual({ name: 'alice', groups: ['system:authenticated'] });
    expect(userOf('client:bob')).toEqual({ name: 'bob', groups: ['system:authenticated'] });
  });
  it('puts the simulation operators in system:masters, configurably', () => {
    expect(userOf('user:scenario').groups).toContain('system:masters');
    expect(userOf('client:admin').groups).toContain('system:masters');
    expect(userOf('client:admin', { masters: [] }).groups).not.toContain('system:masters');
  });
  it('derives ServiceAccount and node groups from impersonated names', () => {
    expect(userOf('client:system:serviceaccount:web:builder').groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:web', 'system:authenticated']);
    expect(userNamed('system:node:n2').groups).toEqual(['system:nodes', 'system:authenticated']);
    expect(userNamed('system:anonymous').groups).toEqual(['system:unauthenticated']);
  });
});
