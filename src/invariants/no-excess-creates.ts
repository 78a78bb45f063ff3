/**
 * `noExcessCreates({ actor, owner })`: `actor` never creates a pod for an
 * owner that already had `spec.replicas` (or more) active pods just before
 * the create — the safety half of a replica count (Kubernetes' ReplicaSet
 * controller keeps it with "expectations" across a lagging informer cache).
 * The count itself may be off for a while (a user scales down, a pod dies),
 * which is why the count is a liveness property and this is the safety one.
 */
import type { KubeObject } from '../model/index.js';
import { objectKey } from '../model/index.js';
import type { HistoryProperty } from './history-property.js';
import { ownedActivePods } from './owned-pod-count.js';

export interface NoExcessCreatesOptions {
  /** The creating actor, e.g. `controller:replicaset`. */
  readonly actor: string;
  /** The owner kind: API group, plural resource and kind. */
  readonly owner: { readonly group: string; readonly resource: string; readonly kind: string };
  /** How many pods an owner asks for; default `spec.replicas` (1 when unset). */
  readonly replicas?: (owner: KubeObject) => number;
}

export function specReplicas(owner: KubeObject): number {
  const r = (owner['spec'] as { replicas?: unknown } | undefined)?.replicas;
  return typeof r === 'number' ? r : 1;
}

/**
 * @example
 * noExcessCreates({ actor: 'controller:podset', owner: { group: 'example.com', resource: 'podsets', kind: 'PodSet' } })
 */
export function noExcessCreates(opts: NoExcessCreatesOptions): HistoryProperty {
  const want = opts.replicas ?? specReplicas;
  return {
    name: `no-excess-creates(${opts.actor})`,
    evaluate(store) {
      for (const w of store.writes({ actor: opts.actor, verb: 'create' })) {
        if (!w.key.startsWith('core/pods/') || w.rev - 1 < store.compactedRev) continue;
        const pod = store.at(w.rev).get(w.key);
        const ref = pod?.metadata.ownerReferences?.find((r) => r.controller === true && r.kind === opts.owner.kind);
        if (pod === undefined || ref === undefined) continue;
        const before = store.at(w.rev - 1);
        const owner = before.get(objectKey({ group: opts.owner.group, resource: opts.owner.resource, namespace: pod.metadata.namespace ?? '', name: ref.name }));
        if (owner === undefined || owner.metadata.uid !== ref.uid) continue;
        const have = ownedActivePods(before, owner).length;
        const wanted = want(owner);
        if (have < wanted) continue;
        const message = `${opts.actor} created ${w.key} while ${opts.owner.kind}/${ref.name} already had ${have} active pods of ${wanted}`;
        return { holds: false, rev: w.rev, violations: [{ key: w.key, message }], message: `${message} (revision ${w.rev})` };
      }
      return { holds: true, message: `${opts.actor} never created a pod beyond its owner's replicas` };
    },
  };
}
