/**
 * `application/strategic-merge-patch+json` for the built-in kinds, with the
 * patch strategies and merge keys of `mergeKeyTable`: maps merge, lists with
 * `patchStrategy: merge` merge by their key (primitive ones as sets), other
 * lists are replaced, `null` deletes. Directives: `$patch: replace | delete`
 * on a map, `{$patch: delete, <key>: v}` and `{$patch: replace}` items in a
 * keyed list, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`
 * and `$retainKeys`. Nulls for keys the object does not have are ignored, as
 * the server does.
 *
 * Custom resources have no patch strategies, and Kubernetes refuses this
 * patch type for them with 415 UnsupportedMediaType; so does this function
 * when `builtIn` is false. Malformed patches are 400 BadRequest.
 * The input object and patch are never mutated.
 *
 * @example
 * applyStrategicMergePatch(deploy, { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } }, { builtIn: true });
 */
import { badRequest, unsupportedMediaType, type KubeObject } from '../../model/index.js';
import { deepClone, isObject, jsonTypeOf, type JsonObject } from './json-value.js';
import { mergeKeyTable, type FieldRule, type TypeCursor } from './merge-key-table.js';
import { DIRECTIVE, checkSetElementOrder, mergeList, order } from './smp-list.js';

const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM = '$deleteFromPrimitiveList/';
const SET_ORDER = '$setElementOrder/';

export interface StrategicMergeOptions {
  /** False for custom resources (and any kind without Go patch metadata): refused with 415. */
  readonly builtIn: boolean;
}

/** The message Kubernetes gives when a patch type is not accepted for a resource. */
export const SMP_UNSUPPORTED_MESSAGE =
  'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';

export function applyStrategicMergePatch<T extends KubeObject>(obj: T, patch: unknown, options: StrategicMergeOptions): T {
  if (!options.builtIn) throw unsupportedMediaType(SMP_UNSUPPORTED_MESSAGE);
  if (!isObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
  const root = mergeKeyTable.rootType(obj.apiVersion, obj.kind);
  return mergeMap(deepClone(obj) as JsonObject, deepClone(patch), root) as T;
}

/** Merges `patch` into `original`; both are private copies and may be consumed. */
function mergeMap(original: JsonObject, patch: JsonObject, type: TypeCursor): JsonObject {
  if (DIRECTIVE in patch) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') {
      delete patch[DIRECTIVE];
      return mergeMap({}, patch, type);
    }
    if (d === 'delete') return {};
    throw badRequest(`unknown patch type: ${JSON.stringify(d)} in map: ${JSON.stringify(patch)}`);
  }
  retainKeys(original, patch);
  setElementOrders(original, patch, type);
  for (const key of Object.keys(patch)) {
    const pv = patch[key];
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM)) {
      k = key.slice(DELETE_FROM.length);
      if (!Array.isArray(pv)) throw badRequest('invalid patch format of primitive list');
      if (!(k in original)) continue;
      isDeleteList = true;
    }
    if (pv === null) {
      delete original[k];
      continue;
    }
    const rule = mergeKeyTable.fieldRule(type, k);
    if (!(k in original) || jsonTypeOf(original[k]) !== jsonTypeOf(pv)) {
      if (!isDeleteList) original[k] = fresh(pv, rule);
      continue;
    }
    const ov = original[k];
    if (isObject(ov)) original[k] = mergeMap(ov, pv as JsonObject, rule?.type);
    else if (Array.isArray(ov)) {
      const merged = mergeField(ov, pv as unknown[], rule, isDeleteList);
      if (isDeleteList && merged.length === 0) delete original[k];
      else original[k] = merged;
    } else original[k] = pv;
  }
  return original;
}

function mergesByKey(rule: FieldRule | undefined): boolean {
  return rule?.smpMergeKey !== undefined || rule?.smpMerge === true;
}

function mergeField(ov: unknown[], pv: unknown[], rule: FieldRule | undefined, isDeleteList: boolean): unknown[] {
  if (!mergesByKey(rule)) return isDeleteList ? ov.filter((v) => !pv.includes(v)) : fresh(pv, rule) as unknown[];
  return mergeList(ov, pv, rule?.smpMergeKey, (o, p) => mergeMap(o, p, rule?.type), isDeleteList);
}

/** A patch value for a key the original lacks: directives resolved, nulls dropped. */
function fresh(pv: unknown, rule: FieldRule | undefined): unknown {
  if (isObject(pv)) return mergeMap({}, pv, rule?.type);
  if (Array.isArray(pv)) {
    if (mergesByKey(rule)) return mergeField([], pv, rule, false);
    return pv.map((x) => (isObject(x) ? mergeMap({}, x, rule?.type) : x));
  }
  return pv;
}

/** `$retainKeys: [...]`: keys of the original not listed are cleared; the patch may only set listed keys. */
function retainKeys(original: JsonObject, patch: JsonObject): void {
  if (!(RETAIN_KEYS in patch)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw badRequest('invalid patch format of retainKeys');
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM) || k.startsWith(SET_ORDER)) continue;
    if (!list.includes(k)) throw badRequest('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(original)) if (!list.includes(k)) delete original[k];
}

/**
 * `$setElementOrder/<field>`: merges `<field>` (if patched) and orders the
 * result by the directive list first, then by the live order. Consumes both
 * keys from the patch.
 */
function setElementOrders(original: JsonObject, patch: JsonObject, type: TypeCursor): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const field = key.slice(SET_ORDER.length);
    const orderList = patch[key];
    delete patch[key];
    if (!Array.isArray(orderList)) throw badRequest('invalid patch format of setElementOrder list');
    const rule = mergeKeyTable.fieldRule(type, field);
    if (!mergesByKey(rule)) continue;
    const mergeKey = rule?.smpMergeKey;
    const ov = Array.isArray(original[field]) ? (original[field] as unknown[]) : [];
    const pv = patch[field];
    if (pv !== undefined && !Array.isArray(pv)) continue; // a null or a type change: handled as a plain value
    const pl = pv ?? [];
    checkSetElementOrder(pl, orderList, mergeKey);
    const merged = mergeField([...ov], pl, rule, false);
    delete patch[field];
    const ordered = order(merged, orderList, ov, mergeKey);
    if (ordered.length === 0) delete original[field];
    else original[field] = ordered;
  }
}
