/**
 * What a StatefulSet ControllerRevision holds and how it is named, as
 * Kubernetes 1.32 builds it (statefulset `getPatch` / `newRevision` /
 * `ApplyRevision`, pkg/controller/history):
 *
 * - `data` is a strategic merge patch that puts the pod template back:
 *   `{"spec":{"template":{…,"$patch":"replace"}}}`, printed by Go's
 *   `json.Marshal` of a map (keys sorted at every level, `<`, `>` and `&`
 *   escaped as `\u003c`, `\u003e`, `\u0026`);
 * - its hash is FNV-1 (not 1a) 32-bit over those bytes, then the collision
 *   count's decimal digits when there is one, printed in decimal and mapped
 *   through `rand.SafeEncodeString`; the revision is named `SET-HASH` (the
 *   prefix cut at 223 characters) and labelled with the template's labels
 *   plus `controller.kubernetes.io/hash`;
 * - `EqualRevision` compares the data bytes, but first says "different"
 *   when both hash labels parse as decimal int32 and differ (a quirk kept).
 *
 * Not reproduced: Go encodes the typed template (zero-valued fields such as
 * `"creationTimestamp":null` included), so the bytes — and the hashes —
 * differ from kube-controller-manager's for the same template; they are
 * stable, change with every field of the template, and with collisionCount.
 */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.js';
import { safeEncodeString } from '../deployment/pod-template-hash.js';
import { REVISION_HASH_LABEL } from './names.js';

/** Go's `json.Marshal` of decoded JSON: sorted keys, HTML-escaped. */
export function goJson(v: unknown): string {
  const text = JSON.stringify(v, (_k, val: unknown) => {
    if (val === null || typeof val !== 'object' || Array.isArray(val)) return val;
    const o = val as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  });
  return text.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** FNV-1, 32 bits. */
export function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  return h;
}

/** `getPatch`: the template-replacing patch a revision stores. */
export function revisionData(set: StatefulSet): Record<string, unknown> {
  return { spec: { template: { ...structuredClone(set.spec?.template ?? {}), $patch: 'replace' } } };
}

/** `HashControllerRevision(revision, probe)`. */
export function hashRevision(data: unknown, probe: number | undefined): string {
  const enc = new TextEncoder();
  let h = fnv32(enc.encode(goJson(data)));
  if (probe !== undefined) h = fnv32(enc.encode(String(probe)), h);
  return safeEncodeString(String(h));
}

/** `ControllerRevisionName`. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

function hashLabelValue(r: ControllerRevision): number | undefined {
  const s = r.metadata?.labels?.[REVISION_HASH_LABEL];
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= -2147483648 && n <= 2147483647 ? n >>> 0 : undefined;
}

/** `history.EqualRevision`. */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  const ha = hashLabelValue(a);
  const hb = hashLabelValue(b);
  if (ha !== undefined && hb !== undefined && ha !== hb) return false;
  return goJson(a.data ?? null) === goJson(b.data ?? null);
}

/** `ApplyRevision`: the set with the revision's template (the patch replaces `spec.template` whole). */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const t = ((revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}) as Record<string, unknown>;
  const { $patch: _drop, ...template } = t;
  return { ...set, spec: { ...set.spec!, template: template as NonNullable<StatefulSet['spec']>['template'] } };
}

/** `history.SortControllerRevisions`: by revision, then creation time, then name. */
export function sortRevisions(revs: readonly ControllerRevision[]): ControllerRevision[] {
  return [...revs].sort((a, b) => {
    if (a.revision !== b.revision) return a.revision - b.revision;
    const ta = a.metadata?.creationTimestamp ?? '';
    const tb = b.metadata?.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
}
