/** The shape of a `whynot` answer (see whynot.ts). */
import type { WhyNotFinding } from './whynot-evidence.js';

export interface WhyNotAnswer {
  readonly key: string;
  readonly atRev: number;
  /** The negative question answered, e.g. `why is pod default/big not scheduled?`. */
  readonly question: string;
  /** True when the premise does not hold (the pod is running, the Deployment is available, the pod was replaced). */
  readonly ok: boolean;
  /** What the recorded state, conditions, Events and refused commands say, most telling first. */
  readonly findings: readonly WhyNotFinding[];
  /** Answers about the objects involved (a Deployment's ReplicaSets, a ReplicaSet's unready pods). */
  readonly related?: readonly WhyNotAnswer[];
}
