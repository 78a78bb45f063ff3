/**
 * The 409 Conflict of a refused server-side apply, worded as the API server
 * words it: one cause per conflicting field, reason `FieldManagerConflict`,
 * naming the other manager (`"kube-controller-manager" using apps/v1` for an
 * Update manager, `"other-applier"` for an Apply one).
 *
 * @example
 * // Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
 */
import { StatusError, statusOf, type StatusCause } from '../../model/index.js';
import type { FieldSet } from './field-set.js';
import type { Manager } from './managed-fields.js';
import { pathString } from './path-element.js';

export const FIELD_MANAGER_CONFLICT = 'FieldManagerConflict';

export function describeManager(m: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource !== '') s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion}`;
  return s;
}

/** `conflicts`: the other managers (sorted by identity) and the fields of theirs the apply would change. */
export function applyConflict(conflicts: readonly { readonly manager: Manager; readonly fields: FieldSet }[]): StatusError {
  const causes: StatusCause[] = [];
  const lines: string[] = [];
  for (const { manager, fields } of conflicts) {
    const who = describeManager(manager);
    lines.push(`conflicts with ${who}:`);
    for (const p of fields.paths()) {
      causes.push({ reason: FIELD_MANAGER_CONFLICT, message: `conflict with ${who}`, field: pathString(p) });
      lines.push(`- ${pathString(p)}`);
    }
  }
  const message =
    causes.length === 1
      ? `Apply failed with 1 conflict: ${causes[0]?.message ?? ''}: ${causes[0]?.field ?? ''}`
      : `Apply failed with ${causes.length} conflicts: ${lines.join('\n')}`;
  return new StatusError(statusOf('Conflict', message, { causes }));
}
