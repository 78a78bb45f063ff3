/**
 * The built-in invariants by name, and the one lookup every caller uses
 * (CLI, debugger, property tests), so a name means the same everywhere.
 */
import { deploymentsAvailable } from './deployments-available.js';
import type { Invariant } from './invariant.js';
import { noOrphanedPods } from './no-orphaned-pods.js';
import { noPodsOnNotReadyNodes } from './no-pods-on-notready-nodes.js';
import { replicaSetPodCounts } from './owned-pod-count.js';
import { replicaSetsSatisfied } from './replicasets-satisfied.js';
import { rolloutBounds } from './rollout-bounds.js';
import { statefulSetOrdinals } from './statefulset-ordinals.js';

export const builtinInvariants: readonly Invariant[] = [
  replicaSetsSatisfied,
  deploymentsAvailable,
  noPodsOnNotReadyNodes,
  rolloutBounds,
  replicaSetPodCounts,
  noOrphanedPods,
  statefulSetOrdinals,
];

export class UnknownInvariantError extends Error {
  constructor(
    readonly invariant: string,
    readonly known: readonly string[],
  ) {
    super(`unknown invariant "${invariant}"; known: ${known.join(', ')}`);
  }
}

/**
 * The invariant called `name`: a user's (from `extra`) before a built-in of
 * the same name. Throws `UnknownInvariantError` listing the known names.
 *
 * @example
 * findInvariant('deployments-available').check(store.head(), ctx)
 */
export function findInvariant(name: string, extra: readonly Invariant[] = []): Invariant {
  const found = extra.find((i) => i.name === name) ?? builtinInvariants.find((i) => i.name === name);
  if (found !== undefined) return found;
  const known = [...new Set([...extra, ...builtinInvariants].map((i) => i.name))].sort();
  throw new UnknownInvariantError(name, known);
}
