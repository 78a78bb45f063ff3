import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/model/index.js';
import type { NodeInfo } from '../../../src/controllers/scheduler/node-info.js';
import { applyUsage, emptyUsage, nodeInfoOf, podUsageOf } from '../../../src/controllers/scheduler/node-info.js';
import { podFactsOf } from '../../../src/controllers/scheduler/pod-facts.js';
import { scoreNodes } from '../../../src/controllers/scheduler/schedule-pod.js';
import { balancedAllocation, balancedScore } from '../../../src/controllers/scheduler/scores/balanced-allocation.js';
import { defaultScores } from '../../../src/controllers/scheduler/scores/default-scores.js';
import { leastAllocated, leastRequestedScore } from '../../../src/controllers/scheduler/scores/least-allocated.js';
import { mostAllocated, mostRequestedScore } from '../../../src/controllers/scheduler/scores/most-allocated.js';
import { nodeAffinityScore } from '../../../src/controllers/scheduler/scores/node-affinity.js';
import { nodeResourcesFitScore } from '../../../src/controllers/scheduler/scores/node-resources-fit.js';
import { defaultNormalizeScore } from '../../../src/controllers/scheduler/scores/score.js';
import { taintTolerationScore } from '../../../src/controllers/scheduler/scores/taint-toleration.js';
import { selectHost } from '../../../src/controllers/scheduler/select-host.js';
import { node, pod } from './fixtures.js';

const info = (n: ReturnType<typeof node>, bound: ReturnType<typeof pod>[] = []): NodeInfo => {
  const usage = emptyUsage();
  for (const p of bound) applyUsage(usage, podUsageOf({ ...p, spec: { ...(p['spec'] as object), nodeName: n.metadata.name } } as Pod)!, 1);
  return nodeInfoOf(n as Node, usage);
};
const facts = (p: ReturnType<typeof pod>) => podFactsOf(p as Pod);

describe('resource scores', () => {
  it('LeastAllocated: free share × 100, integer division, weighted average', () => {
    expect(leastRequestedScore(3000, 4000)).toBe(25);
    expect(leastRequestedScore(5000, 4000)).toBe(0);
    expect(leastRequestedScore(1, 3)).toBe(66);
    expect(leastAllocated([3000, 5000], [4000, 10000], [1, 1])).toBe(37); // (25 + 50) / 2
    expect(leastAllocated([1, 1], [0, 0], [1, 1])).toBe(0);
  });

  it('MostAllocated: used share × 100, capped at allocatable', () => {
    expect(mostRequestedScore(3000, 4000)).toBe(75);
    expect(mostRequestedScore(5000, 4000)).toBe(100);
    expect(mostAllocated([3000, 5000], [4000, 10000], [1, 1])).toBe(62);
  });

  it('BalancedAllocation: (1 − std of fractions) × 100', () => {
    expect(balancedScore([2000, 4], [4000, 8])).toBe(100);
    expect(balancedScore([1000, 6], [4000, 8])).toBe(75); // |0.25 − 0.75| / 2 = 0.25
    expect(balancedScore([1, 1, 1], [1, 2, 4])).toBe(Math.trunc((1 - Math.sqrt(((1 - 7 / 12) ** 2 + (0.5 - 7 / 12) ** 2 + (0.25 - 7 / 12) ** 2) / 3)) * 100));
  });

  it("NodeResourcesFit scores a node's non-zero requests plus the pod's", () => {
    const n = info(node('a', { cpu: '4', memory: '8Gi' }), [pod('x', undefined)]); // counts 100m and 200Mi
    const p = facts(pod('p', { cpu: '1', memory: '1Gi' }));
    // cpu (4000 − 1100) / 4000 → 72; memory (8Gi − 1224Mi) / 8Gi → 85
    expect(nodeResourcesFitScore('LeastAllocated').score(p, n)).toBe(Math.trunc((72 + 85) / 2));
    expect(nodeResourcesFitScore('MostAllocated').score(p, n)).toBe(Math.trunc((27 + 14) / 2));
    // Balanced uses actual requests: the best-effort pod on the node counts nothing.
    expect(balancedAllocation.score(p, n)).toBe(Math.trunc((1 - Math.abs(1000 / 4000 - 1 / 8) / 2) * 100));
  });
});

describe('normalised scores', () => {
  it('scales by the maximum, reversed on request', () => {
    const s = [0, 1, 3];
    defaultNormalizeScore(s, false);
    expect(s).toEqual([0, 33, 100]);
    const r = [0, 1, 3];
    defaultNormalizeScore(r, true);
    expect(r).toEqual([100, 67, 0]);
    const z = [0, 0];
    defaultNormalizeScore(z, true);
    expect(z).toEqual([100, 100]);
  });

  it('TaintToleration prefers nodes with fewer untolerated PreferNoSchedule taints (weight 3)', () => {
    const nodes = [info(node('a')), info(node('b', { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] }))];
    const p = facts(pod('p'));
    expect(taintTolerationScore.skip?.(p, nodes)).toBe(false);
    expect(taintTolerationScore.skip?.(p, [nodes[0]!])).toBe(true);
    expect(scoreNodes([taintTolerationScore], p, nodes)).toEqual([300, 0]);
  });

  it('NodeAffinity sums the weights of matching preferred terms (weight 2)', () => {
    const nodes = [info(node('a', { labels: { disk: 'ssd' } })), info(node('b'))];
    const p = facts(
      pod('p', undefined, {
        affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } },
      }),
    );
    expect(scoreNodes([nodeAffinityScore], p, nodes)).toEqual([200, 0]);
    expect(nodeAffinityScore.skip?.(facts(pod('q')), nodes)).toBe(true);
  });

  it('sums weighted plugin scores', () => {
    const nodes = [info(node('a')), info(node('b'), [pod('x', { cpu: '2', memory: '4Gi' })])];
    const totals = scoreNodes(defaultScores('LeastAllocated'), facts(pod('p')), nodes);
    expect(totals[0]).toBeGreaterThan(totals[1]!);
  });
});

describe('selectHost', () => {
  it('takes the best score', () => {
    expect(selectHost([1, 5, 3], seededRandom(1))).toBe(1);
  });

  it('breaks ties uniformly and reproducibly with the seeded source', () => {
    const pick = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 3000 }, () => selectHost([7, 2, 7, 7], r));
    };
    const picks = pick(5);
    expect(pick(5)).toEqual(picks);
    expect(picks).not.toContain(1);
    for (const i of [0, 2, 3]) expect(picks.filter((p) => p === i).length).toBeGreaterThan(850);
    expect(() => selectHost([], seededRandom(1))).toThrow();
  });
});
