/**
 * The Endpoints a Service with a selector should have (Kubernetes 1.32,
 * pkg/controller/endpoint syncService), as a pure function of the Service
 * and the pods its selector matches:
 * - pods pass `shouldPodBeInEndpoints` (terminating pods only with
 *   publishNotReadyAddresses); the address is the pod IP of the Service's
 *   first IP family (a pod without one is skipped), with nodeName and a Pod
 *   targetRef, and the pod's hostname when its subdomain names the Service;
 * - one (address, port) pair per Service port whose target the pod has
 *   (`findPort`); a headless Service without ports lists bare addresses;
 * - ready (Ready condition, or publishNotReadyAddresses) → `addresses`,
 *   otherwise `notReadyAddresses`; then repacked (repack-subsets.ts);
 * - more than 1000 addresses are truncated, ready ones kept first, and the
 *   object is annotated `endpoints.kubernetes.io/over-capacity: truncated`.
 */
import type { EndpointAddress, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { AddressForPort } from './repack-subsets.js';
import { repackSubsets } from './repack-subsets.js';
import { findPort, isIPv6, isPodReady, podIPs, shouldPodBeInEndpoints, shouldSetHostname } from './pod-endpoint.js';

export const MAX_ENDPOINTS_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

/** The IP family the Endpoints use: the Service's first, else its cluster IP's, else the pod IP's. */
function wantsIPv6(svc: Service, pod: Pod): boolean {
  const fam = svc.spec?.ipFamilies?.[0];
  if (fam !== undefined) return fam === 'IPv6';
  const ip = svc.spec?.clusterIP ?? '';
  if (ip !== '' && ip !== 'None') return isIPv6(ip);
  return isIPv6(pod.status?.podIP ?? '');
}

export function podAddress(svc: Service, pod: Pod): EndpointAddress | undefined {
  const v6 = wantsIPv6(svc, pod);
  const ip = podIPs(pod).find((x) => isIPv6(x) === v6);
  if (ip === undefined) return undefined;
  return {
    ip,
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname ?? '' } : {}),
    nodeName: pod.spec?.nodeName ?? '',
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
  };
}

export interface DesiredSubsets {
  readonly subsets: EndpointSubset[];
  readonly truncated: boolean;
}

export function desiredSubsets(svc: Service, pods: readonly Pod[]): DesiredSubsets {
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const pairs: AddressForPort[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publish)) continue;
    const address = podAddress(svc, pod);
    if (address === undefined) continue;
    const ready = publish || isPodReady(pod);
    const ports = svc.spec?.ports ?? [];
    if (ports.length === 0) {
      if (svc.spec?.clusterIP === 'None') pairs.push({ address, port: undefined, ready });
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      pairs.push({
        address,
        port: { ...(sp.name === undefined ? {} : { name: sp.name }), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol === undefined ? {} : { appProtocol: sp.appProtocol }) },
        ready,
      });
    }
  }
  return truncate(repackSubsets(pairs));
}

/** Kubernetes' truncateEndpoints: at most 1000 addresses, spread over subsets in proportion, ready ones first. */
function truncate(subsets: EndpointSubset[]): DesiredSubsets {
  const totalReady = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  const totalNotReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return { subsets, truncated: false };
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  const out = subsets.map((s) => {
    const inSubset = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const toAdd = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      const addresses = (s.addresses ?? []).slice(0, toAdd);
      canBeAdded -= addresses.length;
      const { notReadyAddresses: _drop, ...rest } = s;
      return { ...rest, ...(addresses.length === 0 ? {} : { addresses }) };
    }
    const notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toAdd);
    canBeAdded -= notReadyAddresses.length;
    const { notReadyAddresses: _old, ...rest } = s;
    return { ...rest, ...(notReadyAddresses.length === 0 ? {} : { notReadyAddresses }) };
  });
  return { subsets: out, truncated: true };
}
