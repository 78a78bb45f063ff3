/**
 * Validation and pruning of custom resources against a CRD's
 * `openAPIV3Schema`, as the apiextensions API server does for structural
 * schemas: type, properties, required, items, enum, minimum/maximum (and
 * exclusive), minLength/maxLength, pattern, minItems/maxItems, nullable,
 * additionalProperties, `x-kubernetes-preserve-unknown-fields`,
 * `x-kubernetes-int-or-string`, `x-kubernetes-embedded-resource`. Messages
 * follow Kubernetes (`spec.replicas in body must be of type integer: "string"`).
 *
 * Pruning removes fields the schema does not specify, except under
 * preserve-unknown-fields; at the root `apiVersion`, `kind` and `metadata`
 * are kept (metadata itself is not pruned here).
 *
 * @example
 * validateAgainstSchema(cr, schema) // StatusCause[]
 * pruneUnknownFields(cr, schema)    // a copy without unknown fields
 */
import type { StatusCause } from '../status.js';
import { isObj, deepEqual, type Obj } from './access.js';
import { invalidValue, notSupported, required, tooLong, tooMany } from './field-errors.js';

export interface JsonSchemaProps {
  type?: string;
  properties?: Record<string, JsonSchemaProps>;
  required?: string[];
  items?: JsonSchemaProps;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  nullable?: boolean;
  default?: unknown;
  additionalProperties?: boolean | JsonSchemaProps;
  format?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  [extension: string]: unknown;
}

const join = (path: string, k: string): string => (path === '' ? k : `${path}.${k}`);

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return isObj(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

/** Validates `value` at `path` (`spec.replicas`; `''` for the root) against `schema`. */
export function validateAgainstSchema(value: unknown, schema: JsonSchemaProps, path = ''): StatusCause[] {
  const out: StatusCause[] = [];
  const where = path === '' ? '<root>' : path;
  if (value === null) {
    if (schema.nullable === true || schema.type === undefined) return out;
    return [invalidValue(path, 'null', `${where} in body must be of type ${schema.type}: "null"`)];
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) {
      out.push(invalidValue(path, typeName(value), `${where} in body must be of type integer,string: "${typeName(value)}"`));
      return out;
    }
  } else if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    return [invalidValue(path, typeName(value), `${where} in body must be of type ${schema.type}: "${typeName(value)}"`)];
  }
  if (schema.enum !== undefined && !schema.enum.some((e) => deepEqual(e, value))) {
    out.push(notSupported(path, value, schema.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))));
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined) {
      if (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum) {
        out.push(invalidValue(path, value, `${where} in body should be greater than ${schema.exclusiveMinimum === true ? '' : 'or equal to '}${schema.minimum}`));
      }
    }
    if (schema.maximum !== undefined) {
      if (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum) {
        out.push(invalidValue(path, value, `${where} in body should be less than ${schema.exclusiveMaximum === true ? '' : 'or equal to '}${schema.maximum}`));
      }
    }
  }
  if (typeof value === 'string') {
    const len = [...value].length;
    if (schema.minLength !== undefined && len < schema.minLength) out.push(invalidValue(path, value, `${where} in body should be at least ${schema.minLength} chars long`));
    if (schema.maxLength !== undefined && len > schema.maxLength) out.push(tooLong(path, schema.maxLength));
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      out.push(invalidValue(path, value, `${where} in body should match '${schema.pattern}'`));
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(invalidValue(path, value.length, `${where} in body should have at least ${schema.minItems} items`));
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(tooMany(path, value.length, schema.maxItems));
    if (schema.items !== undefined) value.forEach((v, i) => out.push(...validateAgainstSchema(v, schema.items as JsonSchemaProps, `${path}[${i}]`)));
  }
  if (isObj(value)) {
    const keys = Object.keys(value).sort();
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) out.push(invalidValue(path, keys.length, `${where} in body should have at least ${schema.minProperties} properties`));
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) out.push(tooMany(path, keys.length, schema.maxProperties));
    for (const r of schema.required ?? []) if (value[r] === undefined) out.push(required(join(path, r)));
    for (const k of keys) {
      const prop = schema.properties?.[k];
      if (prop !== undefined) out.push(...validateAgainstSchema(value[k], prop, join(path, k)));
      else if (isObj(schema.additionalProperties)) out.push(...validateAgainstSchema(value[k], schema.additionalProperties, join(path, k)));
    }
  }
  return out;
}

const ROOT_KEEP = new Set(['apiVersion', 'kind', 'metadata']);
const EMBEDDED_KEEP = ROOT_KEEP;

function prune(value: unknown, schema: JsonSchemaProps | undefined, root: boolean): unknown {
  if (schema === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => prune(v, schema.items, false));
  if (!isObj(value)) return value;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const keepMeta = root || schema['x-kubernetes-embedded-resource'] === true;
  const out: Obj = {};
  for (const k of Object.keys(value)) {
    const prop = schema.properties?.[k];
    if (prop !== undefined) out[k] = prune(value[k], prop, false);
    else if (isObj(schema.additionalProperties)) out[k] = prune(value[k], schema.additionalProperties, false);
    else if (schema.additionalProperties === true || preserve || (keepMeta && EMBEDDED_KEEP.has(k))) out[k] = value[k];
  }
  return out;
}

/** A copy of a custom resource without the fields its structural schema does not specify. */
export function pruneUnknownFields<T>(obj: T, schema: JsonSchemaProps): T {
  return prune(obj, schema, true) as T;
}

