/**
 * How structured merge sees one JSON value, given the merge-key table: a
 * leaf (scalar, null, atomic list or map, or an empty map/list), a map of
 * named fields, or a list of items named by key (`k:`), value (`v:`) or,
 * when an item lacks its key, by index (`i:`). Shared by field-set
 * derivation, comparison, merging and pruning so they agree on structure.
 */
import { isObject } from '../patch/json-value.js';
import { mergeKeyTable, type FieldRule, type TypeCursor } from '../patch/merge-key-table.js';
import { fieldEl, indexEl, keyEl, singleKeyEl, valueEl, type PathElement } from './path-element.js';

/** Where a value sits: the rule of the field holding it and the named type of the value (or of its items). */
export interface Ctx {
  readonly rule: FieldRule | undefined;
  readonly type: TypeCursor;
}

export interface Child {
  readonly el: PathElement;
  readonly value: unknown;
  readonly ctx: Ctx;
  /** For list items: the position in the list. */
  readonly index?: number;
  /** For a keyed list item that lacks a key field with no default: the missing field. */
  readonly missingKey?: string;
}

export type Shape =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'map'; readonly children: readonly Child[] }
  | { readonly kind: 'list'; readonly children: readonly Child[] };

const LEAF: Shape = { kind: 'leaf' };

export function rootCtx(apiVersion: string, kind: string): Ctx {
  return { rule: undefined, type: mergeKeyTable.rootType(apiVersion, kind) };
}

/** The structure of `v`; duplicates in a keyed or set list keep their first occurrence. */
export function shapeOf(v: unknown, ctx: Ctx): Shape {
  if (isObject(v)) {
    const keys = Object.keys(v);
    if (ctx.rule?.atomic === true || keys.length === 0) return LEAF;
    return {
      kind: 'map',
      children: keys.map((k) => {
        const rule = mergeKeyTable.fieldRule(ctx.type, k);
        return { el: fieldEl(k), value: v[k], ctx: { rule, type: rule?.type } };
      }),
    };
  }
  if (Array.isArray(v)) {
    const list = ctx.rule?.list;
    if (list === undefined || v.length === 0) return LEAF;
    const seen = new Set<PathElement>();
    const children: Child[] = [];
    // Items share one context (it is read-only).
    const itemCtx: Ctx = { rule: undefined, type: ctx.type };
    for (let index = 0; index < v.length; index++) {
      const item: unknown = v[index];
      const named = list === 'set' ? { el: valueEl(item) } : itemKey(item, index, ctx.rule as FieldRule);
      if (seen.has(named.el)) continue;
      seen.add(named.el);
      children.push(
        named.missingKey === undefined
          ? { el: named.el, value: item, index, ctx: itemCtx }
          : { el: named.el, missingKey: named.missingKey, value: item, index, ctx: itemCtx },
      );
    }
    return { kind: 'list', children };
  }
  return LEAF;
}

function itemKey(item: unknown, index: number, rule: FieldRule): { el: PathElement; missingKey?: string } {
  const keys = rule.keys ?? [];
  if (keys.length === 1) {
    // The common single-key list (name, type, ...): no intermediate object.
    const k = keys[0] as string;
    const v = isObject(item) ? (item[k] ?? rule.keyDefaults?.[k]) : undefined;
    if (v === undefined || isObject(v) || Array.isArray(v)) return { el: indexEl(index), missingKey: k };
    return { el: singleKeyEl(k, v) };
  }
  const fields: Record<string, unknown> = {};
  for (const k of keys) {
    const v = isObject(item) ? (item[k] ?? rule.keyDefaults?.[k]) : undefined;
    if (v === undefined || isObject(v) || Array.isArray(v)) return { el: indexEl(index), missingKey: k };
    fields[k] = v;
  }
  return { el: keyEl(fields) };
}
