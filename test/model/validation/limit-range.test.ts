import { describe, expect, it } from 'vitest';
import { validateLimitRange } from '../../../src/model/validation/limit-range.js';

const messages = (limits: unknown[]) =>
  validateLimitRange({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits } }).map((c) => `${c.field ?? ''}: ${c.message}`);

describe('LimitRange validation', () => {
  it('accepts ordered bounds', () => {
    expect(
      messages([
        { type: 'Container', min: { cpu: '100m' }, defaultRequest: { cpu: '200m' }, default: { cpu: '500m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '4' } },
        { type: 'Pod', max: { memory: '2Gi' } },
        { type: 'PersistentVolumeClaim', min: { storage: '1Gi' } },
      ]),
    ).toEqual([]);
  });

  const cases: Array<[string, unknown[], string[]]> = [
    ['an unknown type', [{ type: 'Widget' }], ['spec.limits[0].type: Invalid value: "Widget": must be a standard limit type or fully qualified']],
    ['a repeated type', [{ type: 'Pod' }, { type: 'Pod' }], ['spec.limits[1].type: Duplicate value: "Pod"']],
    ['min over max', [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }], ['spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1']],
    [
      'default over max',
      [{ type: 'Container', max: { memory: '1Gi' }, default: { memory: '2Gi' }, defaultRequest: { memory: '512Mi' } }],
      ['spec.limits[0].default[memory]: Invalid value: "1Gi": default value 2Gi is greater than max value 1Gi'],
    ],
    [
      'default request over default',
      [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '1' } }],
      ['spec.limits[0].defaultRequest[cpu]: Invalid value: "1": default request value 1 is greater than default limit value 500m'],
    ],
    ['a ratio below 1', [{ type: 'Container', maxLimitRequestRatio: { cpu: '500m' } }], ['spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: "500m": ratio 500m is less than 1']],
    [
      'a ratio above max/min',
      [{ type: 'Container', min: { cpu: '500m' }, max: { cpu: '1' }, maxLimitRequestRatio: { cpu: '3' } }],
      ['spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: "3": ratio 3 is greater than max/min = 2.000000'],
    ],
    ['defaults on a Pod item', [{ type: 'Pod', default: { cpu: '1' } }], ["spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"]],
    [
      'a claim item without storage bounds',
      [{ type: 'PersistentVolumeClaim', max: { cpu: '1' } }],
      ['spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided'],
    ],
    ['a non-container resource on a Container item', [{ type: 'Container', max: { pods: '1' } }], ['spec.limits[0].max[pods]: Invalid value: "pods": must be a standard resource for containers']],
  ];
  it.each(cases)('refuses %s', (_t, limits, want) => expect(messages(limits)).toEqual(want));
});
