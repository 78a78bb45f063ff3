/** Objects and helpers shared by the disruption tests: owners, pods in a chosen state, budgets. */
import type { Api } from '../../../src/api/index.js';
import type { KubeObject, OwnerReference } from '../../../src/model/index.js';

export const user = { actor: 'user:alice' };
export const EPOCH = Date.UTC(2026, 0, 1);
export const stamp = (ms: number): string => new Date(EPOCH + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' } as const;
export const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespace: 'default' } as const;
export const RS = { group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default' } as const;
export const DEPLOY = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' } as const;
export const DS = { group: 'apps', version: 'v1', resource: 'daemonsets', namespace: 'default' } as const;

const template = (labels: Record<string, string>) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

export const ownerRef = (o: KubeObject): OwnerReference => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name ?? '',
  uid: o.metadata.uid ?? '',
  controller: true,
  blockOwnerDeletion: true,
});

export function replicaSet(api: Api, name: string, replicas: number, owner?: KubeObject): Promise<KubeObject> {
  return api.create(
    RS,
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, ...(owner === undefined ? {} : { ownerReferences: [ownerRef(owner)] }) },
      spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
    },
    user,
  );
}

export function deploymentObj(api: Api, name: string, replicas: number): Promise<KubeObject> {
  return api.create(
    DEPLOY,
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) } },
    user,
  );
}

export function daemonSet(api: Api, name: string): Promise<KubeObject> {
  return api.create(
    DS,
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name }, spec: { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) } },
    user,
  );
}

export interface PodOptions {
  readonly owner?: KubeObject;
  readonly ready?: boolean;
  readonly phase?: string;
  readonly node?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly volumes?: unknown[];
}

/** A pod with the given owner, bound to `node` (default node-1), Running and Ready unless told otherwise. */
export async function pod(api: Api, name: string, o: PodOptions = {}): Promise<KubeObject> {
  await api.create(
    PODS,
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        labels: o.labels ?? { app: 'web' },
        ...(o.annotations === undefined ? {} : { annotations: o.annotations }),
        ...(o.owner === undefined ? {} : { ownerReferences: [ownerRef(o.owner)] }),
      },
      spec: { nodeName: o.node ?? 'node-1', containers: [{ name: 'c', image: 'nginx' }], ...(o.volumes === undefined ? {} : { volumes: o.volumes }) },
    },
    user,
  );
  const ready = o.ready ?? true;
  return api.patch(
    { ...PODS, name, subresource: 'status' },
    'merge',
    { status: { phase: o.phase ?? 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: stamp(0) }] } },
    user,
  );
}

export function budget(api: Api, name: string, spec: Record<string, unknown>): Promise<KubeObject> {
  return api.create(PDBS, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } }, user);
}

export const pdbStatus = (api: Api, name: string): Record<string, unknown> => (api.get({ ...PDBS, name })['status'] ?? {}) as Record<string, unknown>;
