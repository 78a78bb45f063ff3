import { describe, expect, it } from 'vitest';
import { defaultLimitRange } from '../../../src/model/defaults/limit-range-defaults.js';

const lr = (limits: unknown[]) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits } });

describe('LimitRange defaults (SetDefaults_LimitRangeItem)', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['max becomes the default limit and the default request', { type: 'Container', max: { cpu: '2' } }, { default: { cpu: '2' }, defaultRequest: { cpu: '2' } }],
    ['default becomes the default request', { type: 'Container', default: { memory: '1Gi' } }, { default: { memory: '1Gi' }, defaultRequest: { memory: '1Gi' } }],
    ['min becomes the default request when nothing else sets it', { type: 'Container', min: { cpu: '100m' } }, { defaultRequest: { cpu: '100m' } }],
    [
      'explicit values win',
      { type: 'Container', max: { cpu: '2' }, default: { cpu: '1' }, defaultRequest: { cpu: '500m' }, min: { cpu: '100m' } },
      { default: { cpu: '1' }, defaultRequest: { cpu: '500m' } },
    ],
    ['Pod items are left alone', { type: 'Pod', max: { cpu: '2' } }, {}],
  ];
  it.each(cases)('%s', (_t, item, want) => {
    const o = lr([item]);
    defaultLimitRange(o);
    const got = o.spec.limits[0] as Record<string, unknown>;
    expect({ default: got['default'], defaultRequest: got['defaultRequest'] }).toEqual({ default: undefined, defaultRequest: undefined, ...want });
  });
});
