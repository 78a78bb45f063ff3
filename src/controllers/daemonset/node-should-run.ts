/**
 * Which nodes run a daemon pod (Kubernetes 1.32 `NodeShouldRunDaemonPod`).
 * The DaemonSet's pod, as it would be on the node (the template with the
 * automatic daemon tolerations), is checked against the node:
 *
 * - a template `nodeName` other than the node's: neither run nor keep;
 * - `nodeSelector` and required node affinity not matched: neither;
 * - a NoSchedule or NoExecute taint not tolerated: do not start a pod, but
 *   keep a running one unless one of those taints is NoExecute;
 * - otherwise: run and keep.
 *
 * `spec.unschedulable` is not looked at: a cordoned node carries the
 * `node.kubernetes.io/unschedulable` taint, which daemon pods tolerate.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { requiredAffinityMatches } from '../scheduler/filters/node-affinity.js';
import { untoleratedTaint } from '../scheduler/filters/taint-toleration.js';
import { podFactsOf } from '../scheduler/pod-facts.js';
import { withDaemonTolerations } from './daemon-tolerations.js';

export interface ShouldRun {
  /** A daemon pod should be started here if there is none. */
  readonly shouldRun: boolean;
  /** A daemon pod already here may stay. */
  readonly shouldContinueRunning: boolean;
}

const NEITHER: ShouldRun = { shouldRun: false, shouldContinueRunning: false };

/** `NewPod`: the template's pod with the daemon tolerations, bound to `nodeName`. */
export function newDaemonPod(ds: DaemonSet, nodeName: string): Pod {
  const t = ds.spec?.template;
  return {
    metadata: { ...t?.metadata, namespace: ds.metadata?.namespace ?? 'default' },
    spec: { ...withDaemonTolerations(t?.spec ?? { containers: [] }), nodeName },
  };
}

export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): ShouldRun {
  const nodeName = node.metadata?.name ?? '';
  const templateNode = ds.spec?.template.spec?.nodeName ?? '';
  if (templateNode !== '' && templateNode !== nodeName) return NEITHER;
  const pod = newDaemonPod(ds, nodeName);
  if (!requiredAffinityMatches(podFactsOf(pod), { name: nodeName, labels: node.metadata?.labels ?? {} })) return NEITHER;
  const taints = node.spec?.taints ?? [];
  const tolerations = pod.spec?.tolerations ?? [];
  if (untoleratedTaint(taints, tolerations, ['NoSchedule', 'NoExecute']) === undefined) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: untoleratedTaint(taints, tolerations, ['NoExecute']) === undefined };
}
