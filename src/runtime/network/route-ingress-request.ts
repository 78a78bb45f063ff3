/**
 * Which Service and port an HTTP request to an Ingress goes to, by the
 * Ingress API's matching rules (networking.k8s.io/v1, Kubernetes 1.32
 * docs "Ingress: path types, wildcards, multiple matches"), then which pod,
 * through the same Service router kube-proxy's answer comes from:
 * - the Ingresses of the class asked for; without one, of the default
 *   IngressClass (annotation `ingressclass.kubernetes.io/is-default-class:
 *   "true"`), an Ingress without a class counting as the default's; with no
 *   default class, every Ingress. An Ingress's class is
 *   `spec.ingressClassName`, else the deprecated `kubernetes.io/ingress.class`
 *   annotation;
 * - hosts: an exact host wins over a wildcard (`*.foo.com` matches exactly
 *   one more label: `bar.foo.com`, not `foo.com` nor `baz.bar.foo.com`),
 *   which wins over rules without a host;
 * - paths: `Exact` matches the whole path, case-sensitively; `Prefix`
 *   matches element by element split on `/` (`/foo/bar` matches
 *   `/foo/bar/baz`, not `/foo/barbaz`; a trailing slash is ignored; `/`
 *   matches everything); `ImplementationSpecific` is treated as `Prefix`
 *   (this simulated controller's choice). The longest matching path wins,
 *   then `Exact` over `Prefix`, then the oldest Ingress (by creation, then
 *   namespace/name);
 * - nothing matches: the Ingress's `defaultBackend`, else 404.
 */
import type { IngressBackend, HTTPIngressPath, Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import type { StateView } from '../../store/index.js';
import type { Balancer } from './balancer.js';
import type { RouteResult } from './route-service-request.js';
import { routeServiceRequest } from './route-service-request.js';
import { serviceByName } from './service-backends.js';

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export interface IngressRequest {
  readonly host: string;
  readonly path: string;
  readonly ingressClass?: string;
  readonly clientIP?: string;
  readonly now?: number;
}

export interface IngressMatch {
  readonly ingress: { readonly namespace: string; readonly name: string };
  /** The rule's path, or undefined for the default backend. */
  readonly path?: string;
  readonly pathType?: string;
  readonly service: { readonly namespace: string; readonly name: string };
  /** The Service port the backend names (a name resolved to its number). */
  readonly port: number;
}

export type IngressResult =
  | ({ readonly status: 'routed'; readonly route: RouteResult & { routed: true } } & IngressMatch)
  | ({ readonly status: 'backend-unavailable'; readonly route: RouteResult & { routed: false } } & IngressMatch)
  | { readonly status: 'not-found'; readonly message: string };

function classOf(ing: Ingress): string | undefined {
  return ing.spec?.ingressClassName ?? ing.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION];
}

export function defaultIngressClass(view: StateView): string | undefined {
  const classes = view.list({ group: 'networking.k8s.io', resource: 'ingressclasses' }) as unknown as IngressClass[];
  const defaults = classes.filter((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  // Several defaults: the API's admission refuses new class-less Ingresses; take the newest, as its admission would.
  defaults.sort((a, b) => (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''));
  return defaults.at(-1)?.metadata?.name;
}

/** `*.foo.com` matches one label before `foo.com`. */
export function hostMatches(ruleHost: string, host: string): 'exact' | 'wildcard' | undefined {
  if (ruleHost === host) return 'exact';
  if (!ruleHost.startsWith('*.')) return undefined;
  const suffix = ruleHost.slice(1);
  if (!host.endsWith(suffix)) return undefined;
  const head = host.slice(0, -suffix.length);
  return head !== '' && !head.includes('.') ? 'wildcard' : undefined;
}

/** Element-wise prefix match; returns the matched path's length (for longest-match), or -1. */
export function pathMatches(p: HTTPIngressPath, path: string): number {
  const rulePath = p.path ?? '/';
  if (p.pathType === 'Exact') return rulePath === path ? rulePath.length : -1;
  const elems = (s: string): string[] => s.split('/').filter((x) => x !== '');
  const want = elems(rulePath);
  const got = elems(path);
  if (want.length > got.length) return -1;
  for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) return -1;
  return rulePath.replace(/\/+$/, '').length;
}

interface Candidate {
  readonly ing: Ingress;
  readonly hostRank: number;
  readonly pathLen: number;
  readonly exact: boolean;
  readonly path: HTTPIngressPath;
}

const age = (i: Ingress): string => `${i.metadata?.creationTimestamp ?? ''}\u0000${i.metadata?.namespace ?? ''}/${i.metadata?.name ?? ''}`;

/** The Ingress rule (or default backend) a request matches, without routing it further. */
export function matchIngress(view: StateView, req: Pick<IngressRequest, 'host' | 'path' | 'ingressClass'>): { ing: Ingress; backend: IngressBackend; path?: HTTPIngressPath } | undefined {
  const def = defaultIngressClass(view);
  const wanted = req.ingressClass ?? def;
  const all = (view.list({ group: 'networking.k8s.io', resource: 'ingresses' }) as unknown as Ingress[]).filter((i) => wanted === undefined || (classOf(i) ?? def) === wanted);
  const host = req.host.toLowerCase().replace(/:\d+$/, '');
  const cands: Candidate[] = [];
  for (const ing of all) {
    for (const rule of ing.spec?.rules ?? []) {
      const hm = rule.host === undefined || rule.host === '' ? 'any' : hostMatches(rule.host, host);
      if (hm === undefined) continue;
      const hostRank = hm === 'exact' ? 2 : hm === 'wildcard' ? 1 : 0;
      for (const p of rule.http?.paths ?? []) {
        const len = pathMatches(p, req.path);
        if (len >= 0) cands.push({ ing, hostRank, pathLen: len, exact: p.pathType === 'Exact', path: p });
      }
    }
  }
  cands.sort((a, b) => b.hostRank - a.hostRank || b.pathLen - a.pathLen || Number(b.exact) - Number(a.exact) || age(a.ing).localeCompare(age(b.ing)));
  const best = cands[0];
  if (best !== undefined) return { ing: best.ing, backend: best.path.backend, path: best.path };
  const withDefault = all.filter((i) => i.spec?.defaultBackend !== undefined).sort((a, b) => age(a).localeCompare(age(b)))[0];
  return withDefault === undefined ? undefined : { ing: withDefault, backend: withDefault.spec?.defaultBackend as IngressBackend };
}

export function routeIngressRequest(view: StateView, req: IngressRequest, balancer: Balancer): IngressResult {
  const m = matchIngress(view, req);
  if (m === undefined) return { status: 'not-found', message: `no Ingress rule matches ${req.host}${req.path} and no default backend: 404` };
  const namespace = m.ing.metadata?.namespace ?? 'default';
  const svcRef = m.backend.service;
  if (svcRef === undefined) return { status: 'not-found', message: `the matching rule of ingress ${namespace}/${m.ing.metadata?.name ?? ''} has a resource backend, which is not simulated: 404` };
  const svc = serviceByName(view, namespace, svcRef.name);
  const byName = svcRef.port?.name;
  const port = byName === undefined ? (svcRef.port?.number ?? 0) : ((svc?.spec?.ports ?? []).find((p) => p.name === byName)?.port ?? 0);
  const match: IngressMatch = {
    ingress: { namespace, name: m.ing.metadata?.name ?? '' },
    ...(m.path === undefined ? {} : { path: m.path.path ?? '/', pathType: m.path.pathType }),
    service: { namespace, name: svcRef.name },
    port,
  };
  const route = routeServiceRequest(
    view,
    { service: `${namespace}/${svcRef.name}`, port, ...(req.clientIP === undefined ? {} : { clientIP: req.clientIP }), ...(req.now === undefined ? {} : { now: req.now }) },
    balancer,
  );
  return route.routed ? { status: 'routed', route, ...match } : { status: 'backend-unavailable', route, ...match };
}
