/**
 * Field-level causes worded exactly as Kubernetes' `field.Error` renders
 * them (`Invalid value: "Foo": ...`, `Required value`, `Unsupported value:
 * ...`), so a 422 from chronokube reads like one from a real API server.
 *
 * @example
 * invalidValue('metadata.name', 'Foo', 'must be lowercase')
 * // { reason: 'FieldValueInvalid', field: 'metadata.name', message: 'Invalid value: "Foo": must be lowercase' }
 */
import type { StatusCause } from '../status.js';

/** Renders a value as Go's field errors do: strings quoted, numbers and booleans bare, maps as `map[string]string{...}`. */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > 0 && entries.every(([, v]) => typeof v === 'string')) {
      const body = entries
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
        .join(', ');
      return `map[string]string{${body}}`;
    }
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
  }
  return JSON.stringify(value);
}

const cause = (reason: string, field: string, message: string): StatusCause =>
  field === '' ? { reason, message } : { reason, message, field };

export const required = (field: string, detail = ''): StatusCause =>
  cause('FieldValueRequired', field, detail === '' ? 'Required value' : `Required value: ${detail}`);

export const invalidValue = (field: string, value: unknown, detail: string): StatusCause =>
  cause('FieldValueInvalid', field, `Invalid value: ${renderValue(value)}${detail === '' ? '' : `: ${detail}`}`);

export const notSupported = (field: string, value: unknown, supported: readonly string[]): StatusCause =>
  cause(
    'FieldValueNotSupported',
    field,
    `Unsupported value: ${renderValue(value)}${
      supported.length === 0 ? '' : `: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`
    }`,
  );

export const duplicate = (field: string, value: unknown): StatusCause =>
  cause('FieldValueDuplicate', field, `Duplicate value: ${renderValue(value)}`);

export const forbidden = (field: string, detail: string): StatusCause =>
  cause('FieldValueForbidden', field, `Forbidden: ${detail}`);

/** Kubernetes 1.32 words a size limit in bytes: `Too long: may not be more than 262144 bytes`. */
export const tooLong = (field: string, max: number): StatusCause =>
  cause('FieldValueTooLong', field, `Too long: may not be more than ${max} bytes`);

export const tooMany = (field: string, actual: number, max: number): StatusCause =>
  cause('FieldValueTooMany', field, `Too many: ${actual}: must have at most ${max} items`);

/** `field is immutable`, as `ValidateImmutableField` reports it. */
export const immutable = (field: string, value: unknown): StatusCause => invalidValue(field, value, 'field is immutable');

/** Path helpers: `child('spec', 'containers')`, `index('spec.containers', 0)`, `key('data', 'a.b')`. */
export const child = (base: string, ...names: string[]): string =>
  names.reduce((p, n) => (p === '' ? n : `${p}.${n}`), base);
export const index = (base: string, i: number): string => `${base}[${i}]`;
export const key = (base: string, k: string): string => `${base}[${k}]`;

export const notFound = (field: string, value: unknown): StatusCause =>
  cause('FieldValueNotFound', field, `Not found: ${renderValue(value)}`);
