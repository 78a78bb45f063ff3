/**
 * Counting invariants over owners and their pods: each owner of a kind
 * (ReplicaSets, or a user's own custom resource) has exactly — or at most —
 * `spec.replicas` active pods it controls (a controller ownerReference to its
 * uid; active: not being deleted, not Succeeded or Failed, as Kubernetes'
 * `FilterActivePods`). Owners being deleted are skipped: their pods go.
 *
 * Kubernetes promises the exact count only eventually (a ReplicaSet
 * converges), so state `exact` with `eventually`; `at-most` is the safety
 * form (never more pods than asked for), for `always`.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isPodActive } from '../controllers/index.js';
import type { KubeObject } from '../model/index.js';
import { objectKey } from '../model/index.js';
import type { StateView } from '../store/index.js';
import type { Invariant, SubjectIndex } from './invariant.js';
import { checkBySubject, writesKind } from './invariant.js';

export interface OwnedPodCountOptions {
  /** The invariant's name, e.g. `podset-pod-counts`. */
  readonly name: string;
  /** The owner kind: API group (`''` for core), plural resource and kind. */
  readonly group: string;
  readonly resource: string;
  readonly kind: string;
  /** How many pods an owner asks for; default `spec.replicas`, 1 when unset (as a ReplicaSet). */
  readonly replicas?: (owner: KubeObject) => number;
  /** `exact` (default): as many as asked; `at-most`: never more. */
  readonly mode?: 'exact' | 'at-most';
}

const PODS = { group: '', resource: 'pods' };

function specReplicas(owner: KubeObject): number {
  const r = (owner['spec'] as { replicas?: unknown } | undefined)?.replicas;
  return typeof r === 'number' ? r : 1;
}

/** Active pods whose controller is `owner`. */
export function ownedActivePods(view: StateView, owner: KubeObject): Pod[] {
  const uid = owner.metadata.uid;
  if (uid === undefined) return [];
  return view
    .byOwner(uid)
    .filter((o) => o.kind === 'Pod' && (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.controller === true))
    .map((o) => o as Pod)
    .filter(isPodActive);
}

/**
 * @example
 * const podSetCounts = ownedPodCount({ name: 'podset-pod-counts', group: 'example.com', resource: 'podsets', kind: 'PodSet' });
 */
export function ownedPodCount(opts: OwnedPodCountOptions): Invariant {
  const owners = { group: opts.group, resource: opts.resource };
  const want = opts.replicas ?? specReplicas;
  const exact = (opts.mode ?? 'exact') === 'exact';
  const ownerKeys = (pod: KubeObject | undefined): string[] =>
    (pod?.metadata.ownerReferences ?? [])
      .filter((r) => r.controller === true && r.kind === opts.kind)
      .map((r) => objectKey({ group: opts.group, resource: opts.resource, namespace: pod?.metadata.namespace ?? '', name: r.name }));
  const subjects: SubjectIndex = {
    all: (view) => view.keys(owners),
    touched: (write, view, before) => {
      if (writesKind(write.key, [owners])) return [write.key];
      if (!writesKind(write.key, [PODS])) return [];
      return [...new Set([...ownerKeys(before.get(write.key)), ...ownerKeys(view.get(write.key))])].sort();
    },
    check: (view, key) => {
      const owner = view.get(key);
      if (owner === undefined || owner.metadata.deletionTimestamp !== undefined) return [];
      const n = ownedActivePods(view, owner).length;
      const w = want(owner);
      if (n === w || (!exact && n < w)) return [];
      return [{ key, message: `${n} active pods, ${exact ? '' : 'at most '}${w} wanted` }];
    },
  };
  return {
    name: opts.name,
    description: `every ${opts.kind} controls ${exact ? 'exactly' : 'at most'} spec.replicas active pods`,
    reads: [owners, PODS],
    subjects,
    check: checkBySubject(subjects),
  };
}

/** `replicaset-pod-counts`: every ReplicaSet controls exactly `spec.replicas` active pods (state it with `eventually`). */
export const replicaSetPodCounts: Invariant = ownedPodCount({ name: 'replicaset-pod-counts', group: 'apps', resource: 'replicasets', kind: 'ReplicaSet' });
