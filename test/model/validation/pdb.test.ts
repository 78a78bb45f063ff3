import { describe, expect, it } from 'vitest';
import { validatePodDisruptionBudget } from '../../../src/model/validation/pdb.js';

const pdb = (spec: Record<string, unknown>) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } });
const messages = (spec: Record<string, unknown>): string[] => validatePodDisruptionBudget(pdb(spec)).map((c) => `${c.field ?? ''}: ${c.message}`);

describe('validatePodDisruptionBudget', () => {
  it.each([{ minAvailable: 2 }, { minAvailable: '50%' }, { maxUnavailable: 0 }, { maxUnavailable: '100%' }, { minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' }, {}])(
    'accepts %j',
    (spec) => expect(messages(spec)).toEqual([]),
  );

  it('refuses both minAvailable and maxUnavailable', () => {
    expect(messages({ minAvailable: 1, maxUnavailable: 1 })[0]).toMatch(/^spec: Invalid value: .*: minAvailable and maxUnavailable cannot be both set$/);
  });

  it('refuses negative numbers, bad and excessive percentages, and unknown policies, worded as Kubernetes', () => {
    expect(messages({ minAvailable: -1 })).toEqual(['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']);
    expect(messages({ maxUnavailable: '150%' })).toEqual(['spec.maxUnavailable: Invalid value: "150%": must not be greater than 100%']);
    expect(messages({ minAvailable: 'half' })).toHaveLength(1);
    expect(messages({ minAvailable: 'half' })[0]).toMatch(/^spec\.minAvailable: Invalid value: "half": /);
    expect(messages({ minAvailable: 1, unhealthyPodEvictionPolicy: 'Sometimes' })).toEqual([
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
    expect(messages({ minAvailable: 1, selector: { matchExpressions: [{ key: 'app', operator: 'Near' }] } })).not.toEqual([]);
  });
});
