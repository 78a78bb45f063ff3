/**
 * CustomResourceDefinition validation (apiextensions.k8s.io/v1): the name
 * is `plural.group`, names are DNS labels, versions unique with exactly one
 * storage version and a schema each (structural: an object at the root),
 * scope Cluster or Namespaced; on update the group and scope stay.
 */
import type { StatusCause } from '../status.js';
import { arr, deepEqual, isObj, obj, str, type Obj } from './access.js';
import { child, duplicate, index, invalidValue, notSupported, required } from './field-errors.js';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain } from './identifiers.js';

const KIND_RE = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

function names(n: Obj, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  const plural = str(n.plural);
  if (plural === '') out.push(required(child(path, 'plural')));
  else out.push(...isDns1123Label(plural).map((m) => invalidValue(child(path, 'plural'), plural, m)));
  const singular = str(n.singular);
  if (singular !== '') out.push(...isDns1123Label(singular).map((m) => invalidValue(child(path, 'singular'), singular, m)));
  const kind = str(n.kind);
  if (kind === '') out.push(required(child(path, 'kind')));
  else if (!KIND_RE.test(kind)) out.push(invalidValue(child(path, 'kind'), kind, 'may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?'));
  const listKind = str(n.listKind);
  if (listKind === '') out.push(required(child(path, 'listKind')));
  else if (!KIND_RE.test(listKind)) out.push(invalidValue(child(path, 'listKind'), listKind, 'may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?'));
  else if (listKind === kind) out.push(invalidValue(child(path, 'listKind'), listKind, 'kind and listKind may not be the same'));
  arr(n.shortNames).forEach((s, i) => {
    const v = str(s);
    out.push(...isDns1123Label(v).map((m) => invalidValue(index(child(path, 'shortNames'), i), v, m)));
  });
  arr(n.categories).forEach((s, i) => {
    const v = str(s);
    out.push(...isDns1123Label(v).map((m) => invalidValue(index(child(path, 'categories'), i), v, m)));
  });
  return out;
}

export function validateCustomResourceDefinition(crd: Obj): StatusCause[] {
  const out: StatusCause[] = [];
  const spec = obj(crd.spec);
  const group = str(spec.group);
  const plural = str(obj(spec.names).plural);
  const name = str(obj(crd.metadata).name);
  if (name !== `${plural}.${group}`) out.push(invalidValue('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (group === '') out.push(required('spec.group'));
  else {
    out.push(...isDns1123Subdomain(group).map((m) => invalidValue('spec.group', group, m)));
    if (group.split('.').length < 2) out.push(invalidValue('spec.group', group, 'should be a domain with at least one dot'));
  }
  const scope = spec.scope;
  if (scope === undefined || scope === '') out.push(required('spec.scope'));
  else if (scope !== 'Cluster' && scope !== 'Namespaced') out.push(notSupported('spec.scope', scope, ['Cluster', 'Namespaced']));
  out.push(...names(obj(spec.names), 'spec.names'));
  const versions = arr(spec.versions);
  if (versions.length === 0) out.push(invalidValue('spec.versions', versions, 'must have exactly one version marked as storage version'));
  const seen = new Set<string>();
  let storage = 0;
  let served = 0;
  versions.forEach((raw, i) => {
    const p = index('spec.versions', i);
    const v = obj(raw);
    const vname = str(v.name);
    if (vname === '') out.push(required(child(p, 'name')));
    else {
      out.push(...isDns1035Label(vname).map((m) => invalidValue(child(p, 'name'), vname, m)));
      if (seen.has(vname)) out.push(duplicate(child(p, 'name'), vname));
    }
    seen.add(vname);
    if (v.storage === true) storage++;
    if (v.served === true) served++;
    const schema = obj(v.schema).openAPIV3Schema;
    const sp = child(p, 'schema', 'openAPIV3Schema');
    if (!isObj(schema)) out.push(required(sp, 'schemas are required'));
    else if (schema.type !== 'object') out.push(invalidValue(child(sp, 'type'), schema.type ?? '', 'must be object at the root'));
    const subs = obj(v.subresources);
    if (isObj(subs.scale)) {
      const sc = obj(subs.scale);
      if (str(sc.specReplicasPath) === '') out.push(required(child(p, 'subresources', 'scale', 'specReplicasPath')));
      if (str(sc.statusReplicasPath) === '') out.push(required(child(p, 'subresources', 'scale', 'statusReplicasPath')));
    }
  });
  if (versions.length > 0 && storage !== 1) out.push(invalidValue('spec.versions', versions.length, 'must have exactly one version marked as storage version'));
  if (versions.length > 0 && served === 0) out.push(invalidValue('spec.versions', versions.length, 'must have at least one version marked as served'));
  return out;
}

export function validateCustomResourceDefinitionUpdate(oldObj: Obj, newObj: Obj): StatusCause[] {
  const o = obj(oldObj.spec);
  const n = obj(newObj.spec);
  const out: StatusCause[] = [];
  if (!deepEqual(o.group, n.group)) out.push(invalidValue('spec.group', n.group ?? '', 'field is immutable'));
  if (!deepEqual(o.scope, n.scope)) out.push(invalidValue('spec.scope', n.scope ?? '', 'field is immutable'));
  if (!deepEqual(obj(o.names).plural, obj(n.names).plural)) out.push(invalidValue('spec.names.plural', obj(n.names).plural ?? '', 'field is immutable'));
  return out;
}

/** The schema of one served version, for validating and pruning its custom resources. */
export function crdVersionSchema(crd: Obj, version: string): Obj | undefined {
  const v = arr(obj(crd.spec).versions).map(obj).find((x) => x.name === version);
  const s = obj(v?.schema).openAPIV3Schema;
  return isObj(s) ? s : undefined;
}
