/**
 * Path elements of managed-field sets, in their FieldsV1 spelling:
 * `f:<field>` (a map field), `k:<json>` (an associative list item, by its
 * key fields, keys sorted), `v:<json>` (an item of a set-like primitive
 * list), `i:<n>` (a list item by index, the fallback when no key exists).
 * A path is a list of such elements from the object root. Also renders
 * paths as Kubernetes prints them in conflict messages:
 * `.spec.containers[name="nginx"].image`.
 */
import { isObject } from '../patch/json-value.js';

export type PathElement = string;
export type FieldPath = readonly PathElement[];

export const fieldEl = (name: string): PathElement => `f:${name}`;
export const valueEl = (v: unknown): PathElement => `v:${JSON.stringify(v)}`;
export const indexEl = (i: number): PathElement => `i:${i}`;

/** `k:{"containerPort":80,"protocol":"TCP"}`: key fields sorted by name, compact JSON. */
export function keyEl(fields: Readonly<Record<string, unknown>>): PathElement {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(fields).sort()) sorted[k] = fields[k];
  return `k:${JSON.stringify(sorted)}`;
}

/** `keyEl({ [name]: value })` without building the object (the same text). */
export function singleKeyEl(name: string, value: unknown): PathElement {
  return `k:{${JSON.stringify(name)}:${JSON.stringify(value)}}`;
}

export type ParsedElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

/** Parses an element; undefined if it is not one of the four forms. */
export function parseElement(el: string): ParsedElement | undefined {
  const body = el.slice(2);
  try {
    switch (el.slice(0, 2)) {
      case 'f:':
        return { kind: 'field', name: body };
      case 'k:': {
        const fields: unknown = JSON.parse(body);
        return isObject(fields) ? { kind: 'key', fields } : undefined;
      }
      case 'v:':
        return { kind: 'value', value: JSON.parse(body) as unknown };
      case 'i:':
        return /^(0|[1-9][0-9]*)$/.test(body) ? { kind: 'index', index: Number(body) } : undefined;
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** The rank of an element's prefix (`f:` 0, `k:` 1, `v:` 2, `i:` 3, anything else 4), without slicing. */
function rank(el: PathElement): number {
  if (el.charCodeAt(1) !== 58 /* ':' */) return 4;
  switch (el.charCodeAt(0)) {
    case 102 /* f */:
      return 0;
    case 107 /* k */:
      return 1;
    case 118 /* v */:
      return 2;
    case 105 /* i */:
      return 3;
    default:
      return 4;
  }
}

/** Kubernetes' element order: fields, then keys, values, indexes; then by content. */
export function compareElements(a: PathElement, b: PathElement): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 3) return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `.spec.containers[name="nginx"].image`, `.metadata.finalizers[="x"]`, `.items[0]`. */
export function pathString(path: FieldPath): string {
  return path
    .map((el) => {
      const p = parseElement(el);
      if (p === undefined) return el;
      switch (p.kind) {
        case 'field':
          return `.${p.name}`;
        case 'key':
          return `[${Object.entries(p.fields)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(',')}]`;
        case 'value':
          return `[=${JSON.stringify(p.value)}]`;
        case 'index':
          return `[${p.index}]`;
      }
    })
    .join('');
}
