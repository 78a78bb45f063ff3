/**
 * Nodes at the cursor with the pods bound to them (`spec.nodeName`), each
 * with its status; pods not bound yet are listed apart. At most
 * `perNode` pods are named per node (the rest counted), so a large cluster
 * stays a small answer.
 */
import type { KubeObject } from '../model/index.js';
import { objectKey } from '../model/index.js';
import type { StateView } from '../store/index.js';
import { statusOf } from './object-tree.js';

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

export function nodesView(view: StateView, perNode = 200): NodeEntry[] {
  const pods = new Map<string, KubeObject[]>();
  for (const p of view.list({ group: '', resource: 'pods' })) {
    const node = String((p['spec'] as { nodeName?: string } | undefined)?.nodeName ?? '');
    let list = pods.get(node);
    if (list === undefined) pods.set(node, (list = []));
    list.push(p);
  }
  const entry = (name: string, node: KubeObject | undefined): NodeEntry => {
    const list = pods.get(name) ?? [];
    const taints = ((node?.['spec'] as { taints?: { key: string; effect: string }[] } | undefined)?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
    return {
      name,
      key: name === '' ? '' : objectKey({ group: '', resource: 'nodes', namespace: '', name }),
      status: node === undefined ? (name === '' ? 'Unscheduled' : 'Gone') : statusOf(node),
      taints,
      pods: list.slice(0, perNode).map((p) => ({
        key: objectKey({ group: '', resource: 'pods', namespace: p.metadata.namespace ?? '', name: p.metadata.name ?? '' }),
        name: p.metadata.name ?? '',
        namespace: p.metadata.namespace ?? '',
        status: statusOf(p),
      })),
      podCount: list.length,
    };
  };
  const nodes = view.list({ group: '', resource: 'nodes' });
  const out = nodes.map((n) => entry(n.metadata.name ?? '', n));
  const known = new Set(nodes.map((n) => n.metadata.name ?? ''));
  // Pods still bound to a node that is gone (their kubelet never confirmed the deletion), then the unscheduled ones.
  for (const name of [...pods.keys()].filter((n) => n !== '' && !known.has(n)).sort()) out.push(entry(name, undefined));
  if (pods.has('')) out.push(entry('', undefined));
  return out;
}
