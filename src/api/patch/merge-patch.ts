/**
 * `application/merge-patch+json` (RFC 7386): objects merge key by key, `null`
 * deletes a key, anything else (lists included) replaces. The input is never
 * mutated. A patch that is not a JSON object would replace the whole object,
 * which can never be a valid Kubernetes object, so it is a 400 BadRequest.
 *
 * @example
 * applyMergePatch(cm, { data: { old: null, added: 'x' } });
 */
import { badRequest } from '../../model/index.js';
import { deepClone, isObject, type JsonObject } from './json-value.js';

export function applyMergePatch<T extends object>(obj: T, patch: unknown): T {
  if (!isObject(patch)) throw badRequest('merge patch must be a JSON object');
  return mergePatchValue(obj, patch) as T;
}

/** RFC 7386 MergePatch(target, patch) over any JSON values. */
export function mergePatchValue(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return deepClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatchValue(out[k], v);
  }
  return out;
}
