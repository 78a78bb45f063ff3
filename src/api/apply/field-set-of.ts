/**
 * Deriving field sets from objects, as structured-merge-diff does:
 * `fieldSetOf` lists the leaves an object sets (scalars, atomic lists and
 * maps, empty maps, nulls) and every list item; `compareObjects` gives the
 * paths added, modified and removed between two versions, where a map or
 * item that appears or disappears is itself a path (hence `.` entries in
 * Update managers' sets).
 *
 * @example
 * fieldSetOf(cm, rootCtx('v1', 'ConfigMap')).has(['f:data', 'f:key']);
 */
import { badRequest } from '../../model/index.js';
import { deepEqual, isObject, type JsonObject } from '../patch/json-value.js';
import { FieldSet, FieldSetBuilder } from './field-set.js';
import { mergeKeyTable } from '../patch/merge-key-table.js';
import { fieldEl, pathString, type FieldPath, type PathElement } from './path-element.js';
import { shapeOf, type Child, type Ctx } from './object-shape.js';

/**
 * Every path `obj` sets. With `strict`, a keyed list item lacking a key
 * field (and with no default for it) is a 400 BadRequest, as for an
 * applied configuration; otherwise it falls back to its index.
 */
export function fieldSetOf(obj: unknown, ctx: Ctx, strict = false): FieldSet {
  const paths: FieldPath[] = [];
  const visit = (v: unknown, c: Ctx, path: FieldPath): void => {
    const shape = shapeOf(v, c);
    if (shape.kind === 'leaf') {
      if (path.length > 0) paths.push(path);
      return;
    }
    for (const ch of shape.children) {
      const p = [...path, ch.el];
      if (strict && ch.missingKey !== undefined) {
        throw badRequest(
          `${pathString(path)}: element ${ch.index ?? 0}: associative list with keys has an element that omits key field "${ch.missingKey}" (and doesn't have default value)`,
        );
      }
      visit(ch.value, ch.ctx, p);
      if (shape.kind === 'list') paths.push(p);
    }
  };
  visit(obj, ctx, []);
  return FieldSet.of(paths);
}

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** What changed from `lhs` to `rhs` (either may be undefined: absent). */
export function compareObjects(lhs: unknown, rhs: unknown, ctx: Ctx): Comparison {
  const added = new FieldSetBuilder();
  const modified = new FieldSetBuilder();
  const removed = new FieldSetBuilder();
  // One path stack, pushed and popped, instead of a fresh array per node.
  const path: PathElement[] = [];
  const walk = (l: unknown, r: unknown, c: Ctx, depth: number): void => {
    // A shared subtree changed nothing (the common case for what a write left alone).
    if (l === r && l !== undefined) return;
    const cl = category(l, c);
    const cr = category(r, c);
    const bothEmpty = (cl === 'absent' || cl === 'empty') && (cr === 'absent' || cr === 'empty');
    const clash = (cl === 'map' && cr === 'list') || (cl === 'list' && cr === 'map');
    if (cl === 'leaf' || cr === 'leaf' || bothEmpty || clash) {
      if (l === undefined) added.add(path, depth);
      else if (r === undefined) removed.add(path, depth);
      else if (!deepEqual(l, r)) modified.add(path, depth);
      return;
    }
    if (cl === 'map' || cr === 'map') {
      // Map fields are matched by name; the element and context follow from the key alone.
      const lm = cl === 'map' ? (l as JsonObject) : undefined;
      const rm = cr === 'map' ? (r as JsonObject) : undefined;
      if (rm !== undefined) {
        for (const k of Object.keys(rm)) {
          path[depth] = fieldEl(k);
          walk(lm !== undefined && Object.hasOwn(lm, k) ? lm[k] : undefined, rm[k], childCtx(c, k), depth + 1);
        }
      }
      if (lm !== undefined) {
        for (const k of Object.keys(lm)) {
          if (rm !== undefined && Object.hasOwn(rm, k)) continue;
          path[depth] = fieldEl(k);
          walk(lm[k], undefined, childCtx(c, k), depth + 1);
        }
      }
    } else {
      const lk = new Map(childrenOf(l, c).map((ch) => [ch.el, ch]));
      const rk = new Map(childrenOf(r, c).map((ch) => [ch.el, ch]));
      for (const [el, ch] of rk) {
        path[depth] = el;
        walk(lk.get(el)?.value, ch.value, ch.ctx, depth + 1);
      }
      for (const [el, ch] of lk) {
        if (rk.has(el)) continue;
        path[depth] = el;
        walk(ch.value, undefined, ch.ctx, depth + 1);
      }
    }
    if (depth > 0 && l === undefined) added.add(path, depth);
    else if (depth > 0 && r === undefined) removed.add(path, depth);
  };
  walk(lhs, rhs, ctx, 0);
  return { added: added.build(), modified: modified.build(), removed: removed.build() };
}

function childCtx(c: Ctx, k: string): Ctx {
  const rule = mergeKeyTable.fieldRule(c.type, k);
  return { rule, type: rule?.type };
}

type Category = 'absent' | 'empty' | 'map' | 'list' | 'leaf';

/** Empty maps and lists are leaves only when both sides are empty (keeps the empty/absent distinction). */
function category(v: unknown, c: Ctx): Category {
  if (v === undefined) return 'absent';
  if (Array.isArray(v)) return c.rule?.list === undefined ? 'leaf' : v.length === 0 ? 'empty' : 'list';
  if (isObject(v)) {
    if (c.rule?.atomic === true) return 'leaf';
    for (const _k in v) if (Object.hasOwn(v, _k)) return 'map';
    return 'empty';
  }
  return 'leaf';
}

function childrenOf(v: unknown, c: Ctx): readonly Child[] {
  if (v === undefined) return [];
  const shape = shapeOf(v, c);
  return shape.kind === 'leaf' ? [] : shape.children;
}
