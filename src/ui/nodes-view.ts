/**
 * Nodes at the cursor with the pods bound to them (`spec.nodeName`), each
 * with its status; pods not bound yet are listed apart. Only so many pods
 * are named per node (the rest counted), so a large cluster stays a small
 * answer.
 */
import type { KubeObject } from '../model/index.js';
import { objectKey } from '../model/index.js';
import type { StateView } from '../store/index.js';
import { statusOf } from './object-tree.js';
import type { PlacedPod, PodPlacement } from './pod-placement.js';

export interface PodEntry {
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly status: string;
}

export interface NodeEntry {
  /** `''` for the pods no node has been chosen for. */
  readonly name: string;
  readonly key: string;
  readonly status: string;
  readonly taints: readonly string[];
  readonly pods: readonly PodEntry[];
  readonly podCount: number;
}

/**
 * Pods come from `placement` (no pod is read); only the nodes are read at
 * `view`. About `maxPods` pods are named in all (at least 5 per node).
 */
export function nodesView(view: StateView, placement: PodPlacement, maxPods = 2000): NodeEntry[] {
  const pods = new Map<string, PlacedPod[]>();
  for (const p of placement.at(view.rev)) {
    const node = p.node;
    let list = pods.get(node);
    if (list === undefined) pods.set(node, (list = []));
    list.push(p);
  }
  let perNode = 0;
  const entry = (name: string, node: KubeObject | undefined): NodeEntry => {
    const list = pods.get(name) ?? [];
    const taints = ((node?.['spec'] as { taints?: { key: string; effect: string }[] } | undefined)?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
    return {
      name,
      key: name === '' ? '' : objectKey({ group: '', resource: 'nodes', namespace: '', name }),
      status: node === undefined ? (name === '' ? 'Unscheduled' : 'Gone') : statusOf(node),
      taints,
      pods: list.slice(0, perNode).map((p) => ({ key: p.key, name: p.name, namespace: p.namespace, status: p.status })),
      podCount: list.length,
    };
  };
  const nodes = view.list({ group: '', resource: 'nodes' });
  perNode = Math.max(5, Math.floor(maxPods / Math.max(1, pods.size)));
  const out = nodes.map((n) => entry(n.metadata.name ?? '', n));
  const known = new Set(nodes.map((n) => n.metadata.name ?? ''));
  // Pods still bound to a node that is gone (their kubelet never confirmed the deletion), then the unscheduled ones.
  for (const name of [...pods.keys()].filter((n) => n !== '' && !known.has(n)).sort()) out.push(entry(name, undefined));
  if (pods.has('')) out.push(entry('', undefined));
  return out;
}
