/**
 * The Score extension point: each plugin rates every feasible node 0–100
 * (after its optional normalisation), and a node's total is the sum of
 * plugin score × plugin weight, as kube-scheduler's RunScorePlugins.
 */
import type { NodeInfo } from '../node-info.js';
import type { PodFacts } from '../pod-facts.js';

export const MAX_NODE_SCORE = 100;

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /**
   * PreScore's Skip: true when the plugin would give every feasible node the
   * same score, so leaving it out changes no total's rank.
   */
  skip?(pod: PodFacts, feasible: readonly NodeInfo[]): boolean;
  score(pod: PodFacts, node: NodeInfo): number;
  /** Rescales the raw scores of all feasible nodes in place (ScoreExtensions.NormalizeScore). */
  normalize?(scores: number[]): void;
}

/**
 * `helper.DefaultNormalizeScore`: scales to 0–100 by the highest score
 * (integer division), reversed on request; all-zero scores stay 0, or
 * become 100 when reversed.
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) {
      if (reverse) scores[i] = MAX_NODE_SCORE;
      continue;
    }
    const s = Math.trunc((MAX_NODE_SCORE * (scores[i] ?? 0)) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}

/**
 * The resource-allocation strategies' shared shape (LeastAllocated,
 * MostAllocated): a per-resource score averaged by weight with integer
 * division; resources with zero allocatable are skipped.
 */
export function weightedResourceScore(
  requested: readonly number[],
  allocatable: readonly number[],
  weights: readonly number[],
  perResource: (requested: number, capacity: number) => number,
): number {
  let score = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    const w = weights[i] ?? 1;
    score += perResource(requested[i] ?? 0, alloc) * w;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : Math.trunc(score / weightSum);
}
