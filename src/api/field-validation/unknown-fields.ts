/**
 * Unknown fields of an object against its `FieldSchema`: finding them (as
 * kube-apiserver's strict decoding names them, `spec.template.spec.containers[0].imagee`),
 * and dropping them (what decoding into a typed struct or CRD pruning does,
 * so they are never stored). Walks go depth first with keys in sorted
 * order, the order Kubernetes reports fields of a re-encoded object in.
 */
import type { FieldSchema } from './field-schema.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One step of a path: a field name or a list index. */
export type PathSegment = string | number;

/** `spec.template.spec.containers[0].image`: fields joined by dots, indexes in brackets. */
export function decoderPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/** What a schema says about the value at `segments`: its schema, or `unknown` with the depth of the first unknown field. */
export function schemaAt(schema: FieldSchema, segments: readonly PathSegment[]): { known: FieldSchema } | { unknownAt: number } {
  let s = schema;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as PathSegment;
    switch (s.type) {
      case 'any':
      case 'leaf':
        return { known: s };
      case 'object': {
        if (typeof seg !== 'string') return { known: s };
        const f = s.field(seg);
        if (f === undefined) return s.open ? { known: { type: 'any' } } : { unknownAt: i };
        s = f;
        break;
      }
      case 'map':
        s = s.values;
        break;
      case 'list':
        if (typeof seg !== 'number') return { known: s };
        s = s.items;
        break;
    }
  }
  return { known: s };
}

/** Every unknown field of `value`, depth first, keys sorted; nothing below an unknown field is reported. */
export function unknownFieldPaths(schema: FieldSchema, value: unknown, prefix: readonly PathSegment[] = []): string[] {
  const out: string[] = [];
  const walk = (s: FieldSchema, v: unknown, path: PathSegment[]): void => {
    switch (s.type) {
      case 'any':
      case 'leaf':
        return;
      case 'object':
        if (!isObj(v)) return;
        for (const k of Object.keys(v).sort()) {
          const f = s.field(k);
          if (f === undefined) {
            if (!s.open) out.push(decoderPath([...path, k]));
          } else walk(f, v[k], [...path, k]);
        }
        return;
      case 'map':
        if (!isObj(v)) return;
        for (const k of Object.keys(v).sort()) walk(s.values, v[k], [...path, k]);
        return;
      case 'list':
        if (!Array.isArray(v)) return;
        v.forEach((item, i) => walk(s.items, item, [...path, i]));
        return;
    }
  };
  walk(schema, value, [...prefix]);
  return out;
}

/** `value` without its unknown fields; parts without any are returned as they were (same references). */
export function dropUnknownFields<T>(schema: FieldSchema, value: T): T {
  return drop(schema, value) as T;
}

function drop(s: FieldSchema, v: unknown): unknown {
  switch (s.type) {
    case 'any':
    case 'leaf':
      return v;
    case 'object': {
      if (!isObj(v)) return v;
      let out: Json | undefined;
      for (const k of Object.keys(v)) {
        const f = s.field(k);
        const next = f === undefined ? (s.open ? v[k] : DROP) : drop(f, v[k]);
        if (next !== v[k]) {
          out ??= { ...v };
          if (next === DROP) delete out[k];
          else out[k] = next;
        }
      }
      return out ?? v;
    }
    case 'map': {
      if (!isObj(v)) return v;
      let out: Json | undefined;
      for (const k of Object.keys(v)) {
        const next = drop(s.values, v[k]);
        if (next !== v[k]) (out ??= { ...v })[k] = next;
      }
      return out ?? v;
    }
    case 'list': {
      if (!Array.isArray(v)) return v;
      let out: unknown[] | undefined;
      v.forEach((item: unknown, i) => {
        const next = drop(s.items, item);
        if (next !== item) (out ??= [...(v as unknown[])])[i] = next;
      });
      return out ?? v;
    }
  }
}

const DROP = Symbol('drop');
