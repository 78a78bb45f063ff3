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
import { deepEqual, isObject } from '../patch/json-value.js';
import { FieldSet } from './field-set.js';
import { pathString, type FieldPath } from './path-element.js';
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
  const added: FieldPath[] = [];
  const modified: FieldPath[] = [];
  const removed: FieldPath[] = [];
  const walk = (l: unknown, r: unknown, c: Ctx, path: FieldPath): void => {
    const cl = category(l, c);
    const cr = category(r, c);
    const containers = (x: Category): boolean => x !== 'leaf';
    const bothEmpty = (cl === 'absent' || cl === 'empty') && (cr === 'absent' || cr === 'empty');
    const clash = (cl === 'map' && cr === 'list') || (cl === 'list' && cr === 'map');
    if (!containers(cl) || !containers(cr) || bothEmpty || clash) {
      if (l === undefined) added.push(path);
      else if (r === undefined) removed.push(path);
      else if (!deepEqual(l, r)) modified.push(path);
      return;
    }
    const lk = new Map(childrenOf(l, c).map((ch) => [ch.el, ch]));
    const rk = new Map(childrenOf(r, c).map((ch) => [ch.el, ch]));
    for (const [el, ch] of rk) walk(lk.get(el)?.value, ch.value, ch.ctx, [...path, el]);
    for (const [el, ch] of lk) if (!rk.has(el)) walk(ch.value, undefined, ch.ctx, [...path, el]);
    if (path.length > 0 && l === undefined) added.push(path);
    else if (path.length > 0 && r === undefined) removed.push(path);
  };
  walk(lhs, rhs, ctx, []);
  return { added: FieldSet.of(added), modified: FieldSet.of(modified), removed: FieldSet.of(removed) };
}

type Category = 'absent' | 'empty' | 'map' | 'list' | 'leaf';

/** Empty maps and lists are leaves only when both sides are empty (keeps the empty/absent distinction). */
function category(v: unknown, c: Ctx): Category {
  if (v === undefined) return 'absent';
  const shape = shapeOf(v, c);
  if (shape.kind !== 'leaf') return shape.kind;
  const emptyMap = isObject(v) && c.rule?.atomic !== true && Object.keys(v).length === 0;
  const emptyList = Array.isArray(v) && c.rule?.list !== undefined && v.length === 0;
  return emptyMap || emptyList ? 'empty' : 'leaf';
}

function childrenOf(v: unknown, c: Ctx): readonly Child[] {
  if (v === undefined) return [];
  const shape = shapeOf(v, c);
  return shape.kind === 'leaf' ? [] : shape.children;
}
