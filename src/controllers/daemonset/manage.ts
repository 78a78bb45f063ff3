/**
 * The manage step (Kubernetes 1.32 `manage` and `podsShouldBeOnNode`): for
 * every node, what to create and what to delete so that each node that
 * should run the daemon pod runs exactly one (two, briefly, while surging):
 *
 * - a node that should run the pod and has none gets one;
 * - on a node where the pod may stay: a Failed pod is deleted (a Warning
 *   `FailedDaemonPod` event first), unless the node's failed-pod back-off
 *   is running, in which case the DaemonSet is requeued after the back-off;
 *   a Succeeded pod is deleted (a Normal `SucceededDaemonPod` event);
 *   without surge, all running pods but the oldest are deleted; with surge,
 *   one pod of the current revision and one older are kept (the older one
 *   goes once it is not ready or the new one is available), the rest go,
 *   and a node left with none gets one;
 * - on a node where the pod may not stay, every daemon pod not already
 *   being deleted is deleted;
 * - unscheduled pods aimed at a node that no longer exists are deleted.
 *
 * Nodes are visited in the order the node list gives them (by name).
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import { recordEvent } from '../events.js';
import { isPodAvailable, isPodReady } from '../replica-set/pod-state.js';
import { minReadySecondsOf } from './daemon-kind.js';
import { failedPodBackoff, failedPodMessage, inBackoff } from './failed-pod-backoff.js';
import { CONTROLLER_REVISION_HASH, COMPONENT, Reason } from './names.js';
import type { NodePods } from './node-pods.js';
import { byCreationTimestampAndPhase, unscheduledPodsWithoutNode } from './node-pods.js';
import { nodeShouldRunDaemonPod } from './node-should-run.js';
import { allowsSurge } from './update-counts.js';

export interface ManagePlan {
  readonly nodesNeedingDaemonPods: readonly string[];
  readonly podsToDelete: readonly Pod[];
  /** Events to record before the deletes (failed and succeeded pods found). */
  readonly events: readonly Command[];
  /** The shortest failed-pod back-off still running, if any. */
  readonly requeueAfterMs?: number;
}

interface Acc {
  needing: string[];
  deleting: Pod[];
  events: Command[];
  requeue?: number;
}

function keepSurging(ds: DaemonSet, running: Pod[], hash: string, acc: Acc, nowUnixMs: number): void {
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const pod of [...running].sort(byCreationTimestampAndPhase)) {
    const current = pod.metadata?.labels?.[CONTROLLER_REVISION_HASH] === hash;
    if (current && oldestNew === undefined) oldestNew = pod;
    else if (!current && oldestOld === undefined) oldestOld = pod;
    else acc.deleting.push(pod);
  }
  if (oldestNew === undefined || oldestOld === undefined) return;
  if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReadySecondsOf(ds), nowUnixMs)) acc.deleting.push(oldestOld);
}

function podsShouldBeOnNode(view: StateView, ctx: ReconcileContext, ds: DaemonSet, node: Node, pods: readonly Pod[] | undefined, hash: string, acc: Acc): void {
  const name = node.metadata?.name ?? '';
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const nowUnixMs = ctx.epoch + ctx.now;
  if (shouldRun && pods === undefined) {
    acc.needing.push(name);
    return;
  }
  if (pods === undefined) return;
  if (!shouldContinueRunning) {
    for (const pod of pods) if (pod.metadata?.deletionTimestamp === undefined) acc.deleting.push(pod);
    return;
  }
  const running: Pod[] = [];
  const dsObj = ds as unknown as KubeObject;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp !== undefined) continue;
    const ns = pod.metadata?.namespace ?? '';
    const podName = pod.metadata?.name ?? '';
    if (pod.status?.phase === 'Failed') {
      // Kubernetes bumps the back-off before the delete; the event recorded here is what the next sync reads it from.
      const backoff = failedPodBackoff(view, ds, name);
      if (inBackoff(backoff, nowUnixMs)) {
        acc.requeue = Math.min(acc.requeue ?? Infinity, backoff.delayMs);
        continue;
      }
      acc.events.push(recordEvent(view, ctx, { object: dsObj, type: 'Warning', reason: Reason.FailedDaemonPod, message: failedPodMessage(ns, podName, name), component: COMPONENT }));
      acc.deleting.push(pod);
    } else if (pod.status?.phase === 'Succeeded') {
      const message = `Found succeeded daemon pod ${ns}/${podName} on node ${name}, will try to delete it`;
      acc.events.push(recordEvent(view, ctx, { object: dsObj, type: 'Normal', reason: Reason.SucceededDaemonPod, message, component: COMPONENT }));
      acc.deleting.push(pod);
    } else {
      running.push(pod);
    }
  }
  if (!allowsSurge(ds)) {
    if (running.length > 1) acc.deleting.push(...[...running].sort(byCreationTimestampAndPhase).slice(1));
    return;
  }
  if (running.length <= 1) {
    if (running.length === 0 && shouldRun) acc.needing.push(name);
    return;
  }
  keepSurging(ds, running, hash, acc, nowUnixMs);
}

export function manage(view: StateView, ctx: ReconcileContext, ds: DaemonSet, nodes: readonly Node[], byNode: NodePods, hash: string): ManagePlan {
  const acc: Acc = { needing: [], deleting: [], events: [] };
  for (const node of nodes) podsShouldBeOnNode(view, ctx, ds, node, byNode.get(node.metadata?.name ?? ''), hash, acc);
  const names = new Set(nodes.map((n) => n.metadata?.name ?? ''));
  acc.deleting.push(...unscheduledPodsWithoutNode(names, byNode));
  return {
    nodesNeedingDaemonPods: acc.needing,
    podsToDelete: acc.deleting,
    events: acc.events,
    ...(acc.requeue === undefined ? {} : { requeueAfterMs: acc.requeue }),
  };
}
