/**
 * Test fixtures for the node lifecycle suites: nodes with their Leases,
 * pods bound to them directly, and a stand-in kubelet heartbeat (a tiny
 * controller that renews the Leases of the nodes in `alive` every 10 s, as
 * the kubelet's lease controller does). Everything goes through the API.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import type { ControllerDefinition } from '../../../src/controllers/index.js';
import type { HistoryRecord, KubeObject } from '../../../src/model/index.js';
import type { TestEngine } from '../../runtime/engine.js';
import { testEngine } from '../../runtime/engine.js';

export const user = { actor: 'user:alice' };
export const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' } as const;
export const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease' } as const;
export const EVENTS = { group: '', version: 'v1', resource: 'events', namespace: 'default' } as const;

export interface Cluster extends TestEngine {
  readonly epoch: number;
  /** RFC 3339 of run-clock ms. */
  at(ms: number): string;
  micro(ms: number): string;
  /** Nodes whose Leases the stand-in kubelet renews. */
  readonly alive: Set<string>;
  node(name: string): Node;
  pod(name: string): Pod | undefined;
  taints(name: string): Taint[];
  addNode(name: string, labels?: Record<string, string>): Promise<void>;
  addPod(name: string, nodeName: string, spec?: Partial<Pod['spec']>): Promise<void>;
  setReady(name: string, status: 'True' | 'False'): Promise<void>;
  run(until: number): Promise<void>;
  writes(actor: string): Promise<Extract<HistoryRecord, { type: 'write' }>[]>;
  events(reason: string): KubeObject[];
}

export async function cluster(seed = 7): Promise<Cluster> {
  const e = await testEngine(seed);
  const epoch = e.log.header.epoch;
  const at = (ms: number): string => new Date(epoch + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const micro = (ms: number): string => new Date(epoch + ms).toISOString().replace(/Z$/, '000Z');
  const alive = new Set<string>();
  const c: Cluster = {
    ...e,
    epoch,
    at,
    micro,
    alive,
    node: (name) => e.api.get({ ...NODES, name }) as unknown as Node,
    pod: (name) => e.api.list(PODS).items.find((p) => p.metadata.name === name) as unknown as Pod | undefined,
    taints: (name) => c.node(name).spec?.taints ?? [],
    async addNode(name, labels = {}) {
      const now = e.clock.now();
      await e.api.create(NODES, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } }, user);
      await e.api.update({ ...NODES, name, subresource: 'status' }, { ...e.api.get({ ...NODES, name }), status: { conditions: readyConditions('True', at(now)) } }, user);
      await e.api.create(LEASES, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: micro(now) } }, user);
      alive.add(name);
    },
    async addPod(name, nodeName, spec = {}) {
      const now = at(e.clock.now());
      await e.api.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }], ...spec } }, user);
      await e.api.patch({ ...PODS, name, subresource: 'status' }, 'strategic', {
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] },
      }, user);
    },
    async setReady(name, status) {
      const now = at(e.clock.now());
      const node = e.api.get({ ...NODES, name });
      await e.api.update({ ...NODES, name, subresource: 'status' }, { ...node, status: { conditions: readyConditions(status, now) } }, user);
    },
    async run(until) {
      await e.scheduler.run(until);
    },
    async writes(actor) {
      const out: Extract<HistoryRecord, { type: 'write' }>[] = [];
      for await (const r of e.log.read()) if (r.type === 'write' && r.actor === actor) out.push(r);
      return out;
    },
    events: (reason) => e.api.list(EVENTS).items.filter((x) => x['reason'] === reason),
  };
  return c;
}

function readyConditions(ready: 'True' | 'False', now: string): object[] {
  const cond = (type: string, status: string, reason: string) => ({ type, status, reason, message: reason, lastHeartbeatTime: now, lastTransitionTime: now });
  return [
    cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
    cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
    cond('PIDPressure', 'False', 'KubeletHasSufficientPID'),
    cond('Ready', ready, ready === 'True' ? 'KubeletReady' : 'KubeletNotReady'),
  ];
}

/** The stand-in kubelet heartbeat: renews the Lease of every node in `alive` every 10 s (the kubelet's renew interval). */
export function leaseRenewer(c: Pick<Cluster, 'alive' | 'micro'>): ControllerDefinition {
  return {
    name: 'test-lease-renewer',
    actor: 'node:renewer',
    for: { group: 'coordination.k8s.io', kind: 'Lease' },
    predicates: [(ch) => ch.type !== 'MODIFIED'],
    reconcile(key, view, ctx) {
      const lease = view.get(key);
      const name = lease?.metadata.name ?? '';
      if (lease === undefined || !c.alive.has(name)) return { commands: [] };
      return {
        commands: [{ type: 'patch', ref: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'kube-node-lease', name }, patchType: 'merge', patch: { spec: { renewTime: c.micro(ctx.now) } } }],
        requeueAfterMs: 10_000,
      };
    },
  };
}
