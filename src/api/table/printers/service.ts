/**
 * Services (TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR), Endpoints
 * (the first three `ip:port` pairs, then "+ N more...") and EndpointSlices.
 * Tables are generated wide on the server, so load-balancer addresses are
 * never clipped.
 */
import type { EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Endpoints, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import { AGE_COLUMN, NAME_COLUMN, column, wide } from '../columns.js';
import { formatLabels, listWithMore, loadBalancerIngress } from '../cells.js';
import { since } from '../human-duration.js';
import { printer } from '../printer.js';

function externalIP(svc: Service): string {
  const ips = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return ips.length > 0 ? ips.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(svc.status?.loadBalancer?.ingress);
      if (ips.length > 0) return [...(lb === '' ? [] : lb.split(',')), ...ips].join(',');
      return lb !== '' ? lb : '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

const portString = (p: ServicePort): string =>
  p.nodePort !== undefined && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`;

export const servicePrinter = printer<Service>(
  [
    NAME_COLUMN,
    column('Type', 'string', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'string', 'The first cluster IP of the service.'),
    column('External-IP', 'string', 'Addresses reachable from outside the cluster.'),
    column('Port(s)', 'string', 'Service ports, with the node port when there is one.'),
    AGE_COLUMN,
    wide('Selector', 'string', 'The labels of the pods the service sends traffic to.'),
  ],
  (svc, now) => {
    const ports = (svc.spec?.ports ?? []).map(portString).join(',');
    return [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] ?? '<none>',
      externalIP(svc),
      ports === '' ? '<none>' : ports,
      since(svc.metadata?.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ];
  },
);

/** `net.JoinHostPort`: brackets around IPv6 hosts. */
const hostPort = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** The first three endpoints and how many more there are; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    // Headless services may list addresses without ports.
    const pairs = (ss.ports ?? []).length === 0 ? [undefined] : (ss.ports ?? []);
    for (const port of pairs) {
      count += addrs.length;
      for (const a of addrs) {
        if (shown.length === 3) break;
        shown.push(port === undefined ? a.ip : hostPort(a.ip, port.port));
      }
    }
  }
  return count > 3 ? `${shown.join(',')} + ${count - 3} more...` : shown.join(',');
}

export const endpointsPrinter = printer<Endpoints>(
  [NAME_COLUMN, column('Endpoints', 'string', 'Ready addresses and ports behind the service.'), AGE_COLUMN],
  (ep, now) => [ep.metadata?.name ?? '', formatEndpoints(ep), since(ep.metadata?.creationTimestamp, now)],
);

const slicePort = (p: EndpointPort): string => (p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : '*');

export const endpointSlicePrinter = printer<EndpointSlice>(
  [
    NAME_COLUMN,
    column('AddressType', 'string', 'The address family: IPv4, IPv6 or FQDN.'),
    column('Ports', 'string', 'The ports of the slice.'),
    column('Endpoints', 'string', 'The addresses of the slice.'),
    AGE_COLUMN,
  ],
  (s, now) => [
    s.metadata?.name ?? '',
    s.addressType,
    listWithMore((s.ports ?? []).map(slicePort)),
    listWithMore((s.endpoints ?? []).flatMap((e) => e.addresses)),
    since(s.metadata?.creationTimestamp, now),
  ],
);
