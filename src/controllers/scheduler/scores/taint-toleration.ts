/**
 * TaintToleration's score (weight 3): fewer untolerated `PreferNoSchedule`
 * taints is better — the count, normalised to 0–100 and reversed.
 */
import { toleratesTaint } from '../filters/taint-toleration.js';
import type { ScorePlugin } from './score.js';
import { defaultNormalizeScore } from './score.js';

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  // No PreferNoSchedule taint anywhere: every node normalises to 100.
  skip: (_pod, feasible) => {
    for (const n of feasible) if (n.preferNoSchedule) return false;
    return true;
  },
  score(pod, node) {
    let n = 0;
    for (const taint of node.taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      const tolerated = pod.tolerations.some((t) => (t.effect === undefined || t.effect === '' || t.effect === 'PreferNoSchedule') && toleratesTaint(t, taint));
      if (!tolerated) n++;
    }
    return n;
  },
  normalize: (scores) => defaultNormalizeScore(scores, true),
};
