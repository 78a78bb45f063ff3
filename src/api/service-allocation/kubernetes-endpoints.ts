/**
 * The Endpoints and EndpointSlice of the `kubernetes` Service, which
 * kube-apiserver's endpoint reconciler (pkg/controlplane/reconcilers, the
 * lease reconciler by default) keeps in `default` — the Service has no
 * selector, so neither the Endpoints nor the EndpointSlice controller
 * touches them:
 *
 * - Endpoints `kubernetes`: one subset, the API server's advertise address
 *   and port `https` 6443/TCP, labelled
 *   `endpointslice.kubernetes.io/skip-mirror: "true"` (the mirroring
 *   controller leaves it alone);
 * - EndpointSlice `kubernetes`: labelled only
 *   `kubernetes.io/service-name: kubernetes` (no managed-by label: the
 *   EndpointSlice controller does not own it), addressType IPv4 (IPv6 for
 *   an IPv6 address), one ready endpoint, the same port.
 *
 * The advertise address: kube-apiserver refuses a loopback address in
 * Endpoints, so chronokube's API server — which `up` binds to 127.0.0.1 —
 * advertises a fixed one, 172.18.0.2: what a kind cluster's control-plane
 * container usually gets on kind's docker network, next to the simulated
 * nodes' 172.18.0.(N + 2) (node-1 is 172.18.0.3).
 *
 * @example
 * await reconcileKubernetesEndpoints(writer, DEFAULT_ADVERTISE_ADDRESS); // from Api.bootstrap
 */
import type { KubeObject } from '../../model/index.js';
import { deepEqual } from '../../model/index.js';
import { APISERVER_SECURE_PORT, KUBERNETES_SERVICE_NAME } from './kubernetes-service.js';

/** The address chronokube's API server advertises (see the file's comment). */
export const DEFAULT_ADVERTISE_ADDRESS = '172.18.0.2';
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';

const ENDPOINTS_LABELS = { [SKIP_MIRROR_LABEL]: 'true' };
const SLICE_LABELS = { 'kubernetes.io/service-name': KUBERNETES_SERVICE_NAME };

export function kubernetesEndpoints(address: string, securePort = APISERVER_SECURE_PORT): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: KUBERNETES_SERVICE_NAME, namespace: 'default', labels: { ...ENDPOINTS_LABELS } },
    subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port: securePort, protocol: 'TCP' }] }],
  };
}

export function kubernetesEndpointSlice(address: string, securePort = APISERVER_SECURE_PORT): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: KUBERNETES_SERVICE_NAME, namespace: 'default', labels: { ...SLICE_LABELS } },
    addressType: address.includes(':') ? 'IPv6' : 'IPv4',
    endpoints: [{ addresses: [address], conditions: { ready: true } }],
    ports: [{ name: 'https', port: securePort, protocol: 'TCP' }],
  };
}

/** The reads and writes the reconciler needs (the Api's, as the bootstrap actor). */
export interface EndpointsWriter {
  get(resource: 'endpoints' | 'endpointslices'): KubeObject | undefined;
  create(resource: 'endpoints' | 'endpointslices', body: KubeObject): Promise<unknown>;
  update(resource: 'endpoints' | 'endpointslices', body: KubeObject): Promise<unknown>;
}

/**
 * Creates both objects when missing and resets them when their addresses,
 * ports or labels differ (the reconciler's "Resetting endpoints for master
 * service"); writes nothing when they are right.
 */
export async function reconcileKubernetesEndpoints(w: EndpointsWriter, address: string, securePort = APISERVER_SECURE_PORT): Promise<void> {
  const want = kubernetesEndpoints(address, securePort);
  const ep = w.get('endpoints');
  if (ep === undefined) await w.create('endpoints', want);
  else if (!deepEqual(ep['subsets'], want['subsets']) || !deepEqual(ep.metadata.labels, want.metadata.labels)) {
    await w.update('endpoints', { ...ep, metadata: { ...ep.metadata, labels: { ...ENDPOINTS_LABELS } }, subsets: want['subsets'] });
  }
  const slice = kubernetesEndpointSlice(address, securePort);
  const current = w.get('endpointslices');
  if (current === undefined) await w.create('endpointslices', slice);
  else if (
    !deepEqual(current['endpoints'], slice['endpoints']) ||
    !deepEqual(current['ports'], slice['ports']) ||
    !deepEqual(current.metadata.labels, slice.metadata.labels) ||
    current['addressType'] !== slice['addressType']
  ) {
    await w.update('endpointslices', { ...current, metadata: { ...current.metadata, labels: { ...SLICE_LABELS } }, addressType: slice['addressType'], endpoints: slice['endpoints'], ports: slice['ports'] });
  }
}
