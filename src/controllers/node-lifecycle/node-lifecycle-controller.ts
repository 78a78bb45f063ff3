/**
 * The node lifecycle controller (kube-controller-manager 1.32's
 * `node-lifecycle-controller`), one Node per key:
 *
 * 1. a node whose heartbeats (Lease renewals, Ready heartbeats) stop for
 *    the grace period is found silent at the next 5 s monitor pass: its
 *    conditions go Unknown, its pods NotReady, and a `NodeNotReady` event
 *    is recorded (node-health.ts, mark-pods-not-ready.ts);
 * 2. NoSchedule taints follow the node's conditions at once
 *    (TaintNodesByCondition, taints.ts);
 * 3. NoExecute not-ready / unreachable taints follow the Ready condition
 *    from the next monitor pass, through each zone's rate limiter
 *    (no-execute-tainting.ts, zones.ts); evicting the pods is the taint
 *    eviction controller's job (taint-eviction-controller.ts).
 *
 * Level-triggered and clock-free: decisions read only the view and
 * `ctx.now`; the key is requeued for the next moment a decision can change
 * (the monitor pass that would find it silent, its next tainting turn), so
 * a quiet cluster costs one reconcile per node per grace period. Each
 * reconcile writes the Node at most once (status, or taints), so writes
 * never conflict with each other; a write that races a kubelet gets 409 and
 * is retried with backoff. Another node's Ready change wakes the unhealthy
 * nodes, whose zone state may have changed.
 *
 * @example
 * manager.add(nodeLifecycleController());                       // 1.32 defaults
 * manager.add(nodeLifecycleController({ nodeMonitorGracePeriodMs: 40_000 }));
 */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node, Taint } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, Handler, Predicate, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { eventName, recordEvent } from '../events.js';
import type { NodeLifecycleOptions } from './config.js';
import { NODE_CONTROLLER_COMPONENT, NODE_LIFECYCLE_CONTROLLER, nodeLifecycleConfig } from './config.js';
import { markPodsNotReady } from './mark-pods-not-ready.js';
import { conditionOf, nodeHealth, unknownConditions } from './node-health.js';
import type { NoExecuteDecision } from './no-execute-tainting.js';
import { noExecuteDecision } from './no-execute-tainting.js';
import { leaseKey, nodeKey } from './pods-on-node.js';
import { hasTaint, taintMatches, NOT_READY_NO_EXECUTE, ownedNoScheduleTaints, swapTaints, UNREACHABLE_NO_EXECUTE, wantedNoScheduleTaints } from './taints.js';
import { stamp } from './time.js';
import { isReady } from './zones.js';

const NODES = { group: '', resource: 'nodes' } as const;

/** Passes node creations, deletions and updates that changed the Ready status. */
const readyStatusChanged: Predicate = (c) =>
  c.type !== 'MODIFIED' || c.previous === undefined || conditionOf(c.previous as Node, 'Ready')?.status !== conditionOf(c.object as Node, 'Ready')?.status;

/** Wakes every node whose NoExecute decision depends on the others (unhealthy, or carrying a NoExecute taint). */
const wakeUnhealthyNodes: Handler = (_c, view) =>
  (view.list(NODES) as unknown as Node[])
    .filter((n) => !isReady(n) || hasTaint(n, NOT_READY_NO_EXECUTE) || hasTaint(n, UNREACHABLE_NO_EXECUTE))
    .map((n) => nodeKey(n.metadata?.name ?? ''));

export function nodeLifecycleController(options: NodeLifecycleOptions = {}): ControllerDefinition {
  const cfg = nodeLifecycleConfig(options);
  return {
    name: NODE_LIFECYCLE_CONTROLLER,
    for: { group: '', kind: 'Node' },
    watches: [{ kind: { group: '', kind: 'Node' }, handler: wakeUnhealthyNodes, predicates: [readyStatusChanged] }],

    reconcile(key, view, ctx): ReconcileResult {
      const node = view.get(key) as unknown as Node | undefined;
      if (node === undefined) return done();
      const name = node.metadata?.name ?? '';
      const health = nodeHealth(node, view.get(leaseKey(name)) as unknown as Lease | undefined, ctx, cfg);
      const registered = registeredEvent(view, ctx, node);

      // 1. Silent for the grace period: conditions Unknown, pods NotReady.
      if (ctx.now >= health.staleAt) {
        const conditions = unknownConditions(node, ctx);
        if (conditions !== undefined) {
          const silent: Node = { ...node, status: { ...node.status, conditions } };
          const commands: Command[] = [{ type: 'update', object: silent as unknown as KubeObject, subresource: 'status' }];
          if (isReady(node)) commands.push(...markPodsNotReady(view, ctx, silent), nodeNotReadyEvent(view, ctx, node));
          return { commands: [...commands, ...registered] };
        }
      }

      // 2 and 3. The taints the conditions call for, in one write.
      const decision = isReady(node) && !hasTaint(node, NOT_READY_NO_EXECUTE) && !hasTaint(node, UNREACHABLE_NO_EXECUTE)
        ? ({ add: [], remove: [] } satisfies NoExecuteDecision)
        : noExecuteDecision(node, view.list(NODES) as unknown as Node[], ctx, cfg);
      const commands: Command[] = [];
      const taints = retaint(node, decision, ctx);
      if (taints !== undefined) {
        const spec = { ...node.spec };
        if (taints.length === 0) delete spec.taints;
        else spec.taints = taints;
        commands.push({ type: 'update', object: { ...node, spec } as unknown as KubeObject });
      }
      const unknown = conditionOf(node, 'Ready')?.status === 'Unknown';
      if (unknown) commands.push(...markPodsNotReady(view, ctx, node));
      commands.push(...registered);

      const wakes = [decision.wakeAt, unknown ? undefined : health.staleAt].filter((t): t is number => t !== undefined);
      if (wakes.length === 0) return { commands };
      return { commands, requeueAfterMs: Math.max(1, Math.min(...wakes) - ctx.now) };
    },
  };
}

/** The node's taints with the NoSchedule set matching its conditions and the NoExecute decision applied; undefined if unchanged. */
function retaint(node: Node, decision: NoExecuteDecision, ctx: ReconcileContext): Taint[] | undefined {
  const taints = node.spec?.taints ?? [];
  const wanted = wantedNoScheduleTaints(node);
  const owned = ownedNoScheduleTaints(taints);
  const add = wanted.filter((w) => !owned.some((t) => taintMatches(t, w)));
  const remove = owned.filter((t) => !wanted.some((w) => taintMatches(t, w))).map((t) => ({ key: t.key, effect: 'NoSchedule' as const }));
  return swapTaints(taints, [...add, ...decision.add], [...remove, ...decision.remove], stamp(ctx));
}

/** `RecordNodeStatusChange(..., "NodeNotReady")`. */
function nodeNotReadyEvent(view: StateView, ctx: ReconcileContext, node: Node): Command {
  const name = node.metadata?.name ?? '';
  return recordEvent(view, ctx, {
    object: node as unknown as KubeObject,
    type: 'Normal',
    reason: 'NodeNotReady',
    message: `Node ${name} status is now: NodeNotReady`,
    component: NODE_CONTROLLER_COMPONENT,
  });
}

/** `RegisteredNode`, recorded once per node (Kubernetes records it when its informer first lists the node). */
function registeredEvent(view: StateView, ctx: ReconcileContext, node: Node): Command[] {
  const name = node.metadata?.name ?? '';
  const spec = {
    object: node as unknown as KubeObject,
    type: 'Normal' as const,
    reason: 'RegisteredNode',
    message: `Node ${name} event: Registered Node ${name} in Controller`,
    component: NODE_CONTROLLER_COMPONENT,
  };
  const exists = view.get(objectKey({ group: '', resource: 'events', namespace: 'default', name: eventName(spec) })) !== undefined;
  return exists ? [] : [recordEvent(view, ctx, spec)];
}
