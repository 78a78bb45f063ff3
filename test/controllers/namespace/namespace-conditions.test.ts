import { describe, expect, it } from 'vitest';
import { failingConditions, mergeConditions, NAMESPACE_CONDITION_TYPES } from '../../../src/controllers/namespace/namespace-conditions.js';
import type { ContentTally } from '../../../src/controllers/namespace/namespace-content.js';
import { kindInfo } from '../../../src/model/index.js';

const pods = kindInfo({ group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true });
const widgets = kindInfo({ group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true }, true);
const clean: ContentTally = { remaining: [], finalizers: [], estimateSeconds: 0, errors: [] };

describe('failingConditions', () => {
  it('asks for nothing failing when nothing remains', () => {
    expect(failingConditions(clean)).toEqual([]);
  });

  it("words remaining content, finalizers and failures as Kubernetes does, sorted", () => {
    const failing = failingConditions({
      remaining: [
        { info: widgets, count: 2 },
        { info: pods, count: 1 },
      ],
      finalizers: [
        ['z.io/last', 1],
        ['a.io/first', 2],
      ],
      estimateSeconds: 15,
      errors: ['unexpected b', 'unexpected a'],
    });
    expect(failing).toEqual([
      {
        type: 'NamespaceDeletionContentFailure',
        status: 'True',
        reason: 'ContentDeletionFailed',
        message: 'Failed to delete all resource types, 2 remaining: unexpected a, unexpected b',
      },
      {
        type: 'NamespaceContentRemaining',
        status: 'True',
        reason: 'SomeResourcesRemain',
        message: 'Some resources are remaining: pods. has 1 resource instances, widgets.example.com has 2 resource instances',
      },
      {
        type: 'NamespaceFinalizersRemaining',
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: 'Some content in the namespace has finalizers remaining: a.io/first in 2 resource instances, z.io/last in 1 resource instances',
      },
    ]);
  });
});

describe('mergeConditions', () => {
  it('adds all five types, ok variants False, in the fixed order', () => {
    const { conditions, changed } = mergeConditions([], [], 'T1');
    expect(changed).toBe(true);
    expect(conditions.map((c) => c.type)).toEqual([...NAMESPACE_CONDITION_TYPES]);
    expect(conditions.every((c) => c.status === 'False' && c.lastTransitionTime === 'T1')).toBe(true);
    expect(conditions[4]).toEqual({
      type: 'NamespaceFinalizersRemaining',
      status: 'False',
      lastTransitionTime: 'T1',
      reason: 'ContentHasNoFinalizers',
      message: 'All content-preserving finalizers finished',
    });
  });

  it('reports no change when the wanted conditions are already there', () => {
    const first = mergeConditions([], failingConditions({ ...clean, remaining: [{ info: pods, count: 1 }] }), 'T1');
    const again = mergeConditions(first.conditions, failingConditions({ ...clean, remaining: [{ info: pods, count: 1 }] }), 'T2');
    expect(again.changed).toBe(false);
    expect(again.conditions).toEqual(first.conditions);
  });

  it('moves lastTransitionTime only when the status flips, and keeps conditions it does not own', () => {
    const foreign = { type: 'Other', status: 'True', reason: 'Mine', message: 'not ours', lastTransitionTime: 'T0' };
    const one = mergeConditions([foreign], failingConditions({ ...clean, remaining: [{ info: pods, count: 2 }] }), 'T1');
    const fewer = mergeConditions(one.conditions, failingConditions({ ...clean, remaining: [{ info: pods, count: 1 }] }), 'T2');
    expect(fewer.changed).toBe(true);
    const remaining = (cs: typeof fewer.conditions) => cs.find((c) => c.type === 'NamespaceContentRemaining');
    expect(remaining(fewer.conditions)).toMatchObject({ status: 'True', lastTransitionTime: 'T1', message: 'Some resources are remaining: pods. has 1 resource instances' });
    const none = mergeConditions(fewer.conditions, [], 'T3');
    expect(remaining(none.conditions)).toMatchObject({ status: 'False', lastTransitionTime: 'T3', reason: 'ContentRemoved' });
    expect(none.conditions[0]).toEqual(foreign);
    // The input is not mutated.
    expect(remaining(one.conditions)?.message).toContain('has 2 resource instances');
  });
});
