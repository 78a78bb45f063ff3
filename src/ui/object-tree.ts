/**
 * The objects at the cursor as a tree: namespace → owner → children (by the
 * controller ownerReference, else the first one), with a one-word status
 * per object. Every namespace is listed with its object count; only the
 * namespaces the page has open are filled in, at most `limit` objects each
 * (the rest counted in `more`), so a cluster of ten thousand pods costs the
 * open namespaces only.
 */
import type { KubeObject } from '../model/index.js';
import { parseKey } from '../model/index.js';
import type { StateView } from '../store/index.js';

export interface TreeNode {
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  readonly status: string;
  /** Written at exactly the cursor's revision. */
  readonly changed: boolean;
  readonly children: readonly TreeNode[];
}

export interface NamespaceEntry {
  /** `''` for cluster-scoped objects. */
  readonly name: string;
  readonly count: number;
  readonly roots?: readonly TreeNode[];
  readonly more?: number;
}

/** A one-word status: a pod's phase (Terminating once deleting), a node's readiness, a workload's ready/desired. */
export function statusOf(o: KubeObject): string {
  const status = (o['status'] ?? {}) as Record<string, unknown>;
  const spec = (o['spec'] ?? {}) as Record<string, unknown>;
  if (o.kind === 'Pod') return o.metadata.deletionTimestamp !== undefined ? 'Terminating' : String(status['phase'] ?? 'Pending');
  if (o.kind === 'Node') {
    const ready = ((status['conditions'] ?? []) as { type: string; status: string }[]).find((c) => c.type === 'Ready');
    return ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : ready.status === 'False' ? 'NotReady' : 'Unknown';
  }
  if (typeof spec['replicas'] === 'number') return `${Number(status['readyReplicas'] ?? 0)}/${spec['replicas']}`;
  if (o.metadata.deletionTimestamp !== undefined) return 'Terminating';
  return '';
}

export function objectTree(view: StateView, open: ReadonlySet<string>, limit = 500): NamespaceEntry[] {
  const byNs = new Map<string, string[]>();
  for (const key of view.keys()) {
    const ns = parseKey(key).namespace;
    let keys = byNs.get(ns);
    if (keys === undefined) byNs.set(ns, (keys = []));
    keys.push(key);
  }
  const names = [...byNs.keys()].sort();
  return names.map((ns) => {
    const keys = byNs.get(ns) as string[];
    if (!open.has(ns)) return { name: ns, count: keys.length };
    const shown = keys.slice(0, limit);
    return { name: ns, count: keys.length, roots: nest(view, shown), ...(keys.length > limit ? { more: keys.length - limit } : {}) };
  });
}

function nest(view: StateView, keys: readonly string[]): TreeNode[] {
  interface Mutable {
    key: string;
    kind: string;
    name: string;
    status: string;
    changed: boolean;
    children: Mutable[];
    owner: string | undefined;
  }
  const byUid = new Map<string, Mutable>();
  const all: Mutable[] = [];
  for (const key of keys) {
    const o = view.get(key);
    if (o === undefined) continue;
    const refs = o.metadata.ownerReferences ?? [];
    const owner = (refs.find((r) => r.controller === true) ?? refs[0])?.uid;
    const node: Mutable = { key, kind: o.kind, name: o.metadata.name ?? '', status: statusOf(o), changed: view.versionRev(key) === view.rev, children: [], owner };
    all.push(node);
    if (o.metadata.uid !== undefined) byUid.set(o.metadata.uid, node);
  }
  const roots: Mutable[] = [];
  for (const n of all) {
    const parent = n.owner === undefined ? undefined : byUid.get(n.owner);
    if (parent !== undefined && parent !== n) parent.children.push(n);
    else roots.push(n);
  }
  // Events last: they are many and rarely what one looks for first.
  const rank = (n: Mutable): string => (n.kind === 'Event' ? `~${n.kind}` : n.kind);
  const order = (a: Mutable, b: Mutable): number => {
    const ka = rank(a);
    const kb = rank(b);
    return ka < kb ? -1 : ka > kb ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };
  const freeze = (n: Mutable): TreeNode => ({
    key: n.key,
    kind: n.kind,
    name: n.name,
    status: n.status,
    changed: n.changed,
    children: n.children.sort(order).map(freeze),
  });
  return roots.sort(order).map(freeze);
}
