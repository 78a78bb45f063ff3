/**
 * What a fork needs beyond the API state at its revision: the simulated
 * world as the recorded faults left it, the nodes whose kubelets were
 * running (with the options their Node objects show), and the pod IPs the
 * kubelets had handed out — so the kubelets started at the fork adopt the
 * pods already on their nodes instead of renumbering them.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { HistoryRecord } from '../model/index.js';
import { objectKey, parseKey } from '../model/index.js';
import type { BehaviourRule, ClusterNode, SimWorld } from '../runtime/index.js';
import { createWorld } from '../runtime/index.js';
import type { StateView, Store } from '../store/index.js';

/** A fresh world with every fault recorded before the fork (records positioned before `at`) applied in order. */
export function worldAtFork(records: readonly HistoryRecord[], at: number, behaviours: readonly BehaviourRule[]): SimWorld {
  const world = createWorld({ behaviours });
  for (const r of records) {
    if (r.type === 'fault' && r.atRev < at) world.applyFault(r.fault, r.time);
  }
  return world;
}

/** The agent options a registered Node shows: capacity, labels, registration taints (lifecycle ones dropped), pod CIDRs. */
export function clusterNodeOf(obj: Node): ClusterNode {
  const cap = obj.status?.capacity ?? {};
  const taints = (obj.spec?.taints ?? []).filter((t) => !t.key.startsWith('node.kubernetes.io/'));
  return {
    name: obj.metadata?.name ?? '',
    ...(cap['cpu'] === undefined ? {} : { cpu: cap['cpu'] }),
    ...(cap['memory'] === undefined ? {} : { memory: cap['memory'] }),
    ...(cap['pods'] === undefined ? {} : { pods: Number(cap['pods']) }),
    ...(obj.metadata?.labels === undefined ? {} : { labels: obj.metadata.labels }),
    ...(taints.length === 0 ? {} : { taints: taints.map((t) => ({ key: t.key, effect: t.effect, ...(t.value === undefined ? {} : { value: t.value }) })) }),
    ...(obj.spec?.podCIDRs === undefined ? {} : { podCIDRs: obj.spec.podCIDRs }),
  };
}

/**
 * Nodes whose kubelet ran at the fork: every node a kubelet registered (a
 * `node:NAME` create) at or before `at` whose Node still exists, or that the
 * world has down (a down kubelet keeps its process). Options come from the
 * Node's latest version at or before the fork.
 */
export function agentNodesAtFork(store: Store, at: number, world: SimWorld): ClusterNode[] {
  const view = store.at(at);
  const out: ClusterNode[] = [];
  const seen = new Set<string>();
  for (const w of store.writes({ verb: 'create', toRev: at })) {
    const k = parseKey(w.key);
    if (k.resource !== 'nodes' || k.group !== '' || w.actor !== `node:${k.name}` || seen.has(k.name)) continue;
    seen.add(k.name);
    const now = view.get(w.key);
    if (now === undefined && !world.node(k.name).down) continue;
    const revs = store.versions(w.key).filter((r) => r <= at);
    const last = now ?? lastKnown(store, w.key, revs);
    if (last !== undefined) out.push(clusterNodeOf(last as unknown as Node));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function lastKnown(store: Store, key: string, revs: readonly number[]): ReturnType<StateView['get']> {
  for (let i = revs.length - 1; i >= 0; i--) {
    const r = revs[i] ?? 0;
    const o = r > 1 ? store.at(r - 1).get(key) : undefined;
    if (o !== undefined) return o;
  }
  return undefined;
}

function ipv4Number(ip: string): number {
  const parts = ip.split('.').map(Number);
  return parts.length === 4 ? parts.reduce((n, p) => n * 256 + p, 0) : Number.NaN;
}

/**
 * Reserves, in `world`, the pod IPs the running pods at `view` hold, so the
 * kubelets hand them back to the same pods. The world's IPAM gives the
 * lowest free address; placeholders fill the holes and are released after.
 * Returns the pods whose address could not be reproduced.
 */
export function adoptPodIPs(world: SimWorld, view: StateView): string[] {
  const byNode = new Map<string, { key: string; uid: string; ip: string }[]>();
  for (const obj of view.list({ group: '', resource: 'pods' })) {
    const pod = obj as unknown as Pod;
    const node = pod.spec?.nodeName;
    const ip = pod.status?.podIP;
    const phase = pod.status?.phase;
    if (node === undefined || ip === undefined || phase === 'Succeeded' || phase === 'Failed' || Number.isNaN(ipv4Number(ip))) continue;
    const key = objectKey({ group: '', resource: 'pods', namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' });
    byNode.set(node, [...(byNode.get(node) ?? []), { key, uid: obj.metadata.uid ?? '', ip }]);
  }
  const failed: string[] = [];
  for (const node of [...byNode.keys()].sort()) {
    const nodeObj = view.get(objectKey({ group: '', resource: 'nodes', namespace: '', name: node })) as unknown as Node | undefined;
    const cidrs = nodeObj?.spec?.podCIDRs ?? (nodeObj?.spec?.podCIDR === undefined ? [] : [nodeObj.spec.podCIDR]);
    if (cidrs.length === 0) continue;
    const pods = (byNode.get(node) ?? []).sort((a, b) => ipv4Number(a.ip) - ipv4Number(b.ip));
    const placeholders: string[] = [];
    for (const p of pods) {
      for (;;) {
        const got = world.podIPs(node, p.key, p.uid, cidrs)[0] ?? '';
        if (got === p.ip) break;
        world.releasePodIPs(node, p.key);
        if (!(ipv4Number(got) < ipv4Number(p.ip))) {
          failed.push(p.key);
          break;
        }
        const hole = `fork-placeholder/${placeholders.length}`;
        world.podIPs(node, hole, hole, cidrs);
        placeholders.push(hole);
      }
    }
    for (const h of placeholders) world.releasePodIPs(node, h);
  }
  return failed;
}
