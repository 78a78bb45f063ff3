/**
 * A DaemonSet's pods grouped by the node they are for (Kubernetes 1.32
 * `getNodesToDaemonPods`), the order Kubernetes ranks a node's pods in
 * (`podByCreationTimestampAndPhase`), and the unscheduled pods whose node
 * is gone (`getUnscheduledPodsWithoutNode`).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { unixMs } from '../replica-set/pod-state.js';
import { targetNodeName } from './daemon-pod.js';

export type NodePods = ReadonlyMap<string, readonly Pod[]>;

const isTerminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/**
 * Claimed pods by target node, keys sorted. A terminal pod already being
 * deleted is left out unless `includeDeletedTerminal` (history clean-up
 * counts it).
 */
export function nodesToDaemonPods(claimed: readonly Pod[], includeDeletedTerminal = false): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of claimed) {
    if (!includeDeletedTerminal && isTerminal(pod) && pod.metadata?.deletionTimestamp !== undefined) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = out.get(node);
    if (list === undefined) out.set(node, [pod]);
    else list.push(pod);
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Scheduled pods first, then oldest first, then by name. */
export function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const aBound = (a.spec?.nodeName ?? '') !== '';
  const bBound = (b.spec?.nodeName ?? '') !== '';
  if (aBound !== bBound) return aBound ? -1 : 1;
  const ta = unixMs(a.metadata?.creationTimestamp) ?? 0;
  const tb = unixMs(b.metadata?.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Pods never scheduled whose target node does not exist: no kubelet or pod GC will remove them. */
export function unscheduledPodsWithoutNode(nodeNames: ReadonlySet<string>, byNode: NodePods): Pod[] {
  const out: Pod[] = [];
  for (const [node, pods] of byNode) {
    if (nodeNames.has(node)) continue;
    for (const p of pods) if ((p.spec?.nodeName ?? '') === '') out.push(p);
  }
  return out;
}
