/**
 * What kube-proxy knows of a Service port (Kubernetes 1.32, pkg/proxy
 * endpointslicecache.go and topology.go CategorizeEndpoints), read from the
 * state like a proxy's informers would:
 * - the Service by cluster IP or by namespace/name, and the Service port by
 *   number and protocol;
 * - its endpoints from every EndpointSlice labelled
 *   `kubernetes.io/service-name` of the right address family, the slice
 *   port matched to the Service port by name and protocol (as the proxy
 *   does), duplicates (same IP and port) merged;
 * - the usable ones: ready endpoints; when none is ready, the serving
 *   terminating ones (ProxyTerminatingEndpoints, GA in 1.28).
 * Everything here is a pure function of a `StateView`.
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** One endpoint as the proxy sees it. */
export interface Backend {
  readonly ip: string;
  readonly port: number;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /** The pod behind it (targetRef), when the slice names one. */
  readonly pod?: { readonly namespace: string; readonly name: string; readonly uid?: string };
  readonly nodeName?: string;
  readonly zone?: string;
}

export const isV6 = (ip: string): boolean => ip.includes(':');

export function serviceByName(view: StateView, namespace: string, name: string): Service | undefined {
  return view.get(objectKey({ group: '', resource: 'services', namespace, name })) as unknown as Service | undefined;
}

/** The Service whose cluster IPs include `ip` (the first by key, should two claim it). */
export function serviceByClusterIP(view: StateView, ip: string): Service | undefined {
  const found = view.list({ group: '', resource: 'services' }, (o: KubeObject) => {
    const spec = (o as unknown as Service).spec;
    return (spec?.clusterIPs ?? (spec?.clusterIP === undefined ? [] : [spec.clusterIP])).includes(ip);
  });
  return found[0] as unknown as Service | undefined;
}

export function findServicePort(svc: Service, port: number, protocol: Protocol = 'TCP'): ServicePort | undefined {
  return (svc.spec?.ports ?? []).find((p) => p.port === port && (p.protocol ?? 'TCP') === protocol);
}

/** The Service's primary family: its first ipFamily, else its cluster IP's, else IPv4. */
export function primaryFamily(svc: Service): 'IPv4' | 'IPv6' {
  const f = svc.spec?.ipFamilies?.[0];
  if (f === 'IPv4' || f === 'IPv6') return f;
  return isV6(svc.spec?.clusterIP ?? '') ? 'IPv6' : 'IPv4';
}

/** Every endpoint the Service's slices list for one Service port and family, deduplicated, sorted by IP. */
export function sliceBackends(view: StateView, svc: Service, sp: ServicePort, family: 'IPv4' | 'IPv6'): Backend[] {
  const ns = svc.metadata?.namespace ?? '';
  const name = svc.metadata?.name ?? '';
  const slices = view.byLabel({ group: 'discovery.k8s.io', resource: 'endpointslices', namespace: ns }, SERVICE_NAME_LABEL, name) as unknown as EndpointSlice[];
  const seen = new Map<string, Backend>();
  for (const s of slices) {
    if (s.addressType !== family) continue;
    const port = (s.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? '') && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
    if (port?.port === undefined) continue;
    for (const e of s.endpoints ?? []) {
      const ip = e.addresses[0];
      if (ip === undefined) continue;
      const key = `${ip}:${port.port}`;
      if (seen.has(key)) continue;
      const t = e.targetRef;
      seen.set(key, {
        ip,
        port: port.port,
        // Absent conditions mean ready and serving (discovery/v1 semantics); terminating defaults to false.
        ready: e.conditions?.ready ?? true,
        serving: e.conditions?.serving ?? e.conditions?.ready ?? true,
        terminating: e.conditions?.terminating ?? false,
        ...(t?.kind === 'Pod' && t.name !== undefined ? { pod: { namespace: t.namespace ?? ns, name: t.name, ...(t.uid === undefined ? {} : { uid: t.uid }) } } : {}),
        ...(e.nodeName === undefined ? {} : { nodeName: e.nodeName }),
        ...(e.zone === undefined ? {} : { zone: e.zone }),
      });
    }
  }
  return [...seen.values()].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port));
}

/** The endpoints traffic may go to: the ready ones, else the serving terminating ones. */
export function usableBackends(all: readonly Backend[]): Backend[] {
  const ready = all.filter((b) => b.ready);
  return ready.length > 0 ? ready : all.filter((b) => b.serving && b.terminating);
}
