/**
 * Picks the node with the highest total score; ties are broken uniformly at
 * random by reservoir sampling in evaluation order, as kube-scheduler's
 * `selectHost` (the k-th node tying the best so far replaces it with
 * probability 1/k). The randomness is the controller's seeded source, so a
 * run is reproducible.
 */
import type { Random } from '../../model/index.js';

/** Index of the chosen node in `totals` (which must not be empty). */
export function selectHost(totals: readonly number[], random: Random): number {
  let best = -Infinity;
  let chosen = -1;
  let ties = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i] as number;
    if (t > best) {
      best = t;
      chosen = i;
      ties = 1;
    } else if (t === best) {
      ties++;
      if (random.int(ties) === 0) chosen = i;
    }
  }
  if (chosen < 0) throw new Error('selectHost needs at least one scored node');
  return chosen;
}
