/**
 * Which ReplicaSet is the Deployment's "new" one, and how a new one is made
 * (Kubernetes 1.32 deployment/util `FindNewReplicaSet`,
 * `FindOldReplicaSets`, `EqualIgnoreHash`, and `getNewReplicaSet` in
 * sync.go):
 *
 * - the new ReplicaSet is the oldest whose pod template equals the
 *   Deployment's, ignoring the `pod-template-hash` label (compared
 *   semantically: an absent map or list equals an empty one);
 * - a new one is named `DEPLOYMENT-HASH`, carries the template's labels plus
 *   `pod-template-hash` (also added to its selector and template), a
 *   controller reference to the Deployment, `minReadySeconds`, and starts
 *   at the size `NewRSNewReplicas` allows.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { POD_TEMPLATE_HASH } from './names.js';
import { computeHash } from './pod-template-hash.js';
import { olderFirst } from './replica-sets.js';

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

/** apimachinery's `Semantic.DeepEqual` over JSON: nil and empty maps and slices are equal. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
  return true;
}

function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH];
  return { ...t, metadata: { ...t?.metadata, labels } };
}

export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/** `FindNewReplicaSet`: the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(olderFirst).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** `FindOldReplicaSets` (its second result): every ReplicaSet but the new one. */
export function findOldReplicaSets(d: Deployment, rsList: readonly ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rsList);
  return rsList.filter((rs) => newRS === undefined || rs.metadata?.uid !== newRS.metadata?.uid);
}

/** The hash the new ReplicaSet gets: the Deployment's template with its collision count. */
export function templateHash(d: Deployment): string {
  return computeHash(d.spec?.template, d.status?.collisionCount);
}

/** The ReplicaSet `getNewReplicaSet` would create (replicas 0, annotations not set yet). */
export function newReplicaSetFor(d: Deployment, hash: string): ReplicaSet {
  const t = structuredClone(d.spec?.template ?? {});
  const labels = { ...(t.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
  t.metadata = { ...t.metadata, labels };
  const sel = d.spec?.selector ?? {};
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata?.name ?? ''}-${hash}`,
      namespace: d.metadata?.namespace ?? 'default',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata?.name ?? '', uid: d.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
      labels: { ...labels },
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec?.minReadySeconds ?? 0,
      selector: {
        ...(sel.matchExpressions === undefined ? {} : { matchExpressions: structuredClone(sel.matchExpressions) }),
        matchLabels: { ...(sel.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash },
      },
      template: t,
    },
  };
}
