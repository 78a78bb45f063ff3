/**
 * NodeAffinity's score (weight 2): the sum of the weights of the pod's
 * preferred node affinity terms the node matches, normalised to 0–100.
 */
import { termMatches } from '../filters/node-affinity.js';
import type { ScorePlugin } from './score.js';
import { defaultNormalizeScore } from './score.js';

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  skip: (pod) => pod.preferredTerms.length === 0,
  score(pod, node) {
    let sum = 0;
    for (const p of pod.preferredTerms) if (p.weight !== 0 && termMatches(p.preference, node)) sum += p.weight;
    return sum;
  },
  normalize: (scores) => defaultNormalizeScore(scores, false),
};
