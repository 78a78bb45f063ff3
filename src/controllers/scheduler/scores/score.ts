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
