/**
 * Secret values out of exported histories: a Secret's `data` and
 * `stringData` values (and a `kubectl.kubernetes.io/last-applied-configuration`
 * annotation, which repeats them) are replaced by a marker, in objects, in
 * JSON Patch operations on Secrets, and in commands. Keys stay, so a
 * redacted history still shows which entries changed and when.
 */
import type { Command, JsonPatch, KubeObject } from '../model/index.js';

/** `REDACTED` in base64, so `data` stays valid base64. */
export const REDACTED_DATA = 'UkVEQUNURUQ=';
export const REDACTED_TEXT = 'REDACTED';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function redactMap(m: unknown, marker: string): unknown {
  if (m === null || typeof m !== 'object') return m;
  return Object.fromEntries(Object.keys(m).map((k) => [k, marker]));
}

export function redactSecret(o: KubeObject): KubeObject {
  if (o.kind !== 'Secret') return o;
  const out: Record<string, unknown> = { ...o };
  if (o['data'] !== undefined) out['data'] = redactMap(o['data'], REDACTED_DATA);
  if (o['stringData'] !== undefined) out['stringData'] = redactMap(o['stringData'], REDACTED_TEXT);
  const ann = o.metadata.annotations;
  if (ann?.[LAST_APPLIED] !== undefined) out['metadata'] = { ...o.metadata, annotations: { ...ann, [LAST_APPLIED]: REDACTED_TEXT } };
  return out as KubeObject;
}

/** A patch to a Secret with every value under /data, /stringData and the last-applied annotation redacted. */
export function redactSecretPatch(patch: JsonPatch): JsonPatch {
  return patch.map((op) => {
    if (!('value' in op)) return op;
    const p = op.path;
    if (p === '/data' || p === '/stringData') return { ...op, value: redactMap(op.value, p === '/data' ? REDACTED_DATA : REDACTED_TEXT) };
    if (p.startsWith('/data/')) return { ...op, value: REDACTED_DATA };
    if (p.startsWith('/stringData/')) return { ...op, value: REDACTED_TEXT };
    if (p === `/metadata/annotations/${LAST_APPLIED.replace('/', '~1')}`) return { ...op, value: REDACTED_TEXT };
    if (p === '/metadata/annotations' && op.value !== null && typeof op.value === 'object' && LAST_APPLIED in op.value) {
      return { ...op, value: { ...(op.value as Record<string, unknown>), [LAST_APPLIED]: REDACTED_TEXT } };
    }
    if (p === '' && op.value !== null && typeof op.value === 'object') return { ...op, value: redactSecret(op.value as KubeObject) };
    return op;
  });
}

export function redactCommand(c: Command): Command {
  if (c.type === 'create' || c.type === 'update' || c.type === 'apply') return c.object.kind === 'Secret' ? { ...c, object: redactSecret(c.object) } : c;
  if (c.type === 'patch' && c.ref.kind === 'Secret') {
    if (Array.isArray(c.patch)) return { ...c, patch: redactSecretPatch(c.patch as JsonPatch) };
    const m = (c.patch ?? {}) as Record<string, unknown>;
    return {
      ...c,
      patch: {
        ...m,
        ...(m['data'] === undefined ? {} : { data: redactMap(m['data'], REDACTED_DATA) }),
        ...(m['stringData'] === undefined ? {} : { stringData: redactMap(m['stringData'], REDACTED_TEXT) }),
      },
    };
  }
  return c;
}
