/**
 * managedFields a client writes itself (an update or patch of the main
 * resource that sets `metadata.managedFields`, as `kubectl apply
 * --server-side` does with a JSON patch when it moves the client-side apply
 * manager's fields to its own Apply entry), taken as kube-apiserver takes
 * them: an empty list, or one empty entry, clears them; entries that do not
 * decode (unknown operation, no apiVersion, a fieldsType other than
 * `FieldsV1`, a malformed fieldsV1) are ignored in favour of the stored ones,
 * so a client that does not understand managedFields cannot lose them; and
 * what is kept is validated as `ValidateManagedFields` does (operation,
 * fieldsType, manager at most 128 bytes of printable characters,
 * subresource at most 256 bytes), a 422 otherwise.
 *
 * @example
 * const managers = sentManagers(next.metadata.managedFields) ?? decodeManagedFields(old?.metadata.managedFields);
 */
import { fieldErrors, type ManagedFieldsEntry, type StatusCause } from '../../model/index.js';
import { isObject } from '../patch/json-value.js';
import { decodeManagedFields, type Manager } from './managed-fields.js';

/** Kubernetes' limits on a managedFields entry's manager and subresource names (bytes). */
export const FIELD_MANAGER_MAX_LENGTH = 128;
export const MAX_SUBRESOURCE_NAME_LENGTH = 256;

/** The managers the client sent; undefined when the stored ones apply (nothing sent, or nothing usable). */
export function sentManagers(sent: readonly ManagedFieldsEntry[] | undefined): Map<string, Manager> | undefined {
  if (sent === undefined || !Array.isArray(sent)) return undefined;
  if (sent.length === 0 || (sent.length === 1 && isObject(sent[0]) && Object.keys(sent[0]).length === 0)) return new Map();
  if (!sent.every(decodable)) return undefined;
  try {
    const managers = decodeManagedFields(sent);
    return managers.size === 0 ? undefined : managers;
  } catch {
    return undefined;
  }
}

function decodable(e: unknown): boolean {
  return (
    isObject(e) &&
    (e['operation'] === 'Apply' || e['operation'] === 'Update') &&
    typeof e['apiVersion'] === 'string' &&
    e['apiVersion'] !== '' &&
    e['fieldsType'] === 'FieldsV1'
  );
}

/** `ValidateManagedFields` over the entries an object is stored with. */
export function managedFieldsErrors(entries: readonly ManagedFieldsEntry[] | undefined, path = 'metadata.managedFields'): StatusCause[] {
  const out: StatusCause[] = [];
  (entries ?? []).forEach((e, i) => {
    const at = fieldErrors.index(path, i);
    if (e.operation !== 'Apply' && e.operation !== 'Update') {
      out.push(fieldErrors.invalidValue(fieldErrors.child(at, 'operation'), e.operation ?? '', 'must be `Apply` or `Update`'));
    }
    if (e.fieldsType !== undefined && e.fieldsType !== '' && e.fieldsType !== 'FieldsV1') {
      out.push(fieldErrors.invalidValue(fieldErrors.child(at, 'fieldsType'), e.fieldsType, 'must be `FieldsV1`'));
    }
    out.push(...fieldManagerErrors(e.manager ?? '', fieldErrors.child(at, 'manager')));
    if (Buffer.byteLength(e.subresource ?? '') > MAX_SUBRESOURCE_NAME_LENGTH) {
      out.push(fieldErrors.tooLong(fieldErrors.child(at, 'subresource'), MAX_SUBRESOURCE_NAME_LENGTH));
    }
  });
  return out;
}

/** `ValidateFieldManager`: at most 128 bytes, every character printable (Go's `unicode.IsPrint`). */
export function fieldManagerErrors(manager: string, path: string): StatusCause[] {
  const out: StatusCause[] = [];
  if (Buffer.byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) out.push(fieldErrors.tooLong(path, FIELD_MANAGER_MAX_LENGTH));
  let at = 0;
  for (const ch of manager) {
    if (!PRINTABLE.test(ch)) {
      const code = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      out.push(fieldErrors.invalidValue(path, manager, `invalid character U+${code} (at position ${at})`));
    }
    at += Buffer.byteLength(ch);
  }
  return out;
}

/** Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
