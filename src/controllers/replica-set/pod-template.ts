/**
 * The pod a replica controller creates from its template, as Kubernetes'
 * `GetPodFromTemplate` builds it: the template's labels, annotations,
 * finalizers and spec; `generateName` `NAME-` (the API server picks the
 * name); and the controller ownerReference with `controller: true` and
 * `blockOwnerDeletion: true` (`metav1.NewControllerRef`).
 */
import type { KubeObject, OwnerReference } from '../../model/index.js';
import type { ReplicaKind } from './replica-kind.js';
import { specOf } from './replica-kind.js';

/** The ownerReference that makes `owner` the controller of a pod. */
export function controllerRef(owner: KubeObject, kind: ReplicaKind): OwnerReference {
  return {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Kubernetes' `getPodsPrefix`: `NAME-` (names are already valid DNS subdomains, so the dash always fits). */
export function podPrefix(owner: KubeObject): string {
  return `${owner.metadata.name ?? ''}-`;
}

export function podFromTemplate(owner: KubeObject, kind: ReplicaKind): KubeObject {
  const t = specOf(owner).template ?? {};
  const tm = t.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podPrefix(owner),
      namespace: owner.metadata.namespace ?? 'default',
      ...(tm.labels === undefined ? {} : { labels: { ...tm.labels } }),
      ...(tm.annotations === undefined ? {} : { annotations: { ...tm.annotations } }),
      ...(tm.finalizers === undefined ? {} : { finalizers: [...tm.finalizers] }),
      ownerReferences: [controllerRef(owner, kind)],
    },
    spec: structuredClone(t.spec ?? {}),
  };
}
