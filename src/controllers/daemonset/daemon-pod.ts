/**
 * The pod a DaemonSet creates for a node (Kubernetes 1.32
 * `util.CreatePodTemplate`, `util.ReplaceDaemonSetPodNodeNameNodeAffinity`
 * and `GetPodFromTemplate`):
 *
 * - the template's labels plus `pod-template-generation` (when the
 *   DaemonSet carries the `deprecated.daemonset.template.generation`
 *   annotation) and `controller-revision-hash` (the current revision);
 * - the automatic daemon tolerations;
 * - the required node affinity replaced by one term, `matchFields`
 *   `metadata.name In [NODE]`, so the default scheduler binds it to that
 *   node and nowhere else (preferred terms and other affinities are kept);
 * - `generateName` `NAME-` and the DaemonSet as controller.
 *
 * Also the inverse, `util.GetTargetNodeName`: the node a daemon pod is for —
 * its `spec.nodeName` once bound, else the `metadata.name In` value of its
 * required affinity.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Affinity, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { controllerRef, podPrefix } from '../replica-set/pod-template.js';
import { DAEMON_SET_KIND } from './daemon-kind.js';
import { withDaemonTolerations } from './daemon-tolerations.js';
import { CONTROLLER_REVISION_HASH, DEPRECATED_TEMPLATE_GENERATION, POD_TEMPLATE_GENERATION } from './names.js';

/** `GetTemplateGeneration`: the annotation as an integer; undefined when absent or not an integer. */
export function templateGeneration(ds: DaemonSet): number | undefined {
  const text = ds.metadata?.annotations?.[DEPRECATED_TEMPLATE_GENERATION];
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  return Number(text);
}

/** `IsPodUpdated`: the pod carries the current revision's hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const templateMatches = generation !== undefined && labels[POD_TEMPLATE_GENERATION] === String(generation);
  const hashMatches = hash.length > 0 && labels[CONTROLLER_REVISION_HASH] === hash;
  return hashMatches || templateMatches;
}

/** `ReplaceDaemonSetPodNodeNameNodeAffinity`. */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  return { ...affinity, nodeAffinity: { ...affinity?.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: required } };
}

/** The pod to create on `nodeName` for revision `hash`. */
export function daemonPodFor(dsObj: KubeObject, nodeName: string, hash: string): KubeObject {
  const ds = dsObj as unknown as DaemonSet;
  const t = ds.spec?.template;
  const generation = templateGeneration(ds);
  const labels: Record<string, string> = { ...t?.metadata?.labels };
  if (generation !== undefined) labels[POD_TEMPLATE_GENERATION] = String(generation);
  if (hash.length > 0) labels[CONTROLLER_REVISION_HASH] = hash;
  const spec = withDaemonTolerations(structuredClone(t?.spec ?? { containers: [] }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podPrefix(dsObj),
      namespace: dsObj.metadata.namespace ?? 'default',
      labels,
      ...(t?.metadata?.annotations === undefined ? {} : { annotations: { ...t.metadata.annotations } }),
      ...(t?.metadata?.finalizers === undefined ? {} : { finalizers: [...t.metadata.finalizers] }),
      ownerReferences: [controllerRef(dsObj, DAEMON_SET_KIND)],
    },
    spec: { ...spec, affinity: pinToNode(spec.affinity, nodeName) },
  };
}

/** `GetTargetNodeName`; undefined when the pod names no node (Kubernetes logs and skips such a pod). */
export function targetNodeName(pod: Pod): string | undefined {
  const bound = pod.spec?.nodeName ?? '';
  if (bound !== '') return bound;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const r of term.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      return r.values?.length === 1 ? r.values[0] : undefined;
    }
  }
  return undefined;
}
