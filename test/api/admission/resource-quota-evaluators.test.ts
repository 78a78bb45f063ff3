import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import { formatQuantity } from '../../../src/model/index.js';
import {
  evaluatorFor,
  objectCountName,
  persistentVolumeClaimEvaluator,
  podEvaluator,
  serviceEvaluator,
} from '../../../src/api/admission/resource-quota-evaluators.js';
import { formatList, parseResourceList, prettyPrint } from '../../../src/api/admission/resource-quota-list.js';
import { podLimits, podRequests } from '../../../src/api/admission/resource-quota-pod-resources.js';

type R = { requests?: Record<string, string>; limits?: Record<string, string> };
const c = (name: string, resources: R = {}, extra: Record<string, unknown> = {}) => ({ name, image: 'x', resources, ...extra });
const pod = (spec: Record<string, unknown>, status: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', ...meta },
  spec,
  status,
});

describe('pod quota usage (Kubernetes PodUsageFunc)', () => {
  const cases: Array<[string, KubeObject, Record<string, string>]> = [
    ['a best-effort pod counts pods only', pod({ containers: [c('a')] }), { 'count/pods': '1', pods: '1' }],
    [
      'requests and limits of two containers add up',
      pod({ containers: [c('a', { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m' } }), c('b', { requests: { cpu: '750m' }, limits: { cpu: '1' } })] }),
      { 'count/pods': '1', pods: '1', cpu: '1', 'requests.cpu': '1', 'limits.cpu': '1500m', memory: '64Mi', 'requests.memory': '64Mi' },
    ],
    [
      'an init container larger than the containers sets the pod request',
      pod({ containers: [c('a', { requests: { cpu: '100m' } })], initContainers: [c('i', { requests: { cpu: '2' } })] }),
      { 'count/pods': '1', pods: '1', cpu: '2', 'requests.cpu': '2' },
    ],
    [
      'a sidecar adds to the containers and to later init containers',
      pod({
        containers: [c('a', { requests: { cpu: '100m' } })],
        initContainers: [c('s', { requests: { cpu: '200m' } }, { restartPolicy: 'Always' }), c('i', { requests: { cpu: '250m' } })],
      }),
      // containers 100m + sidecar 200m = 300m; init 250m + sidecar 200m = 450m → 450m
      { 'count/pods': '1', pods: '1', cpu: '450m', 'requests.cpu': '450m' },
    ],
    [
      'overhead adds to requests, and to limits that are set',
      pod({ containers: [c('a', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1' } })], overhead: { cpu: '250m', memory: '120Mi' } }),
      { 'count/pods': '1', pods: '1', cpu: '1250m', 'requests.cpu': '1250m', 'limits.cpu': '1250m', memory: '1144Mi', 'requests.memory': '1144Mi' },
    ],
    [
      'extended resources and hugepages',
      pod({ containers: [c('a', { requests: { 'nvidia.com/gpu': '1', 'hugepages-2Mi': '4Mi' }, limits: { 'nvidia.com/gpu': '1', 'hugepages-2Mi': '4Mi' } })] }),
      { 'count/pods': '1', pods: '1', 'requests.nvidia.com/gpu': '1', 'hugepages-2Mi': '4Mi', 'requests.hugepages-2Mi': '4Mi' },
    ],
    ['a Succeeded pod counts only count/pods', pod({ containers: [c('a', { requests: { cpu: '1' } })] }, { phase: 'Succeeded' }), { 'count/pods': '1' }],
    ['a Failed pod counts only count/pods', pod({ containers: [c('a', { requests: { cpu: '1' } })] }, { phase: 'Failed' }), { 'count/pods': '1' }],
  ];
  it.each(cases)('%s', (_t, p, want) => {
    expect(formatList(podEvaluator.usage(p))).toEqual(want);
  });

  it('a deleting pod stops counting once its deletion time plus grace period has passed', () => {
    const p = pod({ containers: [c('a')] }, {}, { deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 });
    const at = Date.UTC(2026, 0, 1, 0, 1, 0);
    expect(formatList(podEvaluator.usage(p, at))).toEqual({ 'count/pods': '1', pods: '1' });
    expect(formatList(podEvaluator.usage(p, at + 1))).toEqual({ 'count/pods': '1' });
    expect(formatList(podEvaluator.usage(p))).toEqual({ 'count/pods': '1', pods: '1' });
  });

  it('podRequests/podLimits leave out what no container states', () => {
    const p = pod({ containers: [c('a', { limits: { memory: '1Gi' } })] }) as never;
    expect(formatList(podRequests(p))).toEqual({});
    expect(formatList(podLimits(p))).toEqual({ memory: '1Gi' });
  });

  it('matches the compute and count names it charges, and extended requests only', () => {
    expect(podEvaluator.matchingResources(['pods', 'limits.cpu', 'services', 'requests.nvidia.com/gpu', 'nvidia.com/gpu', 'count/pods']).sort()).toEqual(
      ['count/pods', 'limits.cpu', 'pods', 'requests.nvidia.com/gpu'],
    );
  });

  it('constraints name every container missing a value a cpu/memory quota demands', () => {
    const p = pod({
      containers: [c('b', { requests: { cpu: '1' } }), c('a')],
      initContainers: [c('init', { requests: { cpu: '1' }, limits: { cpu: '1' } })],
    });
    const missing = podEvaluator.constraints(['requests.cpu', 'limits.cpu', 'pods', 'requests.storage'], p);
    expect([...missing.entries()]).toEqual([
      ['limits.cpu', ['a', 'b']],
      ['requests.cpu', ['a']],
    ]);
    expect(podEvaluator.constraints(['pods', 'requests.ephemeral-storage'], p).size).toBe(0);
  });

  it('is charged on create only (in-place resize is off in 1.32)', () => {
    expect(podEvaluator.handles('CREATE')).toBe(true);
    expect(podEvaluator.handles('UPDATE')).toBe(false);
  });
});

describe('pod scopes', () => {
  const be = pod({ containers: [c('a')] });
  const burst = pod({ containers: [c('a', { requests: { cpu: '1' } })], activeDeadlineSeconds: 60, priorityClassName: 'high' });
  const cases: Array<[string, { scopeName: string; operator: string; values?: string[] }, boolean, boolean]> = [
    ['BestEffort', { scopeName: 'BestEffort', operator: 'Exists' }, true, false],
    ['NotBestEffort', { scopeName: 'NotBestEffort', operator: 'Exists' }, false, true],
    ['Terminating', { scopeName: 'Terminating', operator: 'Exists' }, false, true],
    ['NotTerminating', { scopeName: 'NotTerminating', operator: 'Exists' }, true, false],
    ['PriorityClass Exists', { scopeName: 'PriorityClass', operator: 'Exists' }, false, true],
    ['PriorityClass DoesNotExist', { scopeName: 'PriorityClass', operator: 'DoesNotExist' }, true, false],
    ['PriorityClass In', { scopeName: 'PriorityClass', operator: 'In', values: ['high', 'x'] }, false, true],
    ['PriorityClass NotIn', { scopeName: 'PriorityClass', operator: 'NotIn', values: ['high'] }, true, false],
  ];
  it.each(cases)('%s', (_t, selector, wantBestEffort, wantBurstable) => {
    expect(podEvaluator.matchesScope(selector, be)).toBe(wantBestEffort);
    expect(podEvaluator.matchesScope(selector, burst)).toBe(wantBurstable);
  });
});

describe('service, claim and object-count usage', () => {
  const svc = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec });
  const ports = [{ port: 80 }, { port: 443, nodePort: 30443 }];
  const cases: Array<[string, KubeObject, Record<string, string>]> = [
    ['ClusterIP', svc({ type: 'ClusterIP', ports }), { 'count/services': '1', services: '1', 'services.nodeports': '0', 'services.loadbalancers': '0' }],
    ['NodePort counts every port', svc({ type: 'NodePort', ports }), { 'count/services': '1', services: '1', 'services.nodeports': '2', 'services.loadbalancers': '0' }],
    ['LoadBalancer', svc({ type: 'LoadBalancer', ports }), { 'count/services': '1', services: '1', 'services.nodeports': '2', 'services.loadbalancers': '1' }],
    [
      'LoadBalancer without allocated node ports counts explicit ones',
      svc({ type: 'LoadBalancer', ports, allocateLoadBalancerNodePorts: false }),
      { 'count/services': '1', services: '1', 'services.nodeports': '1', 'services.loadbalancers': '1' },
    ],
  ];
  it.each(cases)('service %s', (_t, s, want) => {
    expect(formatList(serviceEvaluator.usage(s))).toEqual(want);
  });

  it('a claim charges storage to itself and to its class; the beta annotation wins', () => {
    const pvc: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c', annotations: { 'volume.beta.kubernetes.io/storage-class': 'gold' } },
      spec: { storageClassName: 'silver', resources: { requests: { storage: '1.5' } } },
    };
    expect(formatList(persistentVolumeClaimEvaluator.usage(pvc))).toEqual({
      'count/persistentvolumeclaims': '1',
      persistentvolumeclaims: '1',
      'gold.storageclass.storage.k8s.io/persistentvolumeclaims': '1',
      'gold.storageclass.storage.k8s.io/requests.storage': '2',
      'requests.storage': '2',
    });
  });

  it('object counts: legacy aliases for four core resources, count/<resource>.<group> otherwise; events are not counted', () => {
    expect(objectCountName('', 'secrets')).toBe('count/secrets');
    expect(objectCountName('apps', 'deployments')).toBe('count/deployments.apps');
    expect(formatList(evaluatorFor('', 'configmaps')!.usage({} as KubeObject))).toEqual({ 'count/configmaps': '1', configmaps: '1' });
    expect(formatList(evaluatorFor('apps', 'deployments')!.usage({} as KubeObject))).toEqual({ 'count/deployments.apps': '1' });
    expect(evaluatorFor('', 'events')).toBeUndefined();
    expect(evaluatorFor('apps', 'deployments')!.handles('UPDATE')).toBe(false);
  });

  it('prettyPrint sorts names and prints canonical quantities', () => {
    expect(prettyPrint(parseResourceList({ pods: '2', 'limits.memory': '1024Mi', 'requests.cpu': '0.5' }))).toBe(
      'limits.memory=1Gi,pods=2,requests.cpu=500m',
    );
    expect(formatQuantity(parseResourceList({ a: '1000' })['a']!)).toBe('1k');
  });
});
