/**
 * One source of truth for how the built-in kinds' lists and maps merge, used
 * by strategic merge patch (patch strategies, merge keys, retainKeys) and by
 * server-side apply / managedFields (associative lists and their keys, sets,
 * atomic structs). A cursor is the named type of the value at hand; walk it
 * down with `fieldRule(type, name).type`. Unknown types have no rules: maps
 * are merged field by field, lists are atomic (replaced).
 *
 * @example
 * const pod = mergeKeyTable.rootType('v1', 'Pod');              // 'Pod' root
 * const spec = mergeKeyTable.fieldRule(pod, 'spec')?.type;      // 'PodSpec'
 * mergeKeyTable.fieldRule(spec, 'containers');                  // { list: 'map', smpMergeKey: 'name', keys: ['name'], ... }
 */
import { splitApiVersion } from '../../model/index.js';
import type { FieldRule } from './field-rule.js';
import { KINDS, TYPES } from './merge-keys.js';

export type { FieldRule } from './field-rule.js';

/** A named type in the table, or undefined for "no rules known". */
export type TypeCursor = string | undefined;


const ROOT_PREFIX = 'kind:';

function kindKey(apiVersion: string, kind: string): string {
  return `${splitApiVersion(apiVersion).group}/${kind}`;
}

/** The root cursor of an object of this kind (a generic object root for kinds without rules). */
function rootType(apiVersion: string, kind: string): TypeCursor {
  const key = kindKey(apiVersion, kind);
  return KINDS[key] === undefined ? 'Object' : ROOT_PREFIX + key;
}

/** The rule of `field` inside a value of type `type`, if the table has one. */
function fieldRule(type: TypeCursor, field: string): FieldRule | undefined {
  if (type === undefined) return undefined;
  const fields = type.startsWith(ROOT_PREFIX) ? KINDS[type.slice(ROOT_PREFIX.length)] : TYPES[type];
  return fields?.[field];
}

/** True if the table has kind-specific rules for this kind. */
function hasRules(apiVersion: string, kind: string): boolean {
  return KINDS[kindKey(apiVersion, kind)] !== undefined;
}

export const mergeKeyTable = { rootType, fieldRule, hasRules } as const;
export type MergeKeyTable = typeof mergeKeyTable;
