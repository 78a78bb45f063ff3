/**
 * The default profile's score plugins and weights in kube-scheduler 1.32:
 * TaintToleration 3, NodeAffinity 2, NodeResourcesFit 1,
 * NodeResourcesBalancedAllocation 1. Not modelled: PodTopologySpread (2),
 * InterPodAffinity (2), ImageLocality (1).
 */
import type { ScoringStrategy } from '../options.js';
import { balancedAllocation } from './balanced-allocation.js';
import { nodeAffinityScore } from './node-affinity.js';
import { nodeResourcesFitScore } from './node-resources-fit.js';
import type { ScorePlugin } from './score.js';
import { taintTolerationScore } from './taint-toleration.js';

export function defaultScores(strategy: ScoringStrategy): readonly ScorePlugin[] {
  return [taintTolerationScore, nodeAffinityScore, nodeResourcesFitScore(strategy), balancedAllocation];
}
