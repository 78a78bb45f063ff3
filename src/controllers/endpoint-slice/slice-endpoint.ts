/**
 * What the EndpointSlice controller wants for a Service (Kubernetes 1.32,
 * staging/src/k8s.io/endpointslice utils.go): its address types (from
 * `spec.ipFamilies`, else its cluster IP's family, else both for a
 * headless Service), and per address type the matching pods grouped by the
 * ports they serve, each pod as an Endpoint:
 * - addresses: the pod IPs of that family;
 * - conditions: serving = Ready, terminating = deletionTimestamp set,
 *   ready = publishNotReadyAddresses || (serving && !terminating);
 * - targetRef (Pod), nodeName, the node's `topology.kubernetes.io/zone`,
 *   and the pod's hostname when its subdomain names the Service.
 * Pods pass `shouldPodBeInEndpoints` with terminating pods included; pods
 * on a node that does not exist are skipped unless the Service publishes
 * not-ready addresses (and the Service is retried).
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { findPort, isIPv6, isPodReady, podIPs, shouldPodBeInEndpoints, shouldSetHostname } from '../endpoints/pod-endpoint.js';

export type AddressType = 'IPv4' | 'IPv6';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export function addressTypesFor(svc: Service): AddressType[] {
  const fams = (svc.spec?.ipFamilies ?? []).filter((f): f is AddressType => f === 'IPv4' || f === 'IPv6');
  if (fams.length > 0) return [...new Set(fams)].sort();
  const ip = svc.spec?.clusterIP ?? '';
  if (ip !== '' && ip !== 'None') return [isIPv6(ip) ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, type: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata?.deletionTimestamp !== undefined;
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const zone = node?.metadata?.labels?.[ZONE_LABEL] ?? '';
  const nodeName = pod.spec?.nodeName ?? '';
  return {
    addresses: podIPs(pod).filter((ip) => isIPv6(ip) === (type === 'IPv6')),
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname ?? '' } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
    ...(nodeName === '' ? {} : { nodeName }),
    ...(zone === '' ? {} : { zone }),
  };
}

/** The slice ports a pod serves: one per Service port whose target it has; none for a headless Service without ports. */
export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol === undefined ? {} : { appProtocol: sp.appProtocol }) });
  }
  return out;
}

/** Identifies a slice's port set regardless of order (Kubernetes hashes the sorted ports). */
export function portsKey(ports: readonly EndpointPort[] | null | undefined): string {
  return JSON.stringify([...(ports ?? [])].map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? 'TCP', p.appProtocol ?? '']).sort());
}

/** Identifies an endpoint across updates: addresses, hostname and the pod's name (Kubernetes' endpoint hash). */
export function endpointKey(e: Endpoint): string {
  return JSON.stringify([e.addresses, e.hostname ?? '', e.targetRef?.namespace ?? '', e.targetRef?.name ?? '']);
}

export interface PortGroup {
  readonly ports: EndpointPort[];
  readonly endpoints: Endpoint[];
}

export interface DesiredEndpoints {
  /** address type → ports key → group; groups in pod order. */
  readonly byType: ReadonlyMap<AddressType, ReadonlyMap<string, PortGroup>>;
  /** Pods skipped because their node does not exist. */
  readonly missingNodes: number;
}

export function desiredEndpoints(view: StateView, svc: Service, pods: readonly Pod[]): DesiredEndpoints {
  const byType = new Map<AddressType, Map<string, PortGroup>>();
  for (const t of addressTypesFor(svc)) byType.set(t, new Map());
  let missingNodes = 0;
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const nodeName = pod.spec?.nodeName ?? '';
    const node = nodeName === '' ? undefined : (view.get(objectKey({ group: '', resource: 'nodes', namespace: '', name: nodeName })) as Node | undefined);
    // Kubernetes keeps such a pod only when the Service publishes not-ready addresses.
    if (nodeName !== '' && node === undefined && svc.spec?.publishNotReadyAddresses !== true) {
      missingNodes++;
      continue;
    }
    const ports = endpointPorts(svc, pod);
    for (const [type, groups] of byType) {
      const ep = podToEndpoint(pod, node, svc, type);
      if (ep.addresses.length === 0) continue;
      const key = portsKey(ports);
      const g = groups.get(key) ?? { ports, endpoints: [] };
      g.endpoints.push(ep);
      groups.set(key, g);
    }
  }
  return { byType, missingNodes };
}
