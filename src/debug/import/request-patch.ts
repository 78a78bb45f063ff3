/**
 * Applies a patch body an audit event logged at Request level (the body as
 * the client sent it) to the version the import already knows. The audit
 * event does not say which patch type the client used, so the shape decides:
 * an array is a JSON Patch (RFC 6902), an object a JSON merge patch
 * (RFC 7386). A strategic merge patch is applied as a merge patch: right
 * for maps, approximate for lists with merge keys (they are replaced).
 */
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import type { KubeObject } from '../../model/index.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: null deletes, objects merge recursively, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** The patched object, or undefined when the body does not apply (the write is then recorded as body-unknown). */
export function applyRequestPatch(prev: KubeObject, body: unknown): KubeObject | undefined {
  try {
    if (Array.isArray(body)) {
      const doc = jsonpatch.deepClone(prev) as KubeObject;
      return jsonpatch.applyPatch(doc, body as Operation[], true, true).newDocument;
    }
    if (isObject(body)) {
      const next = mergePatch(prev, body);
      return isObject(next) && isObject(next.metadata) ? (next as unknown as KubeObject) : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
