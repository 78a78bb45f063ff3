/**
 * NodeResourcesFit's MostAllocated strategy (bin-packing): favours fuller
 * nodes — per resource `requested × 100 / allocatable`, requested capped at
 * allocatable (pods without requests count the scoring defaults and may
 * overshoot), averaged by weight with integer division, as most_allocated.go.
 */
import { MAX_NODE_SCORE, weightedResourceScore } from './score.js';

export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return Math.trunc((Math.min(requested, capacity) * MAX_NODE_SCORE) / capacity);
}

export function mostAllocated(requested: readonly number[], allocatable: readonly number[], weights: readonly number[]): number {
  return weightedResourceScore(requested, allocatable, weights, mostRequestedScore);
}
