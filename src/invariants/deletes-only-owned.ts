/**
 * `deletesOnlyOwned({ actor, ownerKinds })`: every delete `actor` sends is of
 * an object whose controller ownerReference (in its version just before the
 * delete) is of one of `ownerKinds` — a controller must never delete what it
 * does not own, such as a pod a user created by hand that happens to carry
 * matching labels.
 */
import type { HistoryProperty } from './history-property.js';

export interface DeletesOnlyOwnedOptions {
  /** The deleting actor, e.g. `controller:podset`. */
  readonly actor: string;
  /** Kinds (the ownerReference's `kind`) the actor's objects may be controlled by. */
  readonly ownerKinds: readonly string[];
}

/**
 * @example
 * deletesOnlyOwned({ actor: 'controller:replicaset', ownerKinds: ['ReplicaSet'] })
 */
export function deletesOnlyOwned(opts: DeletesOnlyOwnedOptions): HistoryProperty {
  return {
    name: `deletes-only-owned(${opts.actor})`,
    evaluate(store) {
      for (const w of store.writes({ actor: opts.actor, verb: 'delete' })) {
        if (w.prevRev === 0 || w.prevRev < store.compactedRev) continue;
        const before = store.at(w.prevRev).get(w.key);
        if (before === undefined || before.metadata.deletionTimestamp !== undefined) continue;
        const ref = before.metadata.ownerReferences?.find((r) => r.controller === true);
        if (ref !== undefined && opts.ownerKinds.includes(ref.kind)) continue;
        const owner = ref === undefined ? 'no controller' : `controller ${ref.kind}/${ref.name}`;
        const message = `${opts.actor} deleted ${w.key}, which has ${owner}`;
        return { holds: false, rev: w.rev, violations: [{ key: w.key, message }], message: `${message} (revision ${w.rev})` };
      }
      return { holds: true, message: `${opts.actor} deleted only objects controlled by ${opts.ownerKinds.join(', ')}` };
    },
  };
}
