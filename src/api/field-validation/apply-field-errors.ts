/**
 * Unknown fields in a server-side apply configuration, as structured-merge-diff
 * reports them when it converts the applied object to a typed value:
 * `.spec.replicaz: field not declared in schema`, with list items named by
 * their keys (`.spec.template.spec.containers[name="web"].imagee`). Like
 * structured-merge-diff, a map's walk stops at its first unknown field
 * (keys taken in sorted order, where Go's map order is random), so each
 * map reports at most one.
 */
import { mergeKeyTable, type FieldRule, type TypeCursor } from '../patch/merge-key-table.js';
import { fieldEl, indexEl, keyEl, pathString, singleKeyEl, type PathElement } from '../apply/path-element.js';
import type { FieldSchema } from './field-schema.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `.spec.replicaz: field not declared in schema`, one per map holding an unknown field, depth first. */
export function applyFieldErrors(schema: FieldSchema, applied: Json, apiVersion: string, kind: string): string[] {
  const out: string[] = [];
  const walk = (s: FieldSchema, v: unknown, type: TypeCursor, rule: FieldRule | undefined, path: PathElement[]): void => {
    switch (s.type) {
      case 'any':
      case 'leaf':
        return;
      case 'object':
        if (!isObj(v)) return;
        for (const k of Object.keys(v).sort()) {
          const f = s.field(k);
          if (f === undefined) {
            if (s.open) continue;
            out.push(`${pathString([...path, fieldEl(k)])}: field not declared in schema`);
            return;
          }
          const r = mergeKeyTable.fieldRule(type, k);
          walk(f, v[k], r?.type, r, [...path, fieldEl(k)]);
        }
        return;
      case 'map':
        if (!isObj(v)) return;
        for (const k of Object.keys(v).sort()) walk(s.values, v[k], type, undefined, [...path, fieldEl(k)]);
        return;
      case 'list':
        if (!Array.isArray(v)) return;
        v.forEach((item: unknown, i) => walk(s.items, item, type, undefined, [...path, itemElement(item, i, rule)]));
        return;
    }
  };
  walk(schema, applied, mergeKeyTable.rootType(apiVersion, kind), undefined, []);
  return out;
}

/** An associative list's item by its keys (defaults filled), anything else by index. */
function itemElement(item: unknown, index: number, rule: FieldRule | undefined): PathElement {
  const keys = rule?.list === 'map' ? (rule.keys ?? []) : [];
  if (keys.length === 0 || !isObj(item)) return indexEl(index);
  const fields: Json = {};
  for (const k of keys) {
    const v = item[k] ?? rule?.keyDefaults?.[k];
    if (v === undefined || typeof v === 'object') return indexEl(index);
    fields[k] = v;
  }
  return keys.length === 1 ? singleKeyEl(keys[0] as string, fields[keys[0] as string]) : keyEl(fields);
}

/** structured-merge-diff's joining of several errors: `errors:` then one indented line each. */
export function joinApplyErrors(errors: readonly string[]): string {
  return errors.length === 1 ? (errors[0] as string) : ['errors:', ...errors.map((e) => `  ${e}`)].join('\n');
}
