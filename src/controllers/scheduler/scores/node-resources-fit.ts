/**
 * NodeResourcesFit's score (weight 1): cpu and memory, weight 1 each, over
 * the node's non-zero requests (pods without requests count 100m CPU and
 * 200Mi memory) plus the pod's, scored by the profile's strategy.
 */
import type { ScoringStrategy } from '../options.js';
import { leastAllocated } from './least-allocated.js';
import { mostAllocated } from './most-allocated.js';
import type { ScorePlugin } from './score.js';

const WEIGHTS = [1, 1];

export function nodeResourcesFitScore(strategy: ScoringStrategy): ScorePlugin {
  const scorer = strategy === 'MostAllocated' ? mostAllocated : leastAllocated;
  const requested = [0, 0];
  const allocatable = [0, 0];
  return {
    name: 'NodeResourcesFit',
    weight: 1,
    score(pod, node) {
      requested[0] = node.usage.nonZeroCpu + pod.nonZeroCpu;
      requested[1] = node.usage.nonZeroMemory + pod.nonZeroMemory;
      allocatable[0] = node.allocatable.cpu;
      allocatable[1] = node.allocatable.memory;
      return scorer(requested, allocatable, WEIGHTS);
    },
  };
}
