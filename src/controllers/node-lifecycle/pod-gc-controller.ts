/**
 * Pod garbage collection: kube-controller-manager 1.32's
 * `pod-garbage-collector-controller` (pkg/controller/podgc), one Pod per
 * key. It force-deletes (grace period 0) pods no kubelet will ever finish:
 *
 * - orphaned pods, bound to a node that no longer exists: first marked
 *   phase Failed with a `DisruptionTarget` condition (True,
 *   `DeletionByPodGC`, `PodGC: node no longer exists`);
 * - terminating pods that were never scheduled;
 * - terminating pods on a node that is not Ready and carries the
 *   `node.kubernetes.io/out-of-service` taint.
 * Pods not yet Succeeded or Failed are marked Failed before the delete.
 *
 * Timing: Kubernetes runs this as a pass every 20 s and quarantines a
 * missing node for 40 s (to ride out informer lag) before deleting its
 * pods. The view here is never stale, and it does not record when a node
 * disappeared, so an orphan is deleted once it has been bound for the 40 s
 * quarantine — at once when its node is deleted under a pod that has been
 * running, 40 s after binding for a pod bound to a node that never
 * appeared. The terminated-pod threshold (`--terminated-pod-gc-threshold`,
 * 12500) is not implemented.
 *
 * @example
 * manager.add(podGCController());
 */
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { Command } from '../../model/index.js';
import type { ControllerDefinition, Handler, Predicate, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { POD_GC_CONTROLLER, POD_GC_QUARANTINE_MS } from './config.js';
import { boundAt, nodeKey, nodeNameOf, podKey, podsOnNode } from './pods-on-node.js';
import { TAINT_OUT_OF_SERVICE } from './taints.js';
import { stamp } from './time.js';
import { isReady } from './zones.js';

export const REASON_DELETION_BY_POD_GC = 'DeletionByPodGC';
export const MESSAGE_DELETION_BY_POD_GC = 'PodGC: node no longer exists';

const isOutOfService = (n: Node): boolean => !isReady(n) && (n.spec?.taints ?? []).some((t) => t.key === TAINT_OUT_OF_SERVICE);

/** Pod changes matter when it is bound, rebound or starts terminating. */
const bindingOrDeletionChanged: Predicate = (c) =>
  c.type !== 'MODIFIED' ||
  c.previous === undefined ||
  nodeNameOf(c.previous) !== nodeNameOf(c.object) ||
  (c.previous.metadata.deletionTimestamp === undefined) !== (c.object.metadata.deletionTimestamp === undefined);

/** Node changes matter when it is deleted or becomes out of service. */
const nodeGoneOrOutOfService: Predicate = (c) => c.type === 'DELETED' || (c.type === 'MODIFIED' && isOutOfService(c.object as unknown as Node));

const podsOfNode: Handler = (c, view) => podsOnNode(view, c.object.metadata.name ?? '').map(podKey);


export function podGCController(): ControllerDefinition {
  return {
    name: POD_GC_CONTROLLER,
    for: { group: '', kind: 'Pod' },
    predicates: [bindingOrDeletionChanged],
    watches: [{ kind: { group: '', kind: 'Node' }, handler: podsOfNode, predicates: [nodeGoneOrOutOfService] }],

    reconcile(key, view, ctx): ReconcileResult {
      const pod = view.get(key) as unknown as Pod | undefined;
      if (pod === undefined) return done();
      const terminating = pod.metadata?.deletionTimestamp !== undefined;
      const nodeName = pod.spec?.nodeName ?? '';
      if (nodeName === '') return terminating ? { commands: markFailedAndDelete(pod, ctx) } : done();
      const node = view.get(nodeKey(nodeName)) as unknown as Node | undefined;
      if (node === undefined) {
        const deleteAt = boundAt(pod, ctx) + POD_GC_QUARANTINE_MS;
        if (ctx.now < deleteAt) return { commands: [], requeueAfterMs: deleteAt - ctx.now };
        const condition: PodCondition = { type: 'DisruptionTarget', status: 'True', reason: REASON_DELETION_BY_POD_GC, message: MESSAGE_DELETION_BY_POD_GC };
        return { commands: markFailedAndDelete(pod, ctx, condition) };
      }
      if (terminating && isOutOfService(node)) return { commands: markFailedAndDelete(pod, ctx) };
      return done();
    },
  };
}

/** `markFailedAndDeletePodWithCondition`: phase Failed (and the condition) unless already finished, then delete with grace 0. */
function markFailedAndDelete(pod: Pod, ctx: ReconcileContext, condition?: PodCondition): Command[] {
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
  const commands: Command[] = [];
  const phase = pod.status?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed') {
    const status: Record<string, unknown> = { phase: 'Failed' };
    if (condition !== undefined) {
      const current = pod.status?.conditions?.find((c) => c.type === condition.type);
      const since = current?.status === condition.status && current.lastTransitionTime !== undefined ? current.lastTransitionTime : stamp(ctx);
      status['conditions'] = [{ ...condition, lastTransitionTime: since }];
    }
    commands.push({ type: 'patch', ref, subresource: 'status', patchType: 'strategic', patch: { status } });
  }
  const uid = pod.metadata?.uid;
  commands.push({ type: 'delete', ref, options: { gracePeriodSeconds: 0, ...(uid === undefined ? {} : { preconditions: { uid } }) } });
  return commands;
}

