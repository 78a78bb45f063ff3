/**
 * managedFields for a non-apply write (create, update, patch): the writer
 * takes ownership of every field it added or changed, every other manager
 * loses those fields and any field the write removed, entries left empty
 * are dropped, and the writer's entry is merged into its earlier entry of
 * the same (manager, Update, apiVersion, subresource) with a new time. A
 * write that changed nothing leaves managedFields as they were. Managed
 * fields the client sends on the main resource replace the stored ones, as
 * Kubernetes allows (an empty list clears them, entries that do not decode
 * are ignored, see ./sent-managed-fields.ts); on a subresource they are
 * ignored.
 *
 * @example
 * const stored = updateManagedFields(live, updated, 'kube-controller-manager', 'Update', clock.now());
 */
import { invalid, type KubeObject, type ManagedFieldsEntry } from '../../model/index.js';
import { isObject, type JsonObject } from '../patch/json-value.js';
import type { FieldSet } from './field-set.js';
import { compareObjects } from './field-set-of.js';
import {
  STRIPPED_FIELDS,
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  managerId,
  rfc3339,
  type Manager,
} from './managed-fields.js';
import { rootCtx } from './object-shape.js';
import { defaultResetFields } from './reset-fields.js';
import { managedFieldsErrors, sentManagers } from './sent-managed-fields.js';

export interface ManagedFieldsOptions {
  /** Fields this endpoint resets (default: `defaultResetFields(subresource, …)`). */
  readonly resetFields?: FieldSet;
}

export function updateManagedFields<T extends KubeObject>(
  old: KubeObject | undefined,
  next: T,
  manager: string,
  operation: 'Update',
  time: string | number,
  subresource = '',
  options: ManagedFieldsOptions = {},
): T {
  const ctx = rootCtx(next.apiVersion, next.kind);
  const sent = subresource === '' ? sentManagers(next.metadata.managedFields) : undefined;
  const managers = sent ?? decodeManagedFields(old?.metadata.managedFields);
  const reset = options.resetFields ?? defaultResetFields(subresource, old, next);
  const before = old === undefined ? zeroObject(next) : withoutManagedFields(old);
  const cmp = compareObjects(before, withoutManagedFields(next), ctx);
  const changed = cmp.added.union(cmp.modified).recursiveDifference(reset);
  const removed = cmp.removed.recursiveDifference(reset);

  const out = new Map<string, Manager>();
  // An entry whose set is unchanged stays the same object (its stored encoding is then reused).
  const keep = (m: Manager, set: FieldSet): Manager => (set === m.set ? m : { ...m, set });
  for (const [id, m] of managers) out.set(id, keep(m, m.set.difference(changed).difference(removed)));
  const own = changed.difference(removed).difference(STRIPPED_FIELDS);
  if (!own.isEmpty) {
    const entry = { manager, operation, apiVersion: next.apiVersion, subresource };
    const id = managerId(entry);
    const prev = out.get(id)?.set;
    out.set(id, { ...entry, time: rfc3339(time), set: prev === undefined ? own : prev.union(own) });
  }
  for (const [id, m] of out) out.set(id, keep(m, m.set.difference(STRIPPED_FIELDS)));
  const entries = encodeManagedFields(capUpdateManagers(out));
  if (sent !== undefined) {
    const causes = managedFieldsErrors(entries);
    if (causes.length > 0) throw invalid(next.kind, groupOf(next.apiVersion), next.metadata.name ?? '', causes);
  }
  return withManagedFields(next, entries);
}

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');

export function withoutManagedFields(o: KubeObject): JsonObject {
  if (o.metadata.managedFields === undefined) return o;
  const { managedFields: _dropped, ...metadata } = o.metadata;
  return { ...o, metadata };
}

export function withManagedFields<T extends KubeObject>(o: T, entries: ManagedFieldsEntry[]): T {
  const { managedFields: _old, ...metadata } = o.metadata;
  return { ...o, metadata: entries.length === 0 ? metadata : { ...metadata, managedFields: entries } };
}

/**
 * What a create compares against: Kubernetes compares with the kind's zero
 * value, in which `metadata`, `spec` and `status` are present but empty
 * (they are not omitempty in Go), so a create owns `f:spec` children but not
 * a `.` for spec itself.
 */
function zeroObject(next: KubeObject): JsonObject {
  const zero: JsonObject = { metadata: {} };
  for (const k of ['spec', 'status']) if (isObject(next[k])) zero[k] = {};
  return zero;
}
