/**
 * The `kubernetes` Service in `default`, which kube-apiserver creates at
 * start (its kubernetesservice bootstrap controller): a selector-less
 * ClusterIP Service holding the first address of the primary service CIDR
 * (10.96.0.1 for 10.96.0.0/12), port `https` 443/TCP to the API server's
 * secure port 6443, labelled `component: apiserver`, `provider: kubernetes`.
 * The allocator never hands that first address out dynamically, so it is
 * free when the Service is created.
 *
 * @example
 * const body = kubernetesServiceFor(api.deps.admission);
 * if (body !== undefined) await api.create({ group: '', version: 'v1', resource: 'services', namespace: 'default' }, body, ctx);
 */
import type { KubeObject } from '../../model/index.js';
import type { AdmissionPlugin } from '../admission/admission-plugin.js';
import type { ServiceAddressAllocation } from './service-address-allocation.js';
import { parseIpRange } from './ip-range.js';

export const KUBERNETES_SERVICE_NAME = 'kubernetes';
/** kube-apiserver's default `--secure-port`. */
export const APISERVER_SECURE_PORT = 6443;

/** The Service's body for a primary service CIDR. */
export function kubernetesService(primaryServiceCIDR: string, securePort = APISERVER_SECURE_PORT): KubeObject {
  const ip = parseIpRange(primaryServiceCIDR).ipAt(0);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: KUBERNETES_SERVICE_NAME, namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: ip,
      clusterIPs: [ip],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: securePort }],
    },
  };
}

/** The Service's body for the CIDR of the allocation plugin in `plugins`; undefined when the chain allocates no addresses. */
export function kubernetesServiceFor(plugins: readonly AdmissionPlugin[], securePort = APISERVER_SECURE_PORT): KubeObject | undefined {
  const alloc = plugins.find((p): p is ServiceAddressAllocation => p.name === 'ServiceAddressAllocation' && 'ranges' in p);
  const primary = alloc?.ranges[0];
  return primary === undefined ? undefined : kubernetesService(primary.cidr, securePort);
}
