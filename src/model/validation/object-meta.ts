/**
 * `metadata` validation shared by every kind (Kubernetes'
 * `ValidateObjectMeta` / `ValidateObjectMetaUpdate`): name or generateName,
 * the name rule of the kind, namespace by scope, labels, annotations and
 * their total size, owner references and finalizers.
 */
import type { StatusCause } from '../status.js';
import { validateLabels } from '../labels/label-selector.js';
import { isObj, obj, str, arr, utf8Length, deepEqual, type Obj } from './access.js';
import { child, forbidden, immutable, index, invalidValue, required, tooLong } from './field-errors.js';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isQualifiedName, maskTrailingDash } from './identifiers.js';

/** How a kind's names are checked. */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

/** The problems with `name` under a rule; `prefix` checks a generateName (one trailing '-' allowed). */
export function nameErrors(rule: NameRule, name: string, prefix = false): string[] {
  const n = prefix ? maskTrailingDash(name) : name;
  switch (rule) {
    case 'subdomain':
      return isDns1123Subdomain(n);
    case 'label':
      return isDns1123Label(n);
    case 'dns1035':
      return isDns1035Label(n);
    case 'path-segment':
      return pathSegmentErrors(n);
  }
}

export function validateAnnotations(annotations: unknown, path: string): StatusCause[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isObj(annotations)) return [invalidValue(path, annotations, 'must be a map of string keys to string values')];
  const out: StatusCause[] = [];
  let total = 0;
  for (const k of Object.keys(annotations).sort()) {
    out.push(...isQualifiedName(k.toLowerCase()).map((m) => invalidValue(path, k, m)));
    const v = annotations[k];
    total += utf8Length(k) + (typeof v === 'string' ? utf8Length(v) : 0);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) out.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return out;
}

export interface MetaRules {
  readonly namespaced: boolean;
  readonly nameRule: NameRule;
}

/** Validates `metadata` of a new object (after defaulting and name generation). */
export function validateObjectMeta(meta: unknown, rules: MetaRules, path = 'metadata'): StatusCause[] {
  const m: Obj = obj(meta);
  const out: StatusCause[] = [];
  const name = str(m.name);
  const generateName = str(m.generateName);
  if (generateName !== '') {
    out.push(...nameErrors(rules.nameRule, generateName, true).map((e) => invalidValue(child(path, 'generateName'), generateName, e)));
  }
  if (name === '') {
    if (generateName === '') out.push(required(child(path, 'name'), 'name or generateName is required'));
  } else {
    out.push(...nameErrors(rules.nameRule, name).map((e) => invalidValue(child(path, 'name'), name, e)));
  }
  const ns = str(m.namespace);
  if (rules.namespaced) {
    if (ns === '') out.push(required(child(path, 'namespace')));
    else out.push(...isDns1123Label(ns).map((e) => invalidValue(child(path, 'namespace'), ns, e)));
  } else if (ns !== '') {
    out.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  out.push(...validateLabels(m.labels, child(path, 'labels')));
  out.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  arr(m.ownerReferences).forEach((r, i) => {
    const p = index(child(path, 'ownerReferences'), i);
    const o = obj(r);
    if (str(o.apiVersion) === '') out.push(invalidValue(child(p, 'apiVersion'), o.apiVersion ?? '', 'version must not be empty'));
    if (str(o.kind) === '') out.push(invalidValue(child(p, 'kind'), o.kind ?? '', 'kind must not be empty'));
    if (str(o.name) === '') out.push(invalidValue(child(p, 'name'), o.name ?? '', 'name must not be empty'));
    if (str(o.uid) === '') out.push(invalidValue(child(p, 'uid'), o.uid ?? '', 'uid must not be empty'));
  });
  const controllers = arr(m.ownerReferences).filter((r) => obj(r).controller === true);
  if (controllers.length > 1) {
    out.push(invalidValue(child(path, 'ownerReferences'), m.ownerReferences, 'Only one reference can have Controller set to true'));
  }
  arr(m.finalizers).forEach((f, i) => {
    const fin = str(f);
    for (const e of isQualifiedName(fin)) out.push(invalidValue(index(child(path, 'finalizers'), i), fin, e));
  });
  return out;
}

/** Fields of metadata that never change after creation (`ValidateObjectMetaUpdate`). */
export function validateObjectMetaUpdate(oldMeta: unknown, newMeta: unknown, path = 'metadata'): StatusCause[] {
  const o = obj(oldMeta);
  const n = obj(newMeta);
  const out: StatusCause[] = [];
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp'] as const) {
    if (f === 'uid' || f === 'creationTimestamp') {
      if (o[f] === undefined) continue;
    }
    if (!deepEqual(o[f] ?? '', n[f] ?? '')) out.push(immutable(child(path, f), n[f] ?? ''));
  }
  if (o.deletionTimestamp !== undefined && n.deletionTimestamp !== undefined && !deepEqual(o.deletionTimestamp, n.deletionTimestamp)) {
    out.push(immutable(child(path, 'deletionTimestamp'), n.deletionTimestamp));
  }
  return out;
}
