/**
 * The RollingUpdate step (Kubernetes 1.32 pkg/controller/daemon/update.go
 * `rollingUpdate`): which old pods to delete and, when surging, which
 * nodes get a new pod beside the old one. Nodes are visited in name order
 * (Kubernetes visits them in Go's random map order).
 *
 * Without surge (maxSurge 0): a node whose old pod is unavailable is
 * replaced at once; a node that has no pod, both an old and a new one, or a
 * new one not yet available counts as unavailable; old available pods are
 * deleted while fewer than maxUnavailable nodes are unavailable. Pods being
 * deleted count as absent, so a node whose old pod is terminating counts as
 * unavailable until its new pod is available.
 *
 * With surge: a new pod is started next to an unavailable old pod at once,
 * and next to available old pods while fewer than maxSurge new pods are
 * still becoming available; an old pod goes once its node's new pod is
 * available; on nodes that no longer qualify, old pods go only while the
 * available pods exceed desiredNumberScheduled.
 *
 * A node with two old or two new pods is left to the manage step (and
 * counts as unavailable, or as a surge).
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { isPodAvailable } from '../replica-set/pod-state.js';
import { minReadySecondsOf } from './daemon-kind.js';
import { isPodUpdated, templateGeneration } from './daemon-pod.js';
import type { NodePods } from './node-pods.js';
import { nodeShouldRunDaemonPod } from './node-should-run.js';
import { updateLimits } from './update-counts.js';

export interface UpdatePlan {
  readonly podsToDelete: readonly Pod[];
  readonly nodesToCreate: readonly string[];
}

interface NodeState {
  readonly newPod?: Pod;
  readonly oldPod?: Pod;
}

/** `findUpdatedPodsOnNode`: at most one old and one new live pod, or undefined when there are more. */
export function findUpdatedPodsOnNode(ds: DaemonSet, pods: readonly Pod[], hash: string): NodeState | undefined {
  const generation = templateGeneration(ds);
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp !== undefined) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod !== undefined) return undefined;
      newPod = pod;
    } else {
      if (oldPod !== undefined) return undefined;
      oldPod = pod;
    }
  }
  return { ...(newPod === undefined ? {} : { newPod }), ...(oldPod === undefined ? {} : { oldPod }) };
}

export function rollingUpdate(ds: DaemonSet, nodes: readonly Node[], byNode: NodePods, hash: string, nowUnixMs: number): UpdatePlan {
  // `updatedDesiredNodeCounts`: nodes that should run the pod but have none are visited too.
  const nodeByName = new Map(nodes.map((n) => [n.metadata?.name ?? '', n]));
  const visit = new Map<string, readonly Pod[]>(byNode);
  let desired = 0;
  for (const [name, node] of nodeByName) {
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desired++;
    if (!visit.has(name)) visit.set(name, []);
  }
  const names = [...visit.keys()].sort();
  const [maxSurge, maxUnavailable] = updateLimits(ds, desired);
  const available = (p: Pod): boolean => isPodAvailable(p, minReadySecondsOf(ds), nowUnixMs);
  const shouldRun = (name: string): boolean => {
    const node = nodeByName.get(name);
    // Kubernetes' nodeLister.Get fails for a node that is gone and the step is retried; such a node runs nothing.
    return node !== undefined && nodeShouldRunDaemonPod(node, ds).shouldRun;
  };

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replacements: Pod[] = [];
    const candidates: Pod[] = [];
    for (const name of names) {
      const s = findUpdatedPodsOnNode(ds, visit.get(name) ?? [], hash);
      if (s === undefined || (s.oldPod === undefined) === (s.newPod === undefined)) {
        numUnavailable++;
      } else if (s.newPod !== undefined) {
        if (!available(s.newPod)) numUnavailable++;
      } else if (s.oldPod !== undefined) {
        if (!available(s.oldPod)) {
          replacements.push(s.oldPod);
          numUnavailable++;
        } else if (numUnavailable < maxUnavailable) {
          candidates.push(s.oldPod);
        }
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    return { podsToDelete: [...replacements, ...candidates.slice(0, remaining)], nodesToCreate: [] };
  }

  const podsToDelete: Pod[] = [];
  const shouldNotRunPodsToDelete: Pod[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const name of names) {
    const s = findUpdatedPodsOnNode(ds, visit.get(name) ?? [], hash);
    if (s === undefined) {
      numSurge++;
      continue;
    }
    const counted = s.oldPod ?? s.newPod;
    if (counted !== undefined && available(counted)) numAvailable++;
    if (s.oldPod === undefined) continue;
    if (s.newPod === undefined) {
      if (!available(s.oldPod)) {
        if (!shouldRun(name)) podsToDelete.push(s.oldPod);
        else allowedNewNodes.push(name);
      } else if (!shouldRun(name)) {
        shouldNotRunPodsToDelete.push(s.oldPod);
      } else if (numSurge < maxSurge) {
        candidateNewNodes.push(name);
      }
      continue;
    }
    if (!available(s.newPod)) numSurge++;
    else podsToDelete.push(s.oldPod);
  }
  // With surge the owner expects full availability: pods on nodes that no longer qualify go only while others cover them.
  const deletable = Math.min(numAvailable - desired, shouldNotRunPodsToDelete.length);
  if (deletable > 0) podsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(0, maxSurge - numSurge), candidateNewNodes.length);
  return { podsToDelete, nodesToCreate: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)] };
}
