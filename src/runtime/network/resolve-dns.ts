/**
 * Cluster DNS answers as CoreDNS's kubernetes plugin gives them with the
 * kubeadm Corefile (`kubernetes cluster.local … { pods insecure; ttl 30 }`),
 * read from the state (Services and their EndpointSlices):
 * - `SVC.NS.svc.ZONE` A/AAAA: the cluster IPs of that family; a headless
 *   Service: the ready endpoint addresses; ExternalName: a CNAME;
 * - `_PORT._PROTO.SVC.NS.svc.ZONE` SRV for a named port: a ClusterIP
 *   Service answers priority 0, weight 100, the Service port, target the
 *   Service name; a headless one one record per ready endpoint with its
 *   port and target `HOST.SVC.NS.svc.ZONE`, weights ⌊100/n⌋;
 * - `HOST.SVC.NS.svc.ZONE` A/AAAA: one endpoint of a headless Service, HOST
 *   being its hostname (StatefulSet pods: `spec.hostname` + `subdomain`) or
 *   its IP with dashes;
 * - `A-B-C-D.NS.pod.ZONE` A: the IP in the name (`pods insecure`);
 * - a name that does not exist: NXDOMAIN; a name that exists without
 *   records of that type: NOERROR with no answers; a headless Service with
 *   no ready endpoint: NXDOMAIN. Names outside the zone are forwarded
 *   upstream by CoreDNS, which is not simulated (SERVFAIL here).
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { Backend } from './service-backends.js';
import { isV6, serviceByName, sliceBackends } from './service-backends.js';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_TTL_SECONDS = 30;

export type DnsType = 'A' | 'AAAA' | 'SRV';

export type DnsRecord =
  | { readonly name: string; readonly type: 'A' | 'AAAA'; readonly ttl: number; readonly address: string }
  | { readonly name: string; readonly type: 'CNAME'; readonly ttl: number; readonly target: string }
  | { readonly name: string; readonly type: 'SRV'; readonly ttl: number; readonly priority: number; readonly weight: number; readonly port: number; readonly target: string };

export interface DnsAnswer {
  readonly rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  readonly answers: readonly DnsRecord[];
  /** Why, in words, for an empty answer. */
  readonly note?: string;
}

const nx = (note: string): DnsAnswer => ({ rcode: 'NXDOMAIN', answers: [], note });
const nodata = (note: string): DnsAnswer => ({ rcode: 'NOERROR', answers: [], note });

/** CoreDNS's endpoint hostname: the endpoint's hostname, else its IP with dashes. */
export function endpointHostname(ip: string, hostname: string | undefined): string {
  if (hostname !== undefined && hostname !== '') return hostname;
  if (ip.includes('.')) return ip.replaceAll('.', '-');
  const h = ip.replaceAll(':', '-');
  return h.endsWith('-') ? `${h}0` : h;
}

interface HeadlessEndpoint {
  readonly ip: string;
  readonly host: string;
  readonly port?: { readonly name: string; readonly port: number; readonly protocol: string };
}

/** Ready endpoints of a headless Service, from its slices (every port, and the bare addresses). */
function headlessEndpoints(view: StateView, svc: Service): HeadlessEndpoint[] {
  const out: HeadlessEndpoint[] = [];
  const ports = svc.spec?.ports ?? [];
  const hostnames = slicesHostnames(view, svc);
  const fams = ['IPv4', 'IPv6'] as const;
  for (const fam of fams) {
    const each = (b: Backend, port?: HeadlessEndpoint['port']): void => {
      if (!b.ready) return;
      out.push({ ip: b.ip, host: endpointHostname(b.ip, hostnames.get(b.ip)), ...(port === undefined ? {} : { port }) });
    };
    if (ports.length === 0) {
      for (const [ip, ready] of portlessAddresses(view, svc, fam)) if (ready) out.push({ ip, host: endpointHostname(ip, hostnames.get(ip)) });
    }
    for (const sp of ports) {
      for (const b of sliceBackends(view, svc, sp, fam)) each(b, { name: sp.name ?? '', port: b.port, protocol: sp.protocol ?? 'TCP' });
    }
  }
  return out;
}

type Slice = { addressType?: string; endpoints?: { addresses: string[]; hostname?: string; conditions?: { ready?: boolean } }[]; ports?: unknown[] };

function slicesOf(view: StateView, svc: Service): Slice[] {
  return view.byLabel({ group: 'discovery.k8s.io', resource: 'endpointslices', namespace: svc.metadata?.namespace ?? '' }, 'kubernetes.io/service-name', svc.metadata?.name ?? '') as unknown as Slice[];
}

function slicesHostnames(view: StateView, svc: Service): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of slicesOf(view, svc)) for (const e of s.endpoints ?? []) if (e.hostname !== undefined) for (const a of e.addresses) m.set(a, e.hostname);
  return m;
}

function portlessAddresses(view: StateView, svc: Service, fam: 'IPv4' | 'IPv6'): Map<string, boolean> {
  const m = new Map<string, boolean>();
  for (const s of slicesOf(view, svc)) {
    if (s.addressType !== fam) continue;
    for (const e of s.endpoints ?? []) for (const a of e.addresses.slice(0, 1)) m.set(a, (m.get(a) ?? false) || (e.conditions?.ready ?? true));
  }
  return new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function addressRecords(name: string, type: 'A' | 'AAAA', ips: readonly string[]): DnsRecord[] {
  const want = type === 'AAAA';
  return [...new Set(ips.filter((ip) => isV6(ip) === want))].map((address) => ({ name, type, ttl: DNS_TTL_SECONDS, address }));
}

function answerOf(records: DnsRecord[], note: string): DnsAnswer {
  return records.length > 0 ? { rcode: 'NOERROR', answers: records } : nodata(note);
}

export interface DnsOptions {
  /** The cluster domain; default `cluster.local`. */
  readonly zone?: string;
}

export function resolveDns(view: StateView, query: string, type: DnsType, opts: DnsOptions = {}): DnsAnswer {
  const zone = (opts.zone ?? CLUSTER_DOMAIN).toLowerCase();
  const name = query.toLowerCase().replace(/\.$/, '');
  if (name !== zone && !name.endsWith(`.${zone}`)) return { rcode: 'SERVFAIL', answers: [], note: `${name} is outside ${zone}: CoreDNS forwards it upstream (not simulated)` };
  const labels = name === zone ? [] : name.slice(0, -(zone.length + 1)).split('.');
  const kind = labels.at(-1);
  if (kind === 'pod') return podRecord(view, name, labels, type);
  if (kind !== 'svc') return nx(`${name} is neither a service (…svc.${zone}) nor a pod (…pod.${zone}) name`);
  const [ns, svcName, ...rest] = labels.slice(0, -1).reverse();
  if (ns === undefined) return nodata(`svc.${zone} has no records of its own`);
  if (view.get(objectKey({ group: '', resource: 'namespaces', namespace: '', name: ns })) === undefined) return nx(`namespace ${ns} does not exist`);
  if (svcName === undefined) return nodata(`${name} is a namespace, not a service`);
  const svc = serviceByName(view, ns, svcName);
  if (svc === undefined) return nx(`service ${ns}/${svcName} does not exist`);
  const fqdn = `${svcName}.${ns}.svc.${zone}`;
  const headless = svc.spec?.clusterIP === 'None';
  if (svc.spec?.type === 'ExternalName') {
    if (rest.length > 0) return nx(`${name} is under an ExternalName service`);
    return { rcode: 'NOERROR', answers: [{ name, type: 'CNAME', ttl: DNS_TTL_SECONDS, target: (svc.spec.externalName ?? '').replace(/\.$/, '') }] };
  }
  const eps = headless ? headlessEndpoints(view, svc) : [];
  if (rest.length === 0) {
    if (headless) {
      if (eps.length === 0) return nx(`headless service ${ns}/${svcName} has no ready endpoints`);
      if (type === 'SRV') return answerOf(srvHeadless(name, eps, fqdn), `no ports`);
      return answerOf(addressRecords(name, type, eps.map((e) => e.ip)), `no ${type} records`);
    }
    if (type === 'SRV') {
      const ports = svc.spec?.ports ?? [];
      return answerOf(ports.map((p) => ({ name, type: 'SRV', ttl: DNS_TTL_SECONDS, priority: 0, weight: Math.floor(100 / ports.length), port: p.port, target: fqdn })), 'no ports');
    }
    const ips = svc.spec?.clusterIPs ?? (svc.spec?.clusterIP === undefined ? [] : [svc.spec.clusterIP]);
    return answerOf(addressRecords(name, type, ips), `service ${ns}/${svcName} has no ${type === 'A' ? 'IPv4' : 'IPv6'} cluster IP`);
  }
  if (rest.length === 2 && rest[0]?.startsWith('_') === true && rest[1]?.startsWith('_') === true) {
    const proto = rest[0].slice(1).toUpperCase();
    const portName = rest[1].slice(1);
    const sp = (svc.spec?.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === proto);
    if (sp === undefined) return nx(`service ${ns}/${svcName} has no port named ${portName} over ${proto}`);
    if (type !== 'SRV') {
      const ips = headless ? eps.filter((e) => e.port?.name === portName).map((e) => e.ip) : (svc.spec?.clusterIPs ?? []);
      return answerOf(addressRecords(name, type, ips), `no ${type} records`);
    }
    if (!headless) return { rcode: 'NOERROR', answers: [{ name, type: 'SRV', ttl: DNS_TTL_SECONDS, priority: 0, weight: 100, port: sp.port, target: fqdn }] };
    const mine = eps.filter((e) => e.port?.name === portName && e.port.protocol === proto);
    if (mine.length === 0) return nx(`headless service ${ns}/${svcName} has no ready endpoints for port ${portName}`);
    return answerOf(srvHeadless(name, mine, fqdn), 'no endpoints');
  }
  if (rest.length === 1 && headless) {
    const host = rest[0] ?? '';
    const mine = eps.filter((e) => e.host === host);
    if (mine.length === 0) return nx(`no ready endpoint of headless service ${ns}/${svcName} is named ${host}`);
    if (type === 'SRV') return answerOf(srvHeadless(name, mine, fqdn), 'no ports');
    return answerOf(addressRecords(name, type, mine.map((e) => e.ip)), `endpoint ${host} has no ${type} address`);
  }
  return nx(`${name} names nothing under service ${ns}/${svcName}`);
}

function srvHeadless(name: string, eps: readonly HeadlessEndpoint[], fqdn: string): DnsRecord[] {
  const seen = new Set<string>();
  const uniq = eps.filter((e) => {
    const k = `${e.host}:${e.port?.port ?? 0}`;
    if (seen.has(k) || e.port === undefined) return false;
    seen.add(k);
    return true;
  });
  return uniq.map((e) => ({ name, type: 'SRV', ttl: DNS_TTL_SECONDS, priority: 0, weight: Math.floor(100 / uniq.length), port: e.port?.port ?? 0, target: `${e.host}.${fqdn}` }));
}

function podRecord(view: StateView, name: string, labels: readonly string[], type: DnsType): DnsAnswer {
  if (labels.length !== 3) return nx(`${name} is not IP.NAMESPACE.pod.ZONE`);
  const [dashed, ns] = labels as [string, string];
  if (view.get(objectKey({ group: '', resource: 'namespaces', namespace: '', name: ns })) === undefined) return nx(`namespace ${ns} does not exist`);
  const v4 = /^\d{1,3}(-\d{1,3}){3}$/.test(dashed) ? dashed.replaceAll('-', '.') : undefined;
  const ip = v4 ?? (dashed.includes('--') || dashed.split('-').length === 8 ? dashed.replaceAll('-', ':') : undefined);
  if (ip === undefined) return nx(`${dashed} is not an IP with dashes`);
  if (type === 'SRV') return nodata('pod names have no SRV records');
  return answerOf(addressRecords(name, type, [ip]), `${ip} is not an ${type} address`);
}
