/**
 * The agent's pod loop: one reconcile per pod bound to this node (the
 * runtime routes pods by `spec.nodeName`, so no agent sees another node's
 * pods and nothing scans all pods). It reads the pod by key and syncs it
 * (pod-sync.ts); a pod that is gone frees its IPs.
 */
import type { World } from '../../model/index.js';
import type { ControllerDefinition } from '../controller.js';
import { syncPod } from './pod-sync.js';

export function podWorker(nodeName: string, world: World): ControllerDefinition {
  return {
    name: `kubelet/${nodeName}/pods`,
    actor: `node:${nodeName}`,
    for: { group: '', kind: 'Pod', index: { index: 'spec.nodeName', value: nodeName } },
    reconcile(key, view, ctx) {
      const pod = view.get(key);
      if (pod === undefined) {
        world.releasePodIPs(nodeName, key);
        return { commands: [] };
      }
      if ((pod['spec'] as { nodeName?: string } | undefined)?.nodeName !== nodeName) return { commands: [] };
      return syncPod(key, pod, view, ctx, { nodeName, world });
    },
  };
}
