/**
 * NodeResourcesFit's LeastAllocated strategy (the default): favours nodes
 * with more room left — per resource `(allocatable − requested) × 100 /
 * allocatable` (0 when over-committed), averaged by resource weight with
 * integer division, as least_allocated.go. `requested` includes the pod.
 */
import { MAX_NODE_SCORE, weightedResourceScore } from './score.js';

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** Weighted average over resources; resources with zero allocatable are skipped. */
export function leastAllocated(requested: readonly number[], allocatable: readonly number[], weights: readonly number[]): number {
  return weightedResourceScore(requested, allocatable, weights, leastRequestedScore);
}
