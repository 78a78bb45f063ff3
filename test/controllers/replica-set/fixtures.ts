/** Shared objects and helpers for the replica controller tests. */
import type { KubeObject } from '../../../src/model/index.js';

export const user = { actor: 'user:alice' };
export const RS = { group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default' } as const;
export const RC = { group: '', version: 'v1', resource: 'replicationcontrollers', namespace: 'default' } as const;
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' } as const;

export function replicaSet(name: string, replicas: number, extra: { minReadySeconds?: number; labels?: Record<string, string> } = {}): KubeObject {
  const labels = extra.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      ...(extra.minReadySeconds === undefined ? {} : { minReadySeconds: extra.minReadySeconds }),
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
}

export function replicationController(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name },
    spec: { replicas, selector: { app: name }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
}

export function pod(name: string, labels: Record<string, string>, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels, ...extra }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}
