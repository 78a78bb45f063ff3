import { describe, expect, it } from 'vitest';
import { validateResourceQuota, validateResourceQuotaUpdate } from '../../../src/model/validation/resource-quota.js';

const rq = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec });
const messages = (spec: Record<string, unknown>) => validateResourceQuota(rq(spec)).map((c) => `${c.field ?? ''}: ${c.message}`);

describe('ResourceQuota validation', () => {
  it('accepts standard, count/ and extended names with sound values', () => {
    expect(messages({ hard: { pods: '10', 'requests.cpu': '1500m', 'count/deployments.apps': '2', 'requests.nvidia.com/gpu': '4', 'hugepages-2Mi': '1Gi' } })).toEqual([]);
  });

  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['an unknown plain name', { hard: { widgets: '1' } }, ['spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota']],
    ['a negative value', { hard: { 'requests.memory': '-1Gi' } }, ['spec.hard[requests.memory]: Invalid value: "-1Gi": must be greater than or equal to 0']],
    ['a fractional count', { hard: { pods: '1500m' } }, ['spec.hard[pods]: Invalid value: "1500m": must be an integer']],
    ['an unknown scope', { hard: { pods: '1' }, scopes: ['Sometimes'] }, ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"Sometimes"}: unsupported scope']],
    [
      'BestEffort on compute',
      { hard: { 'requests.cpu': '1' }, scopes: ['BestEffort'] },
      ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource'],
    ],
    [
      'conflicting scopes',
      { hard: { pods: '1' }, scopes: ['Terminating', 'NotTerminating'] },
      ['spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating", "NotTerminating"}: conflicting scopes'],
    ],
    [
      'a PriorityClass In without values',
      { hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In' }] } },
      ["spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"],
    ],
    [
      'BestEffort with In',
      { hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'BestEffort', operator: 'In', values: ['x'] }] } },
      [
        "spec.scopeSelector.matchExpressions.operator: Invalid value: \"In\": must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
      ],
    ],
  ];
  it.each(cases)('refuses %s', (_t, spec, want) => expect(messages(spec)).toEqual(want));

  it('scopes are immutable on update', () => {
    expect(validateResourceQuotaUpdate(rq({ scopes: ['BestEffort'] }), rq({ scopes: ['BestEffort'] }))).toEqual([]);
    expect(validateResourceQuotaUpdate(rq({ scopes: ['BestEffort'] }), rq({ scopes: [] }))[0]?.message).toBe('Invalid value: []core.ResourceQuotaScope{}: field is immutable');
  });
});
