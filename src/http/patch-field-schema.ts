/**
 * Field schemas seen through patches: a strategic merge patch may carry
 * directives (`$patch`, `$retainKeys`, `$setElementOrder/containers`,
 * `$deleteFromPrimitiveList/finalizers`) beside the object's own fields, and
 * a JSON Patch operation writes at a JSON Pointer whose schema is looked up
 * along the pointer.
 */
import type { FieldSchema, PathSegment } from '../api/index.js';
import { schemaAt } from '../api/index.js';

const ANY: FieldSchema = { type: 'any' };

/** `schema` with every `$…` directive key known (and its value unchecked), at every depth. */
export function smpSchema(schema: FieldSchema): FieldSchema {
  switch (schema.type) {
    case 'any':
    case 'leaf':
      return schema;
    case 'object':
      return {
        type: 'object',
        open: schema.open,
        field: (name) => {
          if (name.startsWith('$')) return ANY;
          const f = schema.field(name);
          return f === undefined ? undefined : smpSchema(f);
        },
      };
    case 'map':
      return { type: 'map', values: smpSchema(schema.values) };
    case 'list':
      return { type: 'list', items: smpSchema(schema.items) };
  }
}

/** The segments of a JSON Pointer (`/spec/containers/0/image`), list positions (and `-`) as numbers. */
export function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s === '-' ? 0 : s));
}

/** The schema of the value a JSON Patch operation writes at `pointer`; undefined when the pointer names an unknown field. */
export function patchTargetSchema(schema: FieldSchema, pointer: string): FieldSchema | undefined {
  const at = schemaAt(schema, pointerSegments(pointer));
  return 'known' in at ? at.known : undefined;
}
