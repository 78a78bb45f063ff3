/**
 * `no-orphaned-pods`: no pod names a controller owner that no longer exists
 * (nothing of that kind, namespace and name carries the referenced uid). In
 * Kubernetes the garbage collector deletes such pods; between an owner's
 * deletion and the collector's pass they exist briefly, so state it with
 * `eventually`. Pods being deleted are not counted.
 */
import type { KubeObject } from '../model/index.js';
import { KindRegistry, objectKey, splitApiVersion } from '../model/index.js';
import type { StateView } from '../store/index.js';
import type { Invariant, Violation } from './invariant.js';
import { sortViolations } from './invariant.js';

const PODS = { group: '', resource: 'pods' };

let plurals: Map<string, string> | undefined;
/** Built-in kinds' plurals by `group/kind`; custom kinds are found by scanning their group. */
function pluralOf(group: string, kind: string): string | undefined {
  plurals ??= new Map(new KindRegistry().all({ includeAlpha: true }).map((k) => [`${k.group}/${k.kind}`, k.plural]));
  return plurals.get(`${group}/${kind}`);
}

function ownerExists(view: StateView, namespace: string, ref: { apiVersion: string; kind: string; name: string; uid: string }): boolean {
  const { group } = splitApiVersion(ref.apiVersion);
  const plural = pluralOf(group, ref.kind);
  const candidates =
    plural !== undefined
      ? [view.get(objectKey({ group, resource: plural, namespace, name: ref.name })), view.get(objectKey({ group, resource: plural, namespace: '', name: ref.name }))]
      : view
          .keys()
          .filter((k) => k.startsWith(`${group === '' ? 'core' : group}/`) && (k.endsWith(`/${namespace}/${ref.name}`) || k.endsWith(`/_/${ref.name}`)))
          .map((k) => view.get(k));
  return candidates.some((o) => o !== undefined && o.kind === ref.kind && o.metadata.uid === ref.uid);
}

function orphanOf(view: StateView, pod: KubeObject): Violation | undefined {
  if (pod.metadata.deletionTimestamp !== undefined) return undefined;
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
  if (ref === undefined || ownerExists(view, pod.metadata.namespace ?? '', ref)) return undefined;
  const key = objectKey({ group: '', resource: 'pods', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '' });
  return { key, message: `its controller ${ref.kind}/${ref.name} (uid ${ref.uid}) no longer exists` };
}

export const noOrphanedPods: Invariant = {
  name: 'no-orphaned-pods',
  description: "no pod's controller ownerReference names an owner that no longer exists (the garbage collector's job)",
  check: (view) => sortViolations(view.list(PODS).flatMap((p) => orphanOf(view, p) ?? [])),
};
