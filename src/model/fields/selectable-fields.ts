/**
 * The fields a kind's objects can be selected on, and their values, as
 * Kubernetes' per-kind `ToSelectableFields` computes them: `metadata.name`
 * and `metadata.namespace` for every kind, plus the kind's own fields
 * (`KindInfo.fieldSelectors`). Asking for any other field is the error the
 * API turns into a 400: `field label not supported: X`.
 *
 * @example
 * selectableFields(podKind, pod)['spec.hostNetwork'] // 'false' when unset
 */
import type { KindInfo } from '../kinds/kind-info.js';
import type { FieldSelector } from './field-selector.js';

/** The message Kubernetes gives for an unsupported field label. */
export const fieldLabelNotSupported = (field: string): string => `field label not supported: ${field}`;

export class FieldLabelNotSupportedError extends Error {
  constructor(readonly field: string) {
    super(fieldLabelNotSupported(field));
    this.name = 'FieldLabelNotSupportedError';
  }
}

/** Every field `kind` supports in a field selector. */
export function supportedFields(kind: KindInfo): readonly string[] {
  return ['metadata.name', 'metadata.namespace', ...kind.fieldSelectors];
}

/** Throws `FieldLabelNotSupportedError` for the first field `kind` does not support. */
export function checkFieldSelector(kind: KindInfo, selector: FieldSelector): void {
  const ok = new Set(supportedFields(kind));
  for (const r of selector) if (!ok.has(r.field)) throw new FieldLabelNotSupportedError(r.field);
}

type Obj = Record<string, unknown>;

function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[p];
  }
  return cur;
}

function text(v: unknown, fallback = ''): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fallback;
}

/** Special cases where Kubernetes' value is not just the field at that path. */
function special(kind: KindInfo, obj: unknown, field: string): string | undefined {
  const core = kind.group === '';
  if (core && kind.kind === 'Pod') {
    if (field === 'spec.hostNetwork') return text(at(obj, 'spec.hostNetwork'), 'false');
    if (field === 'status.podIP') {
      const ips = at(obj, 'status.podIPs');
      const first = Array.isArray(ips) ? text((ips[0] as Obj | undefined)?.ip) : '';
      return first !== '' ? first : text(at(obj, 'status.podIP'));
    }
  }
  if (core && kind.kind === 'Node' && field === 'spec.unschedulable') return text(at(obj, 'spec.unschedulable'), 'false');
  if (core && kind.kind === 'Event' && field === 'source') return text(at(obj, 'source.component'));
  if (field === 'status.replicas' || field === 'status.successful') return text(at(obj, field), '0');
  return undefined;
}

/** The selectable fields of `obj` and their values as strings (`''` when absent). */
export function selectableFields(kind: KindInfo, obj: unknown): Record<string, string> {
  const out: Record<string, string> = {
    'metadata.name': text(at(obj, 'metadata.name')),
    'metadata.namespace': kind.namespaced ? text(at(obj, 'metadata.namespace')) : '',
  };
  for (const f of kind.fieldSelectors) out[f] = special(kind, obj, f) ?? text(at(obj, f));
  return out;
}
