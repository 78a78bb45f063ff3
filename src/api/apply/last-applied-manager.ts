/**
 * The client-side → server-side apply upgrade path of kube-apiserver's
 * lastAppliedManager: a server-side apply by the field manager `kubectl`
 * that conflicts only on fields recorded in the object's
 * last-applied-configuration annotation, whose live values still equal the
 * recorded ones, is forced instead of refused (those fields were set by
 * `kubectl apply` and nobody changed them since). Any other conflict is
 * still refused, listing only the conflicts not so allowed. Another field
 * manager opts out of the upgrade.
 *
 * @example
 * const allowed = allowedConflictsFromLastApplied(live, 'apps/v1'); // undefined: no usable annotation
 */
import type { KubeObject } from '../../model/index.js';
import { isObject } from '../patch/json-value.js';
import type { FieldSet } from './field-set.js';
import { compareObjects, fieldSetOf } from './field-set-of.js';
import { lastAppliedOf } from './last-applied.js';
import type { Manager } from './managed-fields.js';
import { rootCtx } from './object-shape.js';
import { withoutManagedFields } from './update-managed-fields.js';

/** The field manager of `kubectl apply --server-side`, the only one the upgrade (and the annotation's upkeep) applies to. */
export const KUBECTL_APPLY_MANAGER = 'kubectl';

export interface ApplyConflicts {
  readonly manager: Manager;
  readonly fields: FieldSet;
}

/**
 * The fields of `live`'s last-applied configuration whose live values equal
 * the recorded ones; undefined when there is no annotation, it does not
 * parse as an object of `live`'s kind, or it was written for another
 * version than `groupVersion` (the version of the request).
 */
export function allowedConflictsFromLastApplied(live: KubeObject, groupVersion: string): FieldSet | undefined {
  const text = lastAppliedOf(live);
  if (text === undefined) return undefined;
  let recorded: unknown;
  try {
    recorded = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(recorded) || recorded['kind'] !== live.kind || recorded['apiVersion'] !== groupVersion) return undefined;
  const ctx = rootCtx(groupVersion, live.kind);
  let set: FieldSet;
  try {
    set = fieldSetOf(recorded, ctx, true);
  } catch {
    return undefined;
  }
  const cmp = compareObjects(recorded, withoutManagedFields(live), ctx);
  return set.difference(cmp.modified).difference(cmp.added).difference(cmp.removed);
}

/** The conflicts left once the allowed fields are taken out (managers left without any are dropped). */
export function conflictsNotAllowed(conflicts: readonly ApplyConflicts[], allowed: FieldSet): ApplyConflicts[] {
  const out: ApplyConflicts[] = [];
  for (const c of conflicts) {
    const fields = c.fields.difference(allowed);
    if (!fields.isEmpty) out.push({ manager: c.manager, fields });
  }
  return out;
}
