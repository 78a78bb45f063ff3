/**
 * Wakes the owners that may adopt an orphan pod: when a pod without a
 * controller appears, or its labels or controller change, every owner of
 * this kind in its namespace whose selector matches it (Kubernetes'
 * `getPodReplicaSets` in `addPod` / `updatePod`). Pods with a controller
 * wake only that controller, through `owns`.
 */
import type { KubeObject, LabelSelectorInternal } from '../../model/index.js';
import { matches, objectKey } from '../../model/index.js';
import type { Handler } from '../controller.js';
import { controllerOf } from '../handlers.js';
import type { ReplicaKind } from './replica-kind.js';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function orphanPodHandler(kind: ReplicaKind): Handler {
  return (c, view) => {
    const pod = c.object;
    if (c.type === 'DELETED' || controllerOf(pod) !== undefined) return [];
    if (c.type === 'MODIFIED' && c.previous !== undefined) {
      const p = c.previous;
      if (sameJson(p.metadata.labels, pod.metadata.labels) && sameJson(controllerOf(p), controllerOf(pod))) return [];
    }
    const ns = pod.metadata.namespace ?? '';
    const keys: string[] = [];
    for (const owner of view.list({ group: kind.group, resource: kind.resource, namespace: ns })) {
      let selector: LabelSelectorInternal;
      try {
        selector = kind.selectorOf(owner as KubeObject);
      } catch {
        continue;
      }
      if (matches(selector, pod.metadata.labels)) keys.push(objectKey({ group: kind.group, resource: kind.resource, namespace: ns, name: owner.metadata.name ?? '' }));
    }
    return keys;
  };
}
