import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MIN, ago, columnNames, obj, row } from '../fixtures.js';

const template = (labels: Record<string, string>, nodeSelector?: Record<string, string>) => ({
  metadata: { labels },
  spec: {
    ...(nodeSelector === undefined ? {} : { nodeSelector }),
    containers: [
      { name: 'web', image: 'nginx:1.27' },
      { name: 'log', image: 'fluent-bit:3.0' },
    ],
  },
});

describe('Deployment', () => {
  const d = obj('apps/v1', 'Deployment', 'web', {
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }] },
      template: template({ app: 'web' }),
    },
    status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  });

  it('prints READY UP-TO-DATE AVAILABLE and, wide, containers, images and selector', () => {
    expect(columnNames('apps', 'Deployment')).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*']);
    expect(row('apps', 'Deployment', d)).toEqual({
      Name: 'web',
      Ready: '2/3',
      'Up-to-date': 3,
      Available: 2,
      Age: '5m',
      Containers: 'web,log',
      Images: 'nginx:1.27,fluent-bit:3.0',
      Selector: 'app=web,tier in (edge,front)',
    });
  });

  it('reads a fresh deployment with no status as 0 of desired', () => {
    const fresh = obj('apps/v1', 'Deployment', 'api', { spec: { replicas: 2, selector: {}, template: template({}) } });
    const r = row('apps', 'Deployment', fresh);
    expect([r['Ready'], r['Up-to-date'], r['Available'], r['Selector']]).toEqual(['0/2', 0, 0, '']);
  });

  it('marks a selector with an unknown operator <invalid>', () => {
    const bad = obj('apps/v1', 'Deployment', 'x', { spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Near' }] }, template: template({}) } });
    expect(row('apps', 'Deployment', bad)['Selector']).toBe('<invalid>');
  });
});

describe('ReplicaSet and ReplicationController', () => {
  it('print DESIRED CURRENT READY as integers', () => {
    expect(columnNames('apps', 'ReplicaSet')).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*']);
    const rs = obj('apps/v1', 'ReplicaSet', 'web-7d4b9c', {
      spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c' } }, template: template({ app: 'web' }) },
      status: { replicas: 3, readyReplicas: 1 },
    }, { creationTimestamp: ago(3 * HOUR + 10 * MIN) });
    expect(row('apps', 'ReplicaSet', rs)).toMatchObject({ Desired: 3, Current: 3, Ready: 1, Age: '3h10m', Selector: 'app=web,pod-template-hash=7d4b9c' });
    const empty = obj('apps/v1', 'ReplicaSet', 'e', { spec: { selector: {}, template: template({}) } });
    expect(row('apps', 'ReplicaSet', empty)).toMatchObject({ Desired: 1, Current: 0, Ready: 0, Selector: '<none>' });
  });

  it('prints a replication controller selector as labels', () => {
    const rc = obj('v1', 'ReplicationController', 'legacy', { spec: { replicas: 2, selector: { b: '2', a: '1' }, template: template({ a: '1' }) }, status: { replicas: 2, readyReplicas: 2 } });
    expect(row('', 'ReplicationController', rc)).toMatchObject({ Desired: 2, Current: 2, Ready: 2, Selector: 'a=1,b=2' });
  });
});

describe('DaemonSet and StatefulSet', () => {
  it('prints daemon counts and the node selector', () => {
    expect(columnNames('apps', 'DaemonSet')).toEqual([
      'Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers*', 'Images*', 'Selector*',
    ]);
    const ds = obj('apps/v1', 'DaemonSet', 'kube-proxy', {
      spec: { selector: { matchLabels: { k8s: 'proxy' } }, template: template({ k8s: 'proxy' }, { 'kubernetes.io/os': 'linux' }) },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    }, { creationTimestamp: ago(40 * DAY) });
    expect(row('apps', 'DaemonSet', ds)).toMatchObject({
      Desired: 3, Current: 3, Ready: 2, 'Up-to-date': 3, Available: 2, 'Node Selector': 'kubernetes.io/os=linux', Age: '40d', Selector: 'k8s=proxy',
    });
    const anywhere = obj('apps/v1', 'DaemonSet', 'a', { spec: { selector: {}, template: template({}) } });
    expect(row('apps', 'DaemonSet', anywhere)['Node Selector']).toBe('<none>');
  });

  it('prints a stateful set as ready of desired, with no selector column', () => {
    expect(columnNames('apps', 'StatefulSet')).toEqual(['Name', 'Ready', 'Age', 'Containers*', 'Images*']);
    const ss = obj('apps/v1', 'StatefulSet', 'db', { spec: { replicas: 3, selector: {}, serviceName: 'db', template: template({}) }, status: { replicas: 2, readyReplicas: 1 } });
    expect(row('apps', 'StatefulSet', ss)).toMatchObject({ Ready: '1/3', Containers: 'web,log' });
  });
});

describe('PodTemplate and ControllerRevision', () => {
  it('print the template and the owning controller', () => {
    expect(row('', 'PodTemplate', obj('v1', 'PodTemplate', 'pt', { template: template({ app: 'x' }) }))).toEqual({
      Name: 'pt', Containers: 'web,log', Images: 'nginx:1.27,fluent-bit:3.0', 'Pod Labels': 'app=x',
    });
    const owner = { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'u', controller: true };
    const cr = obj('apps/v1', 'ControllerRevision', 'kube-proxy-5c9f', { revision: 2, data: {} }, { ownerReferences: [owner] });
    expect(row('apps', 'ControllerRevision', cr)).toMatchObject({ Controller: 'daemonset.apps/kube-proxy', Revision: 2 });
    expect(row('apps', 'ControllerRevision', obj('apps/v1', 'ControllerRevision', 'orphan', { revision: 1 }))['Controller']).toBe('<none>');
  });
});
