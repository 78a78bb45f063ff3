/**
 * Kubernetes' `classifyReferences` (pkg/controller/garbagecollector,
 * 1.32): each ownerReference of a dependent is
 *
 * - dangling: no object at the owner's key has the reference's uid (a
 *   same-named object with another uid is a different owner);
 * - waiting: the owner is being deleted in the foreground (it has a
 *   deletionTimestamp and the `foregroundDeletion` finalizer) and waits for
 *   its dependents;
 * - solid: the owner exists and is not waiting;
 * - unresolvable (not in Kubernetes' three): the kind is unknown or the
 *   scope impossible; it keeps the dependent alive, like a solid owner.
 */
import type { KubeObject, OwnerReference } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { OwnerResolver } from './owner-resolver.js';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export interface Classified {
  readonly solid: readonly OwnerReference[];
  readonly dangling: readonly OwnerReference[];
  readonly waiting: readonly OwnerReference[];
  readonly unresolvable: readonly OwnerReference[];
}

/** Being deleted and waiting for its blocking dependents to go first. */
export function isDeletingDependents(o: KubeObject): boolean {
  return o.metadata.deletionTimestamp !== undefined && (o.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
}

export function classifyOwners(view: StateView, resolver: OwnerResolver, dependent: KubeObject): Classified {
  const out = { solid: [] as OwnerReference[], dangling: [] as OwnerReference[], waiting: [] as OwnerReference[], unresolvable: [] as OwnerReference[] };
  for (const ref of dependent.metadata.ownerReferences ?? []) {
    const r = resolver.resolve(view, dependent, ref);
    if (r.type === 'unresolvable') {
      out.unresolvable.push(ref);
      continue;
    }
    const owner = view.get(r.key);
    if (owner === undefined || owner.metadata.uid !== ref.uid) out.dangling.push(ref);
    else if (isDeletingDependents(owner)) out.waiting.push(ref);
    else out.solid.push(ref);
  }
  return out;
}
