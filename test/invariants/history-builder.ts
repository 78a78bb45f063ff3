/** Folds hand-made writes (whole objects at chosen times) into a memory store, for invariant tests. */
import type { KubeObject, WriteRecord } from '../../src/model/index.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';

export const EPOCH = Date.UTC(2026, 0, 1);
export const iso = (ms: number): string => new Date(EPOCH + ms).toISOString().replace('.000Z', 'Z');

const PLURAL: Record<string, string> = { Pod: 'pods', Node: 'nodes', ReplicaSet: 'replicasets', Deployment: 'deployments', StatefulSet: 'statefulsets', Lease: 'leases', ConfigMap: 'configmaps' };

export function keyOf(o: KubeObject): string {
  const slash = o.apiVersion.indexOf('/');
  const group = slash < 0 ? 'core' : o.apiVersion.slice(0, slash);
  return `${group}/${PLURAL[o.kind] ?? '?'}/${o.metadata.namespace ?? '_'}/${o.metadata.name ?? ''}`;
}

export class HistoryBuilder {
  readonly store: Store = createStore();
  time = 0;

  put(o: KubeObject, actor = 'user:test'): number {
    return this.write(keyOf(o), { op: 'put', object: o }, actor, 'update');
  }

  remove(key: string, actor = 'user:test'): number {
    return this.write(key, { op: 'remove' }, actor, 'delete');
  }

  at(time: number): this {
    this.time = time;
    return this;
  }

  private write(key: string, change: WriteRecord['change'], actor: string, verb: WriteRecord['verb']): number {
    const rev = this.store.rev + 1;
    const prev = this.store.versions(key);
    this.store.fold({ type: 'write', rev, time: this.time, actor, cause: [], observedRev: rev - 1, verb, key, prevRev: prev[prev.length - 1] ?? 0, change });
    return rev;
  }
}

let uid = 0;
export const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
  name,
  uid: `uid-${name}-${++uid}`,
  ...(namespace === undefined ? {} : { namespace }),
  ...extra,
});

export function replicaSet(name: string, replicas: number | undefined, ready: number, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default', uid: `rs-${name}`, ...extra }, spec: replicas === undefined ? {} : { replicas }, status: { replicas: ready, readyReplicas: ready } };
}

export function node(name: string, ready: 'True' | 'False' | 'Unknown', since: number, taints: unknown[] = []): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `node-${name}` },
    spec: taints.length === 0 ? {} : { taints },
    status: { conditions: [{ type: 'Ready', status: ready, lastTransitionTime: iso(since) }] },
  };
}

export function podOn(name: string, nodeName: string, extra: { tolerations?: unknown[]; deleting?: boolean; phase?: string; owner?: { kind: string; name: string; uid: string }; ready?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `pod-${name}`,
      ...(extra.deleting === true ? { deletionTimestamp: iso(0) } : {}),
      ...(extra.owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', ...extra.owner, controller: true }] }),
    },
    spec: { nodeName, containers: [{ name: 'c', image: 'i' }], ...(extra.tolerations === undefined ? {} : { tolerations: extra.tolerations }) },
    status: { phase: extra.phase ?? 'Running', conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True', lastTransitionTime: iso(0) }] },
  };
}

export function lease(name: string, renew: number): KubeObject {
  return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease', uid: `lease-${name}` }, spec: { renewTime: iso(renew) } };
}
