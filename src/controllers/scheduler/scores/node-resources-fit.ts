/**
 * NodeResourcesFit's score (weight 1): cpu and memory, weight 1 each, over
 * the node's non-zero requests (pods without requests count 100m CPU and
 * 200Mi memory) plus the pod's, scored by the profile's strategy. The two
 * resources are inlined (this runs for hundreds of nodes per pod); the
 * general weighted form is least-allocated.ts / most-allocated.ts.
 */
import type { ScoringStrategy } from '../options.js';
import { leastRequestedScore } from './least-allocated.js';
import { mostRequestedScore } from './most-allocated.js';
import type { ScorePlugin } from './score.js';

export function nodeResourcesFitScore(strategy: ScoringStrategy): ScorePlugin {
  const perResource = strategy === 'MostAllocated' ? mostRequestedScore : leastRequestedScore;
  return {
    name: 'NodeResourcesFit',
    weight: 1,
    score(pod, node) {
      const cpuAlloc = node.allocatable.cpu;
      const memAlloc = node.allocatable.memory;
      let score = 0;
      let weights = 0;
      if (cpuAlloc !== 0) {
        score += perResource(node.usage.nonZeroCpu + pod.nonZeroCpu, cpuAlloc);
        weights++;
      }
      if (memAlloc !== 0) {
        score += perResource(node.usage.nonZeroMemory + pod.nonZeroMemory, memAlloc);
        weights++;
      }
      return weights === 0 ? 0 : Math.trunc(score / weights);
    },
  };
}
