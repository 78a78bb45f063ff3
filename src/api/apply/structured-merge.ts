/**
 * The object half of server-side apply: merging an applied configuration
 * into the live object (maps merged, keyed and set lists merged item by
 * item, atomic lists and scalars replaced, a `null` in the configuration
 * clearing the field), removing a set of paths from an object, and putting
 * back fields an endpoint may not change (status on the main resource,
 * everything but status on `/status`). Pure: inputs are never mutated;
 * unchanged subtrees may be shared with the inputs.
 */
import { isObject, type JsonObject } from '../patch/json-value.js';
import type { FieldSet } from './field-set.js';
import { shapeOf, type Child, type Ctx } from './object-shape.js';

/** `config` merged over `live`. Items new to a list follow the live ones, in the configuration's order. */
export function mergeApplied(live: unknown, config: unknown, ctx: Ctx): unknown {
  if (config === undefined) return live;
  if (live === undefined || config === null) return dropNulls(config);
  const sl = shapeOf(live, ctx);
  const sc = shapeOf(config, ctx);
  if (sl.kind === 'map' && sc.kind === 'map') {
    const out: JsonObject = { ...(live as JsonObject) };
    for (const ch of sc.children) {
      const k = ch.el.slice(2);
      if (ch.value === null) delete out[k];
      else out[k] = mergeApplied(out[k], ch.value, ch.ctx);
    }
    return out;
  }
  if (sl.kind === 'list' && sc.kind === 'list') {
    const fromConfig = new Map(sc.children.map((ch) => [ch.el, ch]));
    const liveEls = new Set(sl.children.map((ch) => ch.el));
    const out = (live as unknown[]).map((item, i) => {
      const lch = sl.children.find((ch) => ch.index === i);
      const cch = lch === undefined ? undefined : fromConfig.get(lch.el);
      return lch === undefined || cch === undefined ? item : mergeApplied(item, cch.value, lch.ctx);
    });
    for (const ch of sc.children) if (!liveEls.has(ch.el)) out.push(dropNulls(ch.value));
    return out;
  }
  return dropNulls(config);
}

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
  return out;
}

/** `obj` without the subtrees at the member paths of `set`. */
export function removePaths(obj: unknown, set: FieldSet, ctx: Ctx): unknown {
  if (set.isEmpty) return obj;
  const shape = shapeOf(obj, ctx);
  if (shape.kind === 'leaf') return obj;
  const keep = (ch: Child): boolean => !set.child(ch.el).member;
  const next = (ch: Child): unknown => removePaths(ch.value, set.child(ch.el), ch.ctx);
  if (shape.kind === 'map') {
    const out: JsonObject = {};
    for (const ch of shape.children) if (keep(ch)) out[ch.el.slice(2)] = next(ch);
    return out;
  }
  const byIndex = new Map(shape.children.map((ch) => [ch.index, ch]));
  const out: unknown[] = [];
  (obj as unknown[]).forEach((item, i) => {
    const ch = byIndex.get(i);
    if (ch === undefined) out.push(item); // a duplicate: follows its first occurrence's fate below
    else if (keep(ch)) out.push(next(ch));
  });
  return out;
}

/**
 * The top-level (and nested `f:`) fields named in `reset` copied back from
 * `live` into `obj` (or removed when `live` lacks them), as a registry
 * strategy resets the fields an endpoint does not own.
 */
export function restoreFields(obj: JsonObject, live: JsonObject | undefined, reset: FieldSet): JsonObject {
  if (reset.isEmpty) return obj;
  const out: JsonObject = { ...obj };
  for (const el of reset.elements()) {
    if (!el.startsWith('f:')) continue;
    const k = el.slice(2);
    const sub = reset.child(el);
    const lv = live?.[k];
    if (sub.member) {
      if (lv === undefined) delete out[k];
      else out[k] = lv;
    } else if (isObject(out[k])) {
      out[k] = restoreFields(out[k] as JsonObject, isObject(lv) ? lv : undefined, sub);
    }
  }
  return out;
}
