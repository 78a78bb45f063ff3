/**
 * The environment a re-simulation needs beyond the recorded users' requests,
 * read from the history itself:
 *
 * - **Nodes**: a kubelet for every Node present at the start (its capacity,
 *   labels and taints from the object), for every Node registered later (at
 *   its registration time), and for every node the history names without a
 *   Node object (an audit log rarely shows a registration): in pods'
 *   `spec.nodeName` and kubelet actors (`node:N`). Machines are environment:
 *   they join whatever the controllers do.
 * - **Faults**: the recorded ones; a history with none (recorded from or
 *   imported out of a real cluster, where nothing injects faults) has its
 *   node outages read from the Nodes' Ready condition: Ready turning
 *   `Unknown` means the kubelet stopped posting status (the node lifecycle
 *   controller's verdict), so a `partition` is placed at the kubelet's last
 *   sign of life (see `deriveNodeFaults`); Ready back to `True` is a `heal`. A partition,
 *   not a node-down: the API cannot tell a dead machine from an unreachable
 *   one, and a partition leaves the containers running, as most are.
 * - **Namespaces** the inputs write into that neither exist at the start
 *   nor are created by an input: assumed to exist.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Fault, HistoryRecord, KubeObject, WriteRecord } from '../../model/index.js';
import { objectKey, parseKey } from '../../model/index.js';
import { NODE_LIFECYCLE_DEFAULTS } from '../../controllers/index.js';
import type { ClusterNode } from '../../runtime/index.js';
import type { Store } from '../../store/index.js';
import { parseTimestamp } from '../import/import-error.js';
import { clusterNodeOf } from '../fork-world.js';

export interface EnvironmentNode {
  readonly time: number;
  readonly node: ClusterNode;
  /** Why it runs: `a Node at the start`, `registered at ...`, `named by pods and kubelets`. */
  readonly why: 'at-start' | 'registered' | 'named';
}

export interface DerivedFault {
  readonly time: number;
  readonly fault: Fault;
  /** The recorded write the fault was read from. */
  readonly fromRev: number;
  readonly reason: string;
}

function isNodeKey(key: string): boolean {
  return key.startsWith('core/nodes/_/');
}

function nodeKey(name: string): string {
  return objectKey({ group: '', resource: 'nodes', namespace: '', name });
}

/** Kubelets to run over a re-simulation from revision `from`, sorted by time then name. */
export function environmentNodes(store: Store, from: number, startTime: number): EnvironmentNode[] {
  const out: EnvironmentNode[] = [];
  const seen = new Set<string>();
  const start = store.at(from);
  for (const obj of start.list({ group: '', resource: 'nodes' })) {
    seen.add(obj.metadata.name ?? '');
    out.push({ time: startTime, node: clusterNodeOf(obj as unknown as Node), why: 'at-start' });
  }
  const named = new Set<string>();
  for (const w of store.writes({ fromRev: from + 1 })) {
    if (w.actor.startsWith('node:')) named.add(w.actor.slice('node:'.length));
    if (isNodeKey(w.key)) {
      const name = parseKey(w.key).name;
      if (w.change.op === 'put' && w.prevRev === 0 && !seen.has(name)) {
        seen.add(name);
        const obj = store.at(w.rev).get(w.key);
        if (obj !== undefined) out.push({ time: w.time, node: clusterNodeOf(obj as unknown as Node), why: 'registered' });
      }
      continue;
    }
    const k = parseKey(w.key);
    if (k.group !== '' || k.resource !== 'pods') continue;
    const node = (store.at(w.rev).get(w.key) as unknown as Pod | undefined)?.spec?.nodeName;
    if (node !== undefined && node !== '') named.add(node);
  }
  for (const obj of start.list({ group: '', resource: 'pods' })) {
    const node = (obj as unknown as Pod).spec?.nodeName;
    if (node !== undefined && node !== '') named.add(node);
  }
  for (const name of [...named].sort()) {
    if (seen.has(name) || store.head().get(nodeKey(name)) !== undefined) continue;
    seen.add(name);
    out.push({ time: startTime, node: { name }, why: 'named' });
  }
  return out.sort((a, b) => a.time - b.time || a.node.name.localeCompare(b.node.name));
}

function readyStatus(obj: KubeObject | undefined): { status: string; heartbeat?: number } | undefined {
  const c = (obj as unknown as Node | undefined)?.status?.conditions?.find((x) => x.type === 'Ready');
  if (c === undefined) return undefined;
  const heartbeat = parseTimestamp(c.lastHeartbeatTime);
  return { status: c.status, ...(heartbeat === undefined ? {} : { heartbeat }) };
}

const LEASE_PREFIX = 'coordination.k8s.io/leases/kube-node-lease/';

/**
 * Node outages read from Ready conditions after revision `from` (see the
 * file's doc). The kubelet's last sign of life is its newest Lease renewal
 * or the condition's heartbeat, whichever is later (since node leases, the
 * kubelet posts Node status only every few minutes unless something
 * changes); with neither within twice the node monitor grace period of the
 * verdict, the verdict's time minus that grace period. `epoch` turns
 * condition timestamps into history times.
 */
export function deriveNodeFaults(store: Store, from: number, epoch: number): DerivedFault[] {
  const grace = NODE_LIFECYCLE_DEFAULTS.nodeMonitorGracePeriodMs;
  const last = new Map<string, { status: string; time: number }>();
  const renewed = new Map<string, number>();
  const out: DerivedFault[] = [];
  for (const obj of store.at(from).list({ group: '', resource: 'nodes' })) {
    const r = readyStatus(obj);
    if (r !== undefined) last.set(obj.metadata.name ?? '', { status: r.status, time: 0 });
  }
  for (const w of store.writes({ fromRev: from + 1 })) {
    if (w.key.startsWith(LEASE_PREFIX)) {
      if (w.change.op !== 'remove') renewed.set(w.key.slice(LEASE_PREFIX.length), w.time);
      continue;
    }
    if (!isNodeKey(w.key) || w.change.op === 'remove') continue;
    const name = parseKey(w.key).name;
    const r = readyStatus(store.at(w.rev).get(w.key));
    if (r === undefined) continue;
    const prev = last.get(name);
    last.set(name, { status: r.status, time: w.time });
    if (prev?.status === r.status) continue;
    if (r.status === 'Unknown') {
      const sign = Math.max(renewed.get(name) ?? -Infinity, r.heartbeat === undefined ? -Infinity : r.heartbeat - epoch);
      const heard = sign >= w.time - 2 * grace ? Math.min(sign, w.time) : w.time - grace;
      out.push({ time: Math.max(prev?.time ?? 0, heard), fault: { kind: 'partition', node: name }, fromRev: w.rev, reason: `Ready became Unknown at revision ${w.rev}: the kubelet stopped posting status` });
    } else if (r.status === 'True' && prev?.status === 'Unknown') {
      out.push({ time: w.time, fault: { kind: 'heal', node: name }, fromRev: w.rev, reason: `Ready became True again at revision ${w.rev}: the kubelet posted status` });
    }
  }
  return out;
}

/** Namespaces the input writes use that do not exist at `from` and no input creates first, sorted. */
export function assumedNamespaces(store: Store, from: number, inputs: readonly WriteRecord[]): string[] {
  const start = store.at(from);
  const created = new Set<string>();
  const assumed = new Set<string>();
  for (const w of inputs) {
    const k = parseKey(w.key);
    if (k.group === '' && k.resource === 'namespaces') created.add(k.name);
    if (k.namespace === '' || created.has(k.namespace)) continue;
    if (start.get(objectKey({ group: '', resource: 'namespaces', namespace: '', name: k.namespace })) === undefined) assumed.add(k.namespace);
  }
  return [...assumed].sort();
}

/** True when the history holds any fault record (then they are the environment, and nothing is derived). */
export function hasFaultRecords(records: readonly HistoryRecord[]): boolean {
  return records.some((r) => r.type === 'fault');
}
