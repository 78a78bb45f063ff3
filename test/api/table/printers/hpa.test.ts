import { describe, expect, it } from 'vitest';
import { formatHpaMetrics } from '../../../../src/api/table/printers/hpa.js';
import { columnNames, obj, row } from '../fixtures.js';

const cpu = (target: Record<string, unknown>) => ({ type: 'Resource', resource: { name: 'cpu', target } });

describe('HorizontalPodAutoscaler', () => {
  it('prints REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE', () => {
    expect(columnNames('autoscaling', 'HorizontalPodAutoscaler')).toEqual(['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
    const hpa = obj('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', {
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, metrics: [cpu({ type: 'Utilization', averageUtilization: 80 })] },
      status: { currentReplicas: 3, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45 } } }] },
    });
    expect(row('autoscaling', 'HorizontalPodAutoscaler', hpa)).toEqual({
      Name: 'web',
      Reference: 'Deployment/web',
      Targets: 'cpu: 45%/80%',
      MinPods: '2',
      MaxPods: 10,
      Replicas: 3,
      Age: '5m',
    });
  });

  it('reads autoscaling/v1 through its CPU target', () => {
    const v1 = obj('autoscaling/v1', 'HorizontalPodAutoscaler', 'api', {
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'api' }, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
      status: { currentReplicas: 1, desiredReplicas: 1 },
    });
    expect(row('autoscaling', 'HorizontalPodAutoscaler', v1)).toMatchObject({ Targets: 'cpu: <unknown>/50%', MinPods: '<unset>', MaxPods: 5, Replicas: 1 });
  });

  it.each<[string, unknown[], unknown[], string]>([
    ['no metrics', [], [], '<none>'],
    ['utilization without a reading', [cpu({ type: 'Utilization', averageUtilization: 70 })], [], 'cpu: <unknown>/70%'],
    ['utilization without a target', [cpu({ type: 'Utilization' })], [], 'cpu: <unknown>/<auto>'],
    [
      'average value',
      [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } }],
      [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '400Mi' } } }],
      'memory: 400Mi/512Mi',
    ],
    [
      'pods metric',
      [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1k' } } }],
      [{ type: 'Pods', pods: { metric: { name: 'rps' }, current: { averageValue: '1500m' } } }],
      '1500m/1k',
    ],
    [
      'object value and external average',
      [
        { type: 'Object', object: { metric: { name: 'q' }, describedObject: { kind: 'Service', name: 's' }, target: { type: 'Value', value: '10' } } },
        { type: 'External', external: { metric: { name: 'lag' }, target: { type: 'AverageValue', averageValue: '30' } } },
      ],
      [{ type: 'Object', object: { metric: { name: 'q' }, current: { value: '12' } } }],
      '12/10, <unknown>/30 (avg)',
    ],
    [
      'more than two',
      [cpu({ type: 'Utilization', averageUtilization: 80 }), cpu({ type: 'Utilization', averageUtilization: 70 }), { type: 'Weird' }],
      [],
      'cpu: <unknown>/80%, cpu: <unknown>/70% + 1 more...',
    ],
    [
      'container resource',
      [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } }],
      [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', current: { averageUtilization: 61 } } }],
      'cpu: 61%/60%',
    ],
  ])('TARGETS: %s', (_t, specs, statuses, expected) => {
    expect(formatHpaMetrics(specs as never, statuses as never)).toBe(expected);
  });
});
