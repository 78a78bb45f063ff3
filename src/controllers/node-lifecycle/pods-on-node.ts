/**
 * Pods bound to a node, read from the view. The view has no index by
 * `spec.nodeName`, so this is a scan of all pods: callers use it only on
 * rare occasions (a node going Unknown, a node's NoExecute taints or
 * existence changing).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ReconcileContext } from '../controller.js';
import { parseTime } from './time.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

const PODS = { group: '', resource: 'pods' } as const;

export function nodeNameOf(o: KubeObject): string {
  const n = (o['spec'] as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof n === 'string' ? n : '';
}

/** Pods with `spec.nodeName` = `nodeName`, sorted by key. */
export function podsOnNode(view: StateView, nodeName: string): Pod[] {
  return view.list(PODS, (o) => nodeNameOf(o) === nodeName) as unknown as Pod[];
}

export function podKey(pod: Pod): string {
  return objectKey({ group: '', resource: 'pods', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' });
}

export function nodeKey(name: string): string {
  return objectKey({ group: '', resource: 'nodes', namespace: '', name });
}

export function leaseKey(nodeName: string): string {
  return objectKey({ group: 'coordination.k8s.io', resource: 'leases', namespace: 'kube-node-lease', name: nodeName });
}

/** When the pod was bound to its node: PodScheduled's transition to True, else its creation. */
export function boundAt(pod: Pod, ctx: Pick<ReconcileContext, 'epoch'>): number {
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'True');
  return parseTime(ctx, scheduled?.lastTransitionTime) ?? parseTime(ctx, pod.metadata?.creationTimestamp) ?? 0;
}
