/**
 * `application/json-patch+json` (RFC 6902) applied to an object, as the
 * API server's PATCH verb does: every operation in order, all or nothing.
 * The input object and the patch are never mutated; the result is a fresh
 * object. A malformed patch is a 400 BadRequest; a well-formed patch that
 * cannot be applied (missing path, failed `test`, index out of range) is a
 * 422 Invalid, as Kubernetes answers; more than 10,000 operations is 413.
 * Messages name the failing operation's index, op and path.
 *
 * @example
 * applyJsonPatch(pod, [{ op: 'replace', path: '/spec/replicas', value: 3 }]);
 */
import { StatusError, badRequest, statusOf, tooLarge } from '../../model/index.js';
import { arrayIndex, parsePointer } from './json-pointer.js';
import { deepClone, deepEqual, isObject, type JsonObject } from './json-value.js';

/** Kubernetes' cap on the operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

type Op = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
const OPS: ReadonlySet<string> = new Set<Op>(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/** One JSON Patch operation as received. */
export interface JsonPatchOperation {
  readonly op: string;
  readonly path: string;
  readonly value?: unknown;
  readonly from?: string;
}

interface Parsed {
  readonly op: Op;
  readonly path: string[];
  readonly from: string[];
  readonly value: unknown;
}

/** Thrown inside one operation; turned into a Status naming the operation. */
class OpFailure extends Error {}

/** Applies an RFC 6902 patch; throws a `StatusError` (400, 413 or 422) on failure. */
export function applyJsonPatch<T extends object>(obj: T, patch: unknown): T {
  const ops = parseJsonPatch(patch);
  const box: { doc: unknown } = { doc: deepClone(obj) };
  ops.forEach((op, i) => {
    try {
      applyOne(box, op);
    } catch (e) {
      if (!(e instanceof OpFailure)) throw e;
      const raw = (patch as JsonPatchOperation[])[i];
      throw new StatusError(
        statusOf('Invalid', `json patch operation ${i} (${raw?.op} ${JSON.stringify(raw?.path)}): ${e.message}`),
      );
    }
  });
  if (!isObject(box.doc)) {
    throw new StatusError(statusOf('Invalid', 'json patch result is not an object'));
  }
  return box.doc as T;
}

/** Validates the shape of a JSON patch document (400 on anything malformed). */
export function parseJsonPatch(patch: unknown): readonly Parsed[] {
  if (!Array.isArray(patch)) throw badRequest('json patch must be an array of operations');
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    throw tooLarge(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`,
    );
  }
  return patch.map((raw: unknown, i): Parsed => {
    const where = `json patch operation ${i}`;
    if (!isObject(raw)) throw badRequest(`${where}: not an object`);
    const op = raw['op'];
    if (typeof op !== 'string' || !OPS.has(op)) throw badRequest(`${where}: unknown op ${JSON.stringify(op)}`);
    const path = pointer(raw['path'], `${where} (${op}): path`);
    const needsFrom = op === 'move' || op === 'copy';
    const from = needsFrom ? pointer(raw['from'], `${where} (${op}): from`) : [];
    const needsValue = op === 'add' || op === 'replace' || op === 'test';
    if (needsValue && !('value' in raw)) throw badRequest(`${where} (${op} ${JSON.stringify(raw['path'])}): missing value`);
    return { op: op as Op, path, from, value: raw['value'] };
  });
}

function pointer(p: unknown, what: string): string[] {
  if (typeof p !== 'string') throw badRequest(`${what} is missing or not a string`);
  const tokens = parsePointer(p);
  if (tokens === undefined) throw badRequest(`${what} ${JSON.stringify(p)} is not a JSON pointer`);
  return tokens;
}

function applyOne(box: { doc: unknown }, op: Parsed): void {
  switch (op.op) {
    case 'add':
      return add(box, op.path, deepClone(op.value));
    case 'remove':
      remove(box, op.path);
      return;
    case 'replace':
      return replace(box, op.path, deepClone(op.value));
    case 'move': {
      if (isProperPrefix(op.from, op.path)) throw new OpFailure('cannot move a value into one of its children');
      const v = remove(box, op.from);
      return add(box, op.path, v);
    }
    case 'copy':
      return add(box, op.path, deepClone(get(box.doc, op.from, 'from')));
    case 'test':
      if (!deepEqual(get(box.doc, op.path, 'path'), op.value)) throw new OpFailure('test failed: value differs');
      return;
  }
}

function isProperPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length < b.length && a.every((t, i) => t === b[i]);
}

function get(doc: unknown, path: readonly string[], what: string): unknown {
  let cur = doc;
  for (const t of path) {
    const next = child(cur, t);
    if (next === undefined) throw new OpFailure(`${what} not found`);
    cur = next.v;
  }
  return cur;
}

function child(container: unknown, token: string): { v: unknown } | undefined {
  if (Array.isArray(container)) {
    const i = arrayIndex(token);
    return i !== undefined && i < container.length ? { v: container[i] } : undefined;
  }
  if (isObject(container) && Object.prototype.hasOwnProperty.call(container, token)) return { v: container[token] };
  return undefined;
}

function add(box: { doc: unknown }, path: readonly string[], value: unknown): void {
  if (path.length === 0) {
    box.doc = value;
    return;
  }
  const parent = get(box.doc, path.slice(0, -1), 'parent of path');
  const last = path[path.length - 1] as string;
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : arrayIndex(last);
    if (i === undefined) throw new OpFailure(`${JSON.stringify(last)} is not an array index`);
    if (i > parent.length) throw new OpFailure(`index ${i} is out of range (length ${parent.length})`);
    parent.splice(i, 0, value);
  } else if (isObject(parent)) {
    (parent as JsonObject)[last] = value;
  } else {
    throw new OpFailure('parent of path is not an object or array');
  }
}

/** Replace keeps an object key in its place (remove + add would move it last). */
function replace(box: { doc: unknown }, path: readonly string[], value: unknown): void {
  if (path.length === 0) {
    box.doc = value;
    return;
  }
  const parent = get(box.doc, path.slice(0, -1), 'parent of path');
  const last = path[path.length - 1] as string;
  if (child(parent, last) === undefined) throw new OpFailure('path not found');
  if (Array.isArray(parent)) parent[arrayIndex(last) as number] = value;
  else (parent as JsonObject)[last] = value;
}

function remove(box: { doc: unknown }, path: readonly string[]): unknown {
  if (path.length === 0) {
    const v = box.doc;
    box.doc = null;
    return v;
  }
  const parent = get(box.doc, path.slice(0, -1), 'parent of path');
  const last = path[path.length - 1] as string;
  if (child(parent, last) === undefined) throw new OpFailure('path not found');
  if (Array.isArray(parent)) return parent.splice(arrayIndex(last) as number, 1)[0];
  const obj = parent as JsonObject;
  const v = obj[last];
  delete obj[last];
  return v;
}
