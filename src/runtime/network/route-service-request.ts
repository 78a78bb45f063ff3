/**
 * "A connection to this Service IP (or name) and port goes to which pod?" —
 * kube-proxy's answer, from the state alone: the Service by cluster IP or
 * name, the Service port by number and protocol, the usable endpoints from
 * its EndpointSlices (service-backends.ts), one picked by the balancer
 * (random or round robin, ClientIP affinity when the Service asks for it).
 *
 * When there is no answer the reason is one a user meets: no such Service
 * (nothing listens on that IP), the port is not one the Service exposes,
 * the Service has no cluster IP (headless or ExternalName: clients resolve
 * it through DNS instead), or it has no usable endpoints (kube-proxy
 * rejects the connection: "connection refused").
 */
import type { Service } from 'kubernetes-types/core/v1.js';
import type { StateView } from '../../store/index.js';
import type { Balancer } from './balancer.js';
import { DEFAULT_AFFINITY_TIMEOUT_SECONDS } from './balancer.js';
import type { Backend, Protocol } from './service-backends.js';
import { findServicePort, isV6, primaryFamily, serviceByClusterIP, serviceByName, sliceBackends, usableBackends } from './service-backends.js';

export interface ServiceRequest {
  /** A cluster IP, or… */
  readonly ip?: string;
  /** …`namespace/name` (or `name` in `default`). */
  readonly service?: string;
  readonly port: number;
  readonly protocol?: Protocol;
  readonly clientIP?: string;
  /** Run time of the connection in ms (session affinity's clock); default 0. */
  readonly now?: number;
}

export type RouteRefusal = 'NoSuchService' | 'PortNotExposed' | 'NoClusterIP' | 'NoEndpoints';

export type RouteResult =
  | { readonly routed: true; readonly service: { readonly namespace: string; readonly name: string }; readonly servicePort: number; readonly backend: Backend }
  | { readonly routed: false; readonly reason: RouteRefusal; readonly message: string };

const refuse = (reason: RouteRefusal, message: string): RouteResult => ({ routed: false, reason, message });

export function parseServiceName(s: string): { namespace: string; name: string } {
  const slash = s.indexOf('/');
  return slash < 0 ? { namespace: 'default', name: s } : { namespace: s.slice(0, slash), name: s.slice(slash + 1) };
}

export function routeServiceRequest(view: StateView, req: ServiceRequest, balancer: Balancer): RouteResult {
  let svc: Service | undefined;
  let family: 'IPv4' | 'IPv6';
  if (req.ip !== undefined) {
    svc = serviceByClusterIP(view, req.ip);
    if (svc === undefined) return refuse('NoSuchService', `no Service has cluster IP ${req.ip}`);
    family = isV6(req.ip) ? 'IPv6' : 'IPv4';
  } else {
    const { namespace, name } = parseServiceName(req.service ?? '');
    svc = serviceByName(view, namespace, name);
    if (svc === undefined) return refuse('NoSuchService', `service "${name}" not found in namespace "${namespace}"`);
    family = primaryFamily(svc);
  }
  const namespace = svc.metadata?.namespace ?? '';
  const name = svc.metadata?.name ?? '';
  const ip = svc.spec?.clusterIP ?? '';
  if (svc.spec?.type === 'ExternalName' || ip === 'None') {
    return refuse('NoClusterIP', `service ${namespace}/${name} has no cluster IP (${svc.spec?.type === 'ExternalName' ? 'ExternalName' : 'headless'}): kube-proxy does not route it`);
  }
  const protocol = req.protocol ?? 'TCP';
  const sp = findServicePort(svc, req.port, protocol);
  if (sp === undefined) return refuse('PortNotExposed', `service ${namespace}/${name} does not expose ${req.port}/${protocol}`);
  const backends = usableBackends(sliceBackends(view, svc, sp, family));
  if (backends.length === 0) return refuse('NoEndpoints', `service ${namespace}/${name} has no ready endpoints for port ${req.port}/${protocol}: connection refused`);
  const affinity = svc.spec?.sessionAffinity === 'ClientIP';
  const timeout = (svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT_SECONDS) * 1000;
  const backend = balancer.pick(`${namespace}/${name}:${req.port}/${protocol}/${family}`, backends, {
    now: req.now ?? 0,
    ...(req.clientIP === undefined ? {} : { clientIP: req.clientIP }),
    ...(affinity ? { affinityTimeoutMs: timeout } : {}),
  });
  return { routed: true, service: { namespace, name }, servicePort: req.port, backend };
}
