/**
 * `MarkPodsNotReady` (Kubernetes 1.32, pkg/controller/util/node): when the
 * controller finds a node silent, every pod bound to it gets its Ready
 * condition set to False (reason and message kept, lastTransitionTime now)
 * and a Warning `NodeNotReady` / `Node is not ready` event. Pods without a
 * Ready condition, or already not Ready, are left alone.
 *
 * Level-triggered: while the node is Unknown, a pod still Ready whose Ready
 * condition predates the node's transition is marked (so a refused write is
 * retried, as Kubernetes' `nodesToRetry` does); a pod made Ready after the
 * transition is left to its kubelet.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import { recordEvent } from '../events.js';
import { NODE_CONTROLLER_COMPONENT } from './config.js';
import { conditionOf } from './node-health.js';
import { podsOnNode } from './pods-on-node.js';
import { parseTime, stamp } from './time.js';

export function markPodsNotReady(view: StateView, ctx: ReconcileContext, node: Node): Command[] {
  const name = node.metadata?.name ?? '';
  const since = parseTime(ctx, conditionOf(node, 'Ready')?.lastTransitionTime) ?? ctx.now;
  const out: Command[] = [];
  const events: Command[] = [];
  for (const pod of podsOnNode(view, name)) {
    if (!needsMarking(pod, since, ctx)) continue;
    out.push({
      type: 'patch',
      ref: { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' },
      subresource: 'status',
      patchType: 'strategic',
      patch: { status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: stamp(ctx) }] } },
    });
    events.push(
      recordEvent(view, ctx, {
        object: pod as unknown as KubeObject,
        type: 'Warning',
        reason: 'NodeNotReady',
        message: 'Node is not ready',
        component: NODE_CONTROLLER_COMPONENT,
      }),
    );
  }
  return [...out, ...events];
}

function needsMarking(pod: Pod, since: number, ctx: ReconcileContext): boolean {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready === undefined || ready.status === 'False') return false;
  const changed = parseTime(ctx, ready.lastTransitionTime);
  return changed === undefined || changed <= since;
}
