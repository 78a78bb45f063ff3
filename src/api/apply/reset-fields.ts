/**
 * The fields an endpoint may not change and which therefore never enter a
 * manager's set: the main resource resets `status`; the `status`
 * subresource resets everything except `status` and `metadata` (registry
 * strategies do this; structured merge ignores them). Kinds without a status
 * subresource (custom resources that do not declare one) should pass an
 * empty set instead.
 */
import { isObject } from '../patch/json-value.js';
import { FieldSet } from './field-set.js';
import { fieldEl } from './path-element.js';

const KEEP_ON_STATUS = new Set(['apiVersion', 'kind', 'metadata', 'status']);

export function defaultResetFields(subresource: string, ...objects: readonly unknown[]): FieldSet {
  if (subresource !== 'status') return FieldSet.of([[fieldEl('status')]]);
  const keys = new Set<string>();
  for (const o of objects) if (isObject(o)) for (const k of Object.keys(o)) if (!KEEP_ON_STATUS.has(k)) keys.add(k);
  return FieldSet.of([...keys].sort().map((k) => [fieldEl(k)]));
}
