/**
 * The Service environment variables the kubelet gives every container
 * (pkg/kubelet/kubelet_pods.go getServiceEnvVarMap, pkg/kubelet/envvars;
 * 1.32): for each Service with a cluster IP (not headless, not
 * ExternalName) in the pod's namespace — when `enableServiceLinks` is not
 * false — and always for `kubernetes` in `default`:
 *
 *   NAME_SERVICE_HOST=10.96.0.10   NAME_SERVICE_PORT=80   NAME_SERVICE_PORT_HTTP=80
 *   NAME_PORT=tcp://10.96.0.10:80  NAME_PORT_80_TCP=tcp://10.96.0.10:80
 *   NAME_PORT_80_TCP_PROTO=tcp     NAME_PORT_80_TCP_PORT=80   NAME_PORT_80_TCP_ADDR=10.96.0.10
 *
 * NAME is the Service name upper-cased with `-` as `_`. A Service of the
 * pod's namespace takes precedence over a same-named master service.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { StateView } from '../../store/index.js';

function envName(s: string): string {
  return s.replace(/-/g, '_').toUpperCase();
}

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** The variables of one Service, in the kubelet's order. */
export function serviceEnvVars(service: Service): Array<[string, string]> {
  const ip = service.spec?.clusterIP ?? '';
  const ports = service.spec?.ports ?? [];
  const first = ports[0];
  if (ip === '' || ip === 'None' || first === undefined) return [];
  const prefix = envName(service.metadata?.name ?? '');
  const out: Array<[string, string]> = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(first.port)],
  ];
  for (const p of ports) if (p.name !== undefined && p.name !== '') out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  ports.forEach((p, i) => {
    const protocol = p.protocol ?? 'TCP';
    const url = `${protocol.toLowerCase()}://${hostPort(ip, p.port)}`;
    if (i === 0) out.push([`${prefix}_PORT`, url]);
    const pp = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
    out.push([pp, url], [`${pp}_PROTO`, protocol.toLowerCase()], [`${pp}_PORT`, String(p.port)], [`${pp}_ADDR`, ip]);
  });
  return out;
}

/** Name → value of every Service variable `pod` sees, resolved against `view`. */
export function serviceEnvironment(view: StateView, pod: Pod): Map<string, string> {
  const ns = pod.metadata?.namespace ?? '';
  const links = pod.spec?.enableServiceLinks !== false;
  const chosen = new Map<string, Service>();
  const list = (namespace: string): Service[] => view.list({ group: '', resource: 'services', namespace }) as unknown as Service[];
  const master = list('default').find((s) => s.metadata?.name === 'kubernetes');
  if (links) for (const s of list(ns)) chosen.set(s.metadata?.name ?? '', s);
  if (master !== undefined && !chosen.has('kubernetes')) chosen.set('kubernetes', master);
  const out = new Map<string, string>();
  for (const name of [...chosen.keys()].sort()) {
    const s = chosen.get(name);
    if (s !== undefined) for (const [k, v] of serviceEnvVars(s)) out.set(k, v);
  }
  return out;
}
