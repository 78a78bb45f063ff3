/** Small builders for scheduler tests: nodes and pods as the API takes them. */
import type { Api } from '../../../src/api/index.js';
import type { KubeObject } from '../../../src/model/index.js';

export const NODES = { group: '', version: 'v1', resource: 'nodes' };
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
export const EVENTS = { group: '', version: 'v1', resource: 'events', namespace: 'default' };
export const user = { actor: 'user:alice' };

export interface NodeSpec {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
}

export function node(name: string, s: NodeSpec = {}): KubeObject {
  const allocatable = { cpu: s.cpu ?? '4', memory: s.memory ?? '8Gi', pods: s.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(s.labels ?? {}) } },
    spec: { ...(s.taints === undefined ? {} : { taints: s.taints }), ...(s.unschedulable === true ? { unschedulable: true } : {}) },
    status: { allocatable, capacity: allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

export function pod(name: string, requests: Record<string, string> | undefined = { cpu: '100m', memory: '128Mi' }, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx', ...(requests === undefined ? {} : { resources: { requests } }) }], ...spec },
  };
}

/** Creates a node and sets its status (the API drops status on create, as for every kind with a status subresource). */
export async function addNode(api: Api, name: string, s: NodeSpec = {}): Promise<KubeObject> {
  const n = node(name, s);
  await api.create(NODES, n, user);
  return api.patch({ ...NODES, name, subresource: 'status' }, 'merge', { status: n['status'] }, user);
}
