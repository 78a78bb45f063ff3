/**
 * Taint-based eviction: kube-controller-manager 1.32's
 * `taint-eviction-controller` (the NoExecute taint manager, split out of the
 * node lifecycle controller by SeparateTaintEvictionController, beta and on
 * by default since 1.29). One Pod per key:
 *
 * - a pod bound to a node with NoExecute taints it does not all tolerate is
 *   deleted at once;
 * - if it tolerates them all, it is deleted when the smallest
 *   `tolerationSeconds` of the tolerations used runs out (pods get 300 s for
 *   not-ready and unreachable from the DefaultTolerationSeconds admission
 *   plugin), and never if none of them sets `tolerationSeconds`;
 * - before deleting, it records a Normal `TaintManagerEviction` event
 *   `Marking for deletion Pod NS/NAME` and sets the pod's `DisruptionTarget`
 *   condition (True, `DeletionByTaintManager`, `Taint manager: deleting due
 *   to NoExecute taint`); the delete is graceful, so a pod on a dead node
 *   stays Terminating until its kubelet returns or PodGC force-deletes it.
 *
 * Level-triggered difference: Kubernetes starts a pod's clock when its
 * informer sees the taint (or the pod); here the clock starts at the
 * earliest `timeAdded` of the node's NoExecute taints, or when the pod was
 * bound if that is later, and the key is requeued for the remaining time.
 * So a swap of not-ready for unreachable (a fresh `timeAdded`) restarts the
 * clock, where Kubernetes keeps the first schedule; and the
 * `Cancelling deletion of Pod` event (a schedule dropped) is not recorded,
 * since no schedule is kept.
 *
 * @example
 * manager.add(taintEvictionController());
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, Handler, Predicate, ReconcileContext, ReconcileResult } from '../controller.js';
import { done, TerminalError } from '../controller.js';
import { recordEvent } from '../events.js';
import { TAINT_EVICTION_CONTROLLER } from './config.js';
import { boundAt, nodeKey, nodeNameOf, podKey, podsOnNode } from './pods-on-node.js';
import { isMalformedTime, parseTime, stamp } from './time.js';
import { matchingTolerations, minTolerationSeconds } from './tolerations.js';

export const DISRUPTION_TARGET = 'DisruptionTarget';
export const REASON_DELETION_BY_TAINT_MANAGER = 'DeletionByTaintManager';
export const MESSAGE_DELETION_BY_TAINT_MANAGER = 'Taint manager: deleting due to NoExecute taint';

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** Pod updates matter only when tolerations or the node change (`PodUpdated`). */
const tolerationsOrNodeChanged: Predicate = (c) =>
  c.type !== 'MODIFIED' ||
  c.previous === undefined ||
  nodeNameOf(c.previous) !== nodeNameOf(c.object) ||
  JSON.stringify((c.previous['spec'] as Pod['spec'])?.tolerations ?? []) !== JSON.stringify((c.object['spec'] as Pod['spec'])?.tolerations ?? []);

/** Node changes matter only when its NoExecute taints change (`NodeUpdated`). */
const noExecuteTaintsChanged: Predicate = (c) =>
  c.type !== 'DELETED' &&
  (c.previous === undefined ||
    JSON.stringify(noExecuteTaints(c.previous as unknown as Node)) !== JSON.stringify(noExecuteTaints(c.object as unknown as Node)));

const podsOfNode: Handler = (c, view) => podsOnNode(view, c.object.metadata.name ?? '').map(podKey);


export function taintEvictionController(): ControllerDefinition {
  return {
    name: TAINT_EVICTION_CONTROLLER,
    for: { group: '', kind: 'Pod' },
    predicates: [tolerationsOrNodeChanged],
    watches: [{ kind: { group: '', kind: 'Node' }, handler: podsOfNode, predicates: [noExecuteTaintsChanged] }],

    reconcile(key, view, ctx): ReconcileResult {
      const pod = view.get(key) as unknown as Pod | undefined;
      if (pod === undefined || pod.metadata?.deletionTimestamp !== undefined) return done();
      const nodeName = pod.spec?.nodeName ?? '';
      if (nodeName === '') return done();
      const taints = noExecuteTaints(view.get(nodeKey(nodeName)) as unknown as Node | undefined);
      if (taints.length === 0) return done();
      const bad = taints.find((t) => isMalformedTime(t.timeAdded));
      if (bad !== undefined) throw new TerminalError(`node ${nodeName}: taint ${bad.key}:${bad.effect} has timeAdded ${JSON.stringify(bad.timeAdded)}, not an RFC 3339 time`);

      const { allTolerated, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
      let evictAt = ctx.now;
      if (allTolerated) {
        const seconds = minTolerationSeconds(used);
        if (seconds === undefined) return done(); // tolerated forever
        const added = taints.map((t) => parseTime(ctx, t.timeAdded)).filter((t): t is number => t !== undefined);
        const start = Math.max(boundAt(pod, ctx), ...added.length === 0 ? [] : [Math.min(...added)]);
        evictAt = start + seconds * 1000;
      }
      if (ctx.now < evictAt) return { commands: [], requeueAfterMs: evictAt - ctx.now };
      return { commands: evict(view, ctx, pod) };
    },
  };
}

/** `deletePodHandler`: the event, the DisruptionTarget condition, then a graceful delete. */
function evict(view: StateView, ctx: ReconcileContext, pod: Pod): Command[] {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace, name };
  const commands: Command[] = [
    recordEvent(view, ctx, {
      object: pod as unknown as KubeObject,
      type: 'Normal',
      reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod ${namespace}/${name}`,
      component: TAINT_EVICTION_CONTROLLER,
    }),
  ];
  const current = pod.status?.conditions?.find((c) => c.type === DISRUPTION_TARGET);
  if (current?.status !== 'True' || current.reason !== REASON_DELETION_BY_TAINT_MANAGER || current.message !== MESSAGE_DELETION_BY_TAINT_MANAGER) {
    const condition = {
      type: DISRUPTION_TARGET,
      status: 'True',
      reason: REASON_DELETION_BY_TAINT_MANAGER,
      message: MESSAGE_DELETION_BY_TAINT_MANAGER,
      lastTransitionTime: current?.status === 'True' && current.lastTransitionTime !== undefined ? current.lastTransitionTime : stamp(ctx),
    };
    commands.push({ type: 'patch', ref, subresource: 'status', patchType: 'strategic', patch: { status: { conditions: [condition] } } });
  }
  const uid = pod.metadata?.uid;
  commands.push({ type: 'delete', ref, ...(uid === undefined ? {} : { options: { preconditions: { uid } } }) });
  return commands;
}
