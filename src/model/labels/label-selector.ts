/**
 * The structured `LabelSelector` (`matchLabels` + `matchExpressions`) used in
 * object specs: its validation (Kubernetes' `ValidateLabelSelector`, with
 * causes on `spec.selector.matchExpressions[0].values` style paths) and its
 * conversion to the same internal form the string parser produces.
 *
 * @example
 * const sel = fromLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] });
 * selectorToString(sel) // 'app=web,tier in (a)'
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { StatusCause } from '../status.js';
import { child, forbidden, index, invalidValue, required } from '../validation/field-errors.js';
import { isQualifiedName, isValidLabelValue } from '../validation/identifiers.js';
import { NOTHING, requirement, sortRequirements, type LabelSelectorInternal, type Requirement } from './selector.js';

export type { LabelSelector };

/** Validates label keys as `ValidateLabelName` does (cause on `path`, value = key). */
export function validateLabelKey(key: string, path: string): StatusCause[] {
  return isQualifiedName(key).map((m) => invalidValue(path, key, m));
}

/** Validates a label map (`metadata.labels`, `spec.selector.matchLabels`, a Service's `spec.selector`). */
export function validateLabels(labels: unknown, path: string): StatusCause[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) return [invalidValue(path, labels, 'must be a map of string keys to string values')];
  const out: StatusCause[] = [];
  for (const k of Object.keys(labels).sort()) {
    const v = (labels as Record<string, unknown>)[k];
    out.push(...validateLabelKey(k, path));
    if (typeof v !== 'string') out.push(invalidValue(path, v, 'label values must be strings'));
    else out.push(...isValidLabelValue(v).map((m) => invalidValue(path, v, m)));
  }
  return out;
}

/** `ValidateLabelSelector`: keys, values, operators and their arity. */
export function validateLabelSelector(sel: LabelSelector | undefined, path: string): StatusCause[] {
  if (sel === undefined || sel === null) return [];
  const out: StatusCause[] = [...validateLabels(sel.matchLabels, child(path, 'matchLabels'))];
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) out.push(required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) out.push(forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        out.push(invalidValue(child(p, 'operator'), e.operator, 'not a valid selector operator'));
    }
    out.push(...validateLabelKey(e.key ?? '', child(p, 'key')));
    values.forEach((v, j) => out.push(...isValidLabelValue(v).map((m) => invalidValue(index(child(p, 'values'), j), v, m))));
  });
  return out;
}

/**
 * `LabelSelectorAsSelector`: undefined/null → nothing, `{}` → everything.
 * Throws on an unknown operator (validate first to get causes instead).
 */
export function fromLabelSelector(sel: LabelSelector | undefined | null): LabelSelectorInternal {
  if (sel === undefined || sel === null) return NOTHING;
  const reqs: Requirement[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {})) reqs.push(requirement(k, '=', [sel.matchLabels?.[k] ?? '']));
  for (const e of sel.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In':
        reqs.push(requirement(e.key, 'in', e.values ?? []));
        break;
      case 'NotIn':
        reqs.push(requirement(e.key, 'notin', e.values ?? []));
        break;
      case 'Exists':
        reqs.push(requirement(e.key, 'exists'));
        break;
      case 'DoesNotExist':
        reqs.push(requirement(e.key, '!'));
        break;
      default:
        throw new Error(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    }
  }
  return sortRequirements(reqs);
}

/** True when a structured selector has no requirement at all (selects everything). */
export function isEmptyLabelSelector(sel: LabelSelector | undefined | null): boolean {
  return sel !== undefined && sel !== null && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
}
