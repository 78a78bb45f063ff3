/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation as the
 * API server reads and writes it: read only when present and non-empty;
 * written as Go's `encoding/json` writes an unstructured object (keys
 * sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped, a trailing newline),
 * so the value is byte-for-byte what kube-apiserver stores; and dropped
 * instead of written when it would take the object's annotations past
 * their 256 KiB total (Kubernetes' `ValidateAnnotationsSize` rule).
 *
 * @example
 * withLastApplied(obj, encodeLastApplied(config)).metadata.annotations?.[LAST_APPLIED_ANNOTATION];
 */
import type { KubeObject } from '../../model/index.js';
import { isObject } from '../patch/json-value.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Kubernetes' limit on the total size of an object's annotations (keys plus values, bytes). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** The annotation's value, or undefined when absent or empty. */
export function lastAppliedOf(obj: KubeObject | undefined): string | undefined {
  const v = obj?.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** JSON as Go's encoder writes a `map[string]interface{}`: sorted keys, HTML-safe, newline-terminated. */
export function encodeLastApplied(config: unknown): string {
  return `${goJson(config).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => goJson(x === undefined ? null : x)).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(byteOrder);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Go sorts map keys by bytes (UTF-8); for strings this is code point order, not UTF-16 order. */
function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i]?.codePointAt(0) ?? 0;
    const y = cb[i]?.codePointAt(0) ?? 0;
    if (x !== y) return x - y;
  }
  return ca.length - cb.length;
}

/** `config` as the annotation records it: the configuration without its own last-applied annotation. */
export function lastAppliedConfig(config: KubeObject): unknown {
  const annotations = config.metadata.annotations;
  if (annotations === undefined || !Object.hasOwn(annotations, LAST_APPLIED_ANNOTATION)) return config;
  const { [LAST_APPLIED_ANNOTATION]: _dropped, ...rest } = annotations;
  return { ...config, metadata: { ...config.metadata, annotations: rest } };
}

/** `obj` with the annotation set to `value`, or removed when the annotations would exceed their total size limit. */
export function withLastApplied<T extends KubeObject>(obj: T, value: string): T {
  const annotations = { ...obj.metadata.annotations, [LAST_APPLIED_ANNOTATION]: value };
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) size += Buffer.byteLength(k) + Buffer.byteLength(v);
  if (size <= TOTAL_ANNOTATION_SIZE_LIMIT) return { ...obj, metadata: { ...obj.metadata, annotations } };
  const { [LAST_APPLIED_ANNOTATION]: _dropped, ...rest } = annotations;
  if (Object.keys(rest).length > 0) return { ...obj, metadata: { ...obj.metadata, annotations: rest } };
  const { annotations: _none, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}
