/**
 * Picks the node with the highest total score, ties broken uniformly at
 * random, as kube-scheduler's `selectHost`. kube-scheduler reservoir-samples
 * (one draw per tied node, the k-th replacing the choice with probability
 * 1/k); the result is the same uniform choice among the best, so this counts
 * the ties and draws once — with hundreds of tied nodes per pod the draws
 * were most of a cycle's cost. The randomness is the controller's seeded
 * source, so a run is reproducible.
 */
import type { Random } from '../../model/index.js';

/** Index of the chosen node in `totals` (which must not be empty). */
export function selectHost(totals: readonly number[], random: Random): number {
  if (totals.length === 0) throw new Error('selectHost needs at least one scored node');
  let best = -Infinity;
  let ties = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i] as number;
    if (t > best) {
      best = t;
      ties = 1;
    } else if (t === best) ties++;
  }
  let pick = ties === 1 ? 0 : random.int(ties);
  for (let i = 0; i < totals.length; i++) {
    if (totals[i] !== best) continue;
    if (pick === 0) return i;
    pick--;
  }
  throw new Error('unreachable: the best score was counted');
}
