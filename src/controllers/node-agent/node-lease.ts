/**
 * The node's Lease in kube-node-lease (kubelet 1.32 pkg/kubelet and
 * component-helpers' lease controller): named after the node, held by it,
 * leaseDurationSeconds 40 (nodeLeaseDurationSeconds), owned by the Node so
 * it goes when the Node goes, renewed every 40 s × 0.25 = 10 s.
 */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import { microStamp } from './times.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_DURATION_SECONDS = 40;
/** renewIntervalFraction 0.25 of the lease duration. */
export const LEASE_RENEW_INTERVAL_MS = (LEASE_DURATION_SECONDS * 1000) / 4;

export function leaseKey(node: string): string {
  return objectKey({ group: 'coordination.k8s.io', resource: 'leases', namespace: NODE_LEASE_NAMESPACE, name: node });
}

export function newLease(node: KubeObject, epoch: number, now: number): KubeObject {
  const name = node.metadata.name ?? '';
  const lease: Lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: microStamp(epoch, now) },
  };
  return lease as unknown as KubeObject;
}

export function renewed(lease: KubeObject, epoch: number, now: number): KubeObject {
  const spec = (lease as unknown as Lease).spec ?? {};
  return { ...lease, spec: { ...spec, renewTime: microStamp(epoch, now) } } as KubeObject;
}
