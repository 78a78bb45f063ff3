import { describe, expect, it } from 'vitest';
import { MIN, SEC, ago, columnNames, obj, row } from '../fixtures.js';

const involved = { kind: 'Pod', namespace: 'default', name: 'web-1', fieldPath: 'spec.containers{app}' };

describe('core/v1 Event', () => {
  it('shows LAST SEEN TYPE REASON OBJECT MESSAGE by default', () => {
    expect(columnNames('', 'Event')).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*']);
  });

  it('prints a kubelet event', () => {
    const e = obj('v1', 'Event', 'web-1.17d2a', {
      involvedObject: involved,
      reason: 'BackOff',
      message: 'Back-off restarting failed container app\n',
      type: 'Warning',
      source: { component: 'kubelet', host: 'worker-1' },
      firstTimestamp: ago(10 * MIN),
      lastTimestamp: ago(45 * SEC),
      count: 7,
    });
    expect(row('', 'Event', e)).toEqual({
      'Last Seen': '45s',
      Type: 'Warning',
      Reason: 'BackOff',
      Object: 'pod/web-1',
      Subobject: 'spec.containers{app}',
      Source: 'kubelet, worker-1',
      Message: 'Back-off restarting failed container app',
      'First Seen': '10m',
      Count: 7,
      Name: 'web-1.17d2a',
    });
  });

  it('falls back to eventTime, the first timestamp, the series and a count of 1', () => {
    const e = obj('v1', 'Event', 'n', {
      involvedObject: { kind: 'Node', name: '' },
      reason: 'Starting',
      type: 'Normal',
      eventTime: '2024-06-01T11:58:00.123456Z',
      reportingComponent: 'kube-proxy',
      reportingInstance: '',
    });
    expect(row('', 'Event', e)).toMatchObject({ 'Last Seen': '119s', 'First Seen': '119s', Count: 1, Object: 'node', Source: 'kube-proxy' });
    const series = obj('v1', 'Event', 's', { involvedObject: involved, eventTime: ago(30 * MIN), series: { count: 12, lastObservedTime: ago(2 * MIN) } });
    expect(row('', 'Event', series)).toMatchObject({ 'Last Seen': '2m', 'First Seen': '30m', Count: 12 });
    expect(row('', 'Event', obj('v1', 'Event', 'bare', { involvedObject: {} }))).toMatchObject({ 'Last Seen': '<unknown>', Object: '' });
  });
});

describe('events.k8s.io/v1 Event', () => {
  it('prints like a core event, reading the new field names', () => {
    const e = obj('events.k8s.io/v1', 'Event', 'web-1.17d2b', {
      regarding: { kind: 'Deployment', name: 'web' },
      note: 'Scaled up replica set web-7d4b9c to 3',
      reason: 'ScalingReplicaSet',
      type: 'Normal',
      eventTime: ago(3 * MIN),
      reportingController: 'deployment-controller',
      reportingInstance: 'kcm-1',
      deprecatedCount: 2,
    });
    expect(row('events.k8s.io', 'Event', e)).toEqual({
      'Last Seen': '3m',
      Type: 'Normal',
      Reason: 'ScalingReplicaSet',
      Object: 'deployment/web',
      Subobject: '',
      Source: 'deployment-controller, kcm-1',
      Message: 'Scaled up replica set web-7d4b9c to 3',
      'First Seen': '3m',
      Count: 2,
      Name: 'web-1.17d2b',
    });
  });
});
