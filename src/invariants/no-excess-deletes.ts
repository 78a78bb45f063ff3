/**
 * `noExcessDeletes({ actor, owner })`: `actor` never deletes a pod its owner
 * still wants — one whose owner (same uid, not being deleted) had no more
 * than `spec.replicas` active pods just before the delete. The mirror of
 * `noExcessCreates`: a controller that takes an owner missing from its
 * cache for an owner deleted, or counts a lagging cache, kills healthy
 * pods. Deleting the pods of a gone owner is the garbage collector's job
 * and always allowed here.
 */
import { objectKey } from '../model/index.js';
import type { HistoryProperty } from './history-property.js';
import type { NoExcessCreatesOptions } from './no-excess-creates.js';
import { specReplicas } from './no-excess-creates.js';
import { ownedActivePods } from './owned-pod-count.js';

export type NoExcessDeletesOptions = NoExcessCreatesOptions;

/**
 * @example
 * noExcessDeletes({ actor: 'controller:podset', owner: { group: 'example.com', resource: 'podsets', kind: 'PodSet' } })
 */
export function noExcessDeletes(opts: NoExcessDeletesOptions): HistoryProperty {
  const want = opts.replicas ?? specReplicas;
  return {
    name: `no-excess-deletes(${opts.actor})`,
    evaluate(store) {
      for (const w of store.writes({ actor: opts.actor, verb: 'delete' })) {
        if (!w.key.startsWith('core/pods/') || w.prevRev === 0 || w.rev - 1 < store.compactedRev) continue;
        const before = store.at(w.rev - 1);
        const pod = before.get(w.key);
        const ref = pod?.metadata.ownerReferences?.find((r) => r.controller === true && r.kind === opts.owner.kind);
        if (pod === undefined || ref === undefined || pod.metadata.deletionTimestamp !== undefined) continue;
        const owner = before.get(objectKey({ group: opts.owner.group, resource: opts.owner.resource, namespace: pod.metadata.namespace ?? '', name: ref.name }));
        if (owner === undefined || owner.metadata.uid !== ref.uid || owner.metadata.deletionTimestamp !== undefined) continue;
        const have = ownedActivePods(before, owner).length;
        const wanted = want(owner);
        if (have > wanted) continue;
        const message = `${opts.actor} deleted ${w.key} while ${opts.owner.kind}/${ref.name} had ${have} active pods of ${wanted}`;
        return { holds: false, rev: w.rev, violations: [{ key: w.key, message }], message: `${message} (revision ${w.rev})` };
      }
      return { holds: true, message: `${opts.actor} never deleted a pod its owner still wanted` };
    },
  };
}
