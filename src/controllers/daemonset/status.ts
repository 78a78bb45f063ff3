/**
 * DaemonSet status (Kubernetes 1.32 `updateDaemonSetStatus` and
 * `storeDaemonSetStatus`). Per node in the node list:
 *
 * - a node that should run the pod counts in `desiredNumberScheduled`; if
 *   it has daemon pods, in `currentNumberScheduled`, and its oldest pod
 *   (scheduled first) decides `numberReady`, `numberAvailable` (ready for
 *   `minReadySeconds`) and `updatedNumberScheduled` (current revision);
 * - a node that should not run it but has daemon pods counts in
 *   `numberMisscheduled`;
 * - `numberUnavailable` = desired − available.
 *
 * The status is written (the whole object through the status subresource,
 * `observedGeneration` = `metadata.generation`) only when a number differs
 * or observedGeneration lags. While some pods are ready but not yet
 * available, the DaemonSet is looked at again: Kubernetes requeues it after
 * `minReadySeconds`, and one second after `minReadySeconds` past each
 * pod's turning ready (its pod-update handler); the earlier of the two.
 */
import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Node } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { isPodAvailable, isPodReady, readySinceMs } from '../replica-set/pod-state.js';
import { minReadySecondsOf, statusOf } from './daemon-kind.js';
import { isPodUpdated, templateGeneration } from './daemon-pod.js';
import type { NodePods } from './node-pods.js';
import { byCreationTimestampAndPhase } from './node-pods.js';
import { nodeShouldRunDaemonPod } from './node-should-run.js';

export interface DaemonCounts {
  readonly desiredNumberScheduled: number;
  readonly currentNumberScheduled: number;
  readonly numberMisscheduled: number;
  readonly numberReady: number;
  readonly updatedNumberScheduled: number;
  readonly numberAvailable: number;
  readonly numberUnavailable: number;
}

export interface StatusPlan {
  readonly counts: DaemonCounts;
  readonly commands: readonly Command[];
  readonly requeueAfterMs?: number;
}

export function countDaemonPods(ds: DaemonSet, nodes: readonly Node[], byNode: NodePods, hash: string, nowUnixMs: number): DaemonCounts & { readonly pendingAvailableAt: number[] } {
  const minReady = minReadySecondsOf(ds);
  const generation = templateGeneration(ds);
  let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0;
  const pendingAvailableAt: number[] = [];
  for (const node of nodes) {
    const pods = byNode.get(node.metadata?.name ?? '') ?? [];
    const scheduled = pods.length > 0;
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
      if (scheduled) misscheduled++;
      continue;
    }
    desired++;
    if (!scheduled) continue;
    current++;
    const pod = [...pods].sort(byCreationTimestampAndPhase)[0];
    if (pod === undefined) continue;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, nowUnixMs)) available++;
      else pendingAvailableAt.push((readySinceMs(pod) ?? nowUnixMs) + minReady * 1000 + 1000);
    }
    if (isPodUpdated(pod, hash, generation)) updated++;
  }
  return {
    desiredNumberScheduled: desired,
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
    pendingAvailableAt,
  };
}

function sameCounts(s: DaemonSetStatus, c: DaemonCounts): boolean {
  return (
    s.desiredNumberScheduled === c.desiredNumberScheduled &&
    s.currentNumberScheduled === c.currentNumberScheduled &&
    s.numberMisscheduled === c.numberMisscheduled &&
    s.numberReady === c.numberReady &&
    (s.updatedNumberScheduled ?? 0) === c.updatedNumberScheduled &&
    (s.numberAvailable ?? 0) === c.numberAvailable &&
    (s.numberUnavailable ?? 0) === c.numberUnavailable
  );
}

export function daemonSetStatus(dsObj: KubeObject, nodes: readonly Node[], byNode: NodePods, hash: string, nowUnixMs: number): StatusPlan {
  const ds = dsObj as unknown as DaemonSet;
  const { pendingAvailableAt, ...counts } = countDaemonPods(ds, nodes, byNode, hash, nowUnixMs);
  const old = statusOf(ds);
  const generation = dsObj.metadata.generation ?? 0;
  const commands: Command[] =
    sameCounts(old, counts) && (old.observedGeneration ?? 0) >= generation
      ? []
      : [{ type: 'update', subresource: 'status', object: { ...dsObj, status: { ...old, ...counts, observedGeneration: generation } } }];
  const minReadyMs = minReadySecondsOf(ds) * 1000;
  if (minReadyMs === 0 || counts.numberReady === counts.numberAvailable) return { counts, commands };
  const soonest = Math.min(minReadyMs, ...pendingAvailableAt.map((at) => Math.max(1, at - nowUnixMs)));
  return { counts, commands, requeueAfterMs: soonest };
}
