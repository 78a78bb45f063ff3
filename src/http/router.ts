/**
 * From a request path to what it addresses, as kube-apiserver lays out its
 * REST paths. Pure: the resource named is not checked here (the api layer
 * answers 404 for a resource it does not serve).
 *
 * @example
 * route('/apis/apps/v1/namespaces/web/deployments/site/scale')
 * // { type: 'resource', target: { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'web', name: 'site', subresource: 'scale' } }
 */
import type { Target } from '../api/index.js';

export type Route =
  | { readonly type: 'version' }
  | { readonly type: 'health'; readonly check: 'healthz' | 'livez' | 'readyz' }
  | { readonly type: 'coreVersions' }
  | { readonly type: 'groups' }
  | { readonly type: 'group'; readonly group: string }
  | { readonly type: 'resources'; readonly group: string; readonly version: string }
  | { readonly type: 'openapiV3Root' }
  | { readonly type: 'openapiV3'; readonly group: string; readonly version: string }
  | { readonly type: 'openapiV2' }
  | { readonly type: 'resource'; readonly target: Target }
  | { readonly type: 'notFound' };

/** Subresources of a namespace object, which share the shape of `namespaces/NS/RESOURCE`. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const HEALTH = new Set(['healthz', 'livez', 'readyz']);

export function route(pathname: string): Route {
  let parts: string[];
  try {
    parts = pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  } catch {
    return { type: 'notFound' };
  }
  const [first, second, third, fourth, ...rest] = parts;
  if (first === undefined) return { type: 'notFound' };
  if (parts.length === 1 && first === 'version') return { type: 'version' };
  if (HEALTH.has(first) && parts.length <= 2) return { type: 'health', check: first as 'healthz' | 'livez' | 'readyz' };
  if (first === 'openapi') return openapiRoute(parts.slice(1));
  if (first === 'api') {
    if (second === undefined) return { type: 'coreVersions' };
    if (third === undefined) return { type: 'resources', group: '', version: second };
    return resourceRoute('', second, parts.slice(2));
  }
  if (first === 'apis') {
    if (second === undefined) return { type: 'groups' };
    if (third === undefined) return { type: 'group', group: second };
    if (fourth === undefined) return { type: 'resources', group: second, version: third };
    return resourceRoute(second, third, [fourth, ...rest]);
  }
  return { type: 'notFound' };
}

function openapiRoute(parts: string[]): Route {
  if (parts.length === 1 && parts[0] === 'v2') return { type: 'openapiV2' };
  if (parts[0] !== 'v3') return { type: 'notFound' };
  if (parts.length === 1) return { type: 'openapiV3Root' };
  if (parts[1] === 'api' && parts.length === 3) return { type: 'openapiV3', group: '', version: parts[2] ?? '' };
  if (parts[1] === 'apis' && parts.length === 4) return { type: 'openapiV3', group: parts[2] ?? '', version: parts[3] ?? '' };
  return { type: 'notFound' };
}

function resourceRoute(group: string, version: string, parts: string[]): Route {
  const gv = { group, version };
  if (parts[0] === 'namespaces' && parts.length >= 3 && !(parts.length === 3 && NAMESPACE_SUBRESOURCES.has(parts[2] ?? ''))) {
    const [, namespace = '', resource = '', name, subresource, ...extra] = parts;
    if (extra.length > 0) return { type: 'notFound' };
    return { type: 'resource', target: target(gv, resource, namespace, name, subresource) };
  }
  const [resource = '', name, subresource, ...extra] = parts;
  if (extra.length > 0) return { type: 'notFound' };
  return { type: 'resource', target: target(gv, resource, undefined, name, subresource) };
}

function target(
  gv: { group: string; version: string },
  resource: string,
  namespace: string | undefined,
  name: string | undefined,
  subresource: string | undefined,
): Target {
  return {
    ...gv,
    resource,
    ...(namespace === undefined ? {} : { namespace }),
    ...(name === undefined ? {} : { name }),
    ...(subresource === undefined ? {} : { subresource }),
  };
}
