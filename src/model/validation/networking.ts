/** Ingress and IngressClass validation (networking.k8s.io/v1). */
import type { StatusCause } from '../status.js';
import { arr, isInt, isObj, obj, str, type Obj } from './access.js';
import { child, forbidden, index, invalidValue, notSupported, required } from './field-errors.js';
import { isDns1123Subdomain, isValidPortName, isValidPortNum, isWildcardDns1123Subdomain } from './identifiers.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: unknown, path: string): StatusCause[] {
  const backend = obj(b);
  const out: StatusCause[] = [];
  const hasService = isObj(backend.service);
  const hasResource = isObj(backend.resource);
  if (hasService && hasResource) return [invalidValue(path, '', 'cannot set both resource and service backends')];
  if (!hasService && !hasResource) return [invalidValue(path, '', 'resource or service backend is required')];
  if (hasService) {
    const svc = obj(backend.service);
    const name = str(svc.name);
    if (name === '') out.push(required(child(path, 'service', 'name')));
    else out.push(...isDns1123Subdomain(name).map((m) => invalidValue(child(path, 'service', 'name'), name, m)));
    const port = obj(svc.port);
    const pname = str(port.name);
    const pnum = port.number;
    if (pname !== '' && pnum !== undefined) out.push(invalidValue(child(path, 'service', 'port'), port, 'cannot set both port name & port number'));
    else if (pname !== '') out.push(...isValidPortName(pname).map((m) => invalidValue(child(path, 'service', 'port', 'name'), pname, m)));
    else if (isInt(pnum)) out.push(...isValidPortNum(pnum).map((m) => invalidValue(child(path, 'service', 'port', 'number'), pnum, m)));
    else out.push(required(child(path, 'service', 'port'), 'port name or number is required'));
  } else {
    const r = obj(backend.resource);
    if (str(r.kind) === '') out.push(required(child(path, 'resource', 'kind')));
    if (str(r.name) === '') out.push(required(child(path, 'resource', 'name')));
  }
  return out;
}

export function validateIngress(ing: Obj): StatusCause[] {
  const s = obj(ing.spec);
  const out: StatusCause[] = [];
  const rules = arr(s.rules);
  if (rules.length === 0 && !isObj(s.defaultBackend)) out.push(invalidValue('spec.rules', rules, 'either `defaultBackend` or `rules` must be specified'));
  if (isObj(s.defaultBackend)) out.push(...validateBackend(s.defaultBackend, 'spec.defaultBackend'));
  const cls = s.ingressClassName;
  if (cls !== undefined && cls !== null) out.push(...isDns1123Subdomain(str(cls)).map((m) => invalidValue('spec.ingressClassName', cls, m)));
  rules.forEach((r, i) => {
    const p = index('spec.rules', i);
    const rule = obj(r);
    const host = str(rule.host);
    if (host !== '') {
      if (/^[0-9.]+$/.test(host) || host.includes(':')) out.push(invalidValue(child(p, 'host'), host, 'must be a DNS name, not an IP address'));
      else out.push(...(host.startsWith('*') ? isWildcardDns1123Subdomain(host) : isDns1123Subdomain(host)).map((m) => invalidValue(child(p, 'host'), host, m)));
    }
    if (!isObj(rule.http)) return;
    const paths = arr(obj(rule.http).paths);
    if (paths.length === 0) out.push(required(child(p, 'http', 'paths')));
    paths.forEach((hp, j) => {
      const pp = index(child(p, 'http', 'paths'), j);
      const hpath = obj(hp);
      const pt = hpath.pathType;
      if (pt === undefined || pt === '') out.push(required(child(pp, 'pathType'), 'pathType must be specified'));
      else if (!PATH_TYPES.includes(str(pt))) out.push(notSupported(child(pp, 'pathType'), pt, PATH_TYPES));
      const path = str(hpath.path);
      if ((pt === 'Exact' || pt === 'Prefix') && !path.startsWith('/')) out.push(invalidValue(child(pp, 'path'), path, 'must be an absolute path'));
      out.push(...validateBackend(hpath.backend, child(pp, 'backend')));
    });
  });
  return out;
}

export function validateIngressClass(ic: Obj): StatusCause[] {
  const s = obj(ic.spec);
  const c = str(s.controller);
  if (c === '') return [required('spec.controller')];
  const out: StatusCause[] = [];
  if (c.length > 250) out.push(invalidValue('spec.controller', c, 'must be no more than 250 characters'));
  const slash = c.indexOf('/');
  if (slash <= 0 || isDns1123Subdomain(c.slice(0, slash)).length > 0) out.push(invalidValue('spec.controller', c, 'must be a domain-prefixed path (such as "acme.io/foo")'));
  if (isObj(s.parameters)) {
    const scope = obj(s.parameters).scope;
    if (scope !== undefined && scope !== 'Cluster' && scope !== 'Namespace') out.push(notSupported('spec.parameters.scope', scope, ['Cluster', 'Namespace']));
    if (scope === 'Cluster' && obj(s.parameters).namespace !== undefined) out.push(forbidden('spec.parameters.namespace', "`parameters.scope` is set to 'Cluster'"));
  }
  return out;
}
