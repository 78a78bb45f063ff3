/**
 * The kubelet's ConfigMap and Secret managers, as reads of a view: one
 * object by namespace and name, or the NotFound error the kubelet's
 * watch-based cache gives. That cache names the resource in the singular
 * (`corev1.Resource("configmap")` / `("secret")`), so the message is
 * `configmap "x" not found`, not the API's `configmaps "x" not found`.
 *
 * Secret values are base64 in the API; they are handed out decoded, as a
 * container sees them.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';

export type SourceKind = 'configmap' | 'secret';

/** One source's data, decoded to what a container sees (text). */
export interface SourceData {
  /** `data` (for a Secret: base64-decoded). */
  readonly data: Readonly<Record<string, string>>;
  /** A ConfigMap's `binaryData`, decoded (a Secret has none). */
  readonly binaryData: Readonly<Record<string, string>>;
}

export function notFoundMessage(kind: SourceKind, name: string): string {
  return `${kind} "${name}" not found`;
}

function decode(b64: string): string {
  return Buffer.from(b64, 'base64').toString('utf8');
}

function decodeAll(m: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m ?? {}).sort()) out[k] = decode(m?.[k] ?? '');
  return out;
}

/** The source `name` in `namespace`, or undefined when it does not exist. */
export function readSource(view: StateView, kind: SourceKind, namespace: string, name: string): SourceData | undefined {
  const resource = kind === 'configmap' ? 'configmaps' : 'secrets';
  const obj = view.get(objectKey({ group: '', resource, namespace, name }));
  if (obj === undefined) return undefined;
  if (kind === 'configmap') {
    const cm = obj as unknown as ConfigMap;
    return { data: { ...(cm.data ?? {}) }, binaryData: decodeAll(cm.binaryData) };
  }
  return { data: decodeAll((obj as unknown as Secret).data), binaryData: {} };
}
