/**
 * Immutable RFC 6902 JSON Patch: `applyJsonPatch(doc, patch)` returns a new
 * document and never touches `doc`. Only the containers on the paths the
 * patch writes are copied (structural sharing), so applying a one-field
 * status patch to a 2 KB pod costs a handful of small objects, not the pod.
 *
 * Guarantees:
 * - atomic: the whole patch applies or it throws a `JsonPatchError` and
 *   the input is untouched;
 * - the result is deep-frozen (new containers are frozen, values inserted
 *   from the patch are deep-frozen in place and then shared, not cloned);
 * - within one patch a container is copied at most once (later operations
 *   on the same path edit the fresh copy);
 * - a `__proto__` member is an ordinary member, never a prototype.
 *
 * `applyJsonPatchTransient` is the same patch for an owner that keeps a
 * document private until it hands it out (the store's head versions): it
 * edits in place every container that is not frozen, copies frozen ones
 * (once), and leaves what it creates unfrozen; the owner seals the result
 * with `deepFreeze`, which walks only unfrozen containers. Frozen containers
 * are never touched, so the invariant "a frozen container's subtree is all
 * frozen" holds and sharing with sealed versions stays safe.
 *
 * The root pointer `''` is supported: `add`/`replace` give the value,
 * `remove` gives `undefined` (the document is gone).
 *
 * @example
 * const next = applyJsonPatch(pod, [{ op: 'replace', path: '/status/phase', value: 'Running' }]);
 * next.spec === pod.spec // true: untouched subtrees are shared
 */
import type { Operation } from 'fast-json-patch';
import { formatPointer, parsePointer } from './json-pointer.js';

export type JsonPatchErrorCode =
  | 'INVALID_OPERATION'
  | 'INVALID_POINTER'
  | 'PATH_UNRESOLVABLE'
  | 'INVALID_INDEX'
  | 'TEST_FAILED'
  | 'MOVE_INTO_ITSELF';

/** Why a patch did not apply; `index` is the failing operation's position. Identify it with `isJsonPatchError`. */
export class JsonPatchError extends Error {
  constructor(
    readonly code: JsonPatchErrorCode,
    readonly index: number,
    readonly operation: Operation | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

export function isJsonPatchError(e: unknown): e is JsonPatchError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'JsonPatchError';
}

type Container = Record<string, unknown> | unknown[];

/** Freezes a JSON value and everything under it; subtrees already frozen are assumed deep-frozen and skipped. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) freezeTree(value);
  return value;
}

/** Freezes an unfrozen container, then its unfrozen child containers (primitives are skipped without a call). */
function freezeTree(value: object): void {
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) freezeTree(v);
    }
    return;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const v = (value as Record<string, unknown>)[keys[i] as string];
    if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) freezeTree(v);
  }
}

/** Structural equality of JSON values (object member order ignored), as RFC 6902 `test` wants. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], bb[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * Applies `patch` to `doc` immutably; see the file header for the guarantees.
 * `then` is one more operation applied in the same pass (the store stamps
 * `resourceVersion` this way, so the root and metadata are copied once).
 */
export function applyJsonPatch<T>(doc: T, patch: readonly Operation[], then?: Operation): T {
  // Containers copied during this call: few, so an array beats a Set.
  const fresh: object[] = [];
  let out: unknown = doc;
  for (let i = 0; i < patch.length; i++) out = applyOperation(out, patch[i] as Operation, i, fresh);
  if (then !== undefined) out = applyOperation(out, then, patch.length, fresh);
  for (let i = 0; i < fresh.length; i++) Object.freeze(fresh[i]);
  return out as T;
}

/**
 * Applies `patch` to `doc`, editing in place every container of `doc` that is
 * not frozen: the caller must own those exclusively (nothing else may hold
 * them). Frozen containers are copied (once) and never touched; new
 * containers stay unfrozen until the caller seals the result with
 * `deepFreeze`. Values from the patch are deep-frozen; a value copied or
 * moved inside the document is sealed first, so it is never aliased unfrozen.
 * Not atomic: when it throws, the unfrozen part of `doc` may be half-edited
 * and the caller must discard it (its frozen parts are intact).
 *
 * @example
 * let head = deepFreeze(pod);                 // sealed: the first patch copies the path
 * head = applyJsonPatchTransient(head, p1);   // new containers, unfrozen
 * head = applyJsonPatchTransient(head, p2);   // edits those in place
 * share(deepFreeze(head));                    // sealed before anyone else sees it
 */
export function applyJsonPatchTransient<T>(doc: T, patch: readonly Operation[], then?: Operation): T {
  let out: unknown = doc;
  for (let i = 0; i < patch.length; i++) out = applyOperation(out, patch[i] as Operation, i, TRANSIENT);
  if (then !== undefined) out = applyOperation(out, then, patch.length, TRANSIENT);
  return out as T;
}

/** Marks a transient application (no per-call list of copies: "not frozen" means writable). */
const TRANSIENT: object[] = Object.freeze([]) as unknown as object[];

/** The value at `pointer` in `doc`, or undefined when the path does not resolve. */
export function getByPointer(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const seg of parsePointer(pointer)) {
    if (typeof node !== 'object' || node === null) return undefined;
    if (Array.isArray(node)) {
      if (!isIndex(seg) || Number(seg) >= node.length) return undefined;
      node = node[Number(seg)];
    } else {
      if (!hasOwn(node, seg)) return undefined;
      node = (node as Record<string, unknown>)[seg];
    }
  }
  return node;
}

/**
 * The operation being applied, for error messages. One shared record, set per
 * operation (no allocation per operation): applying a patch runs no user code,
 * so applications never interleave.
 */
interface Ctx {
  op: Operation;
  index: number;
  fresh: object[];
}

const CTX: Ctx = { op: undefined as unknown as Operation, index: 0, fresh: [] };

function fail(ctx: Ctx, code: JsonPatchErrorCode, why: string): never {
  const { op, index } = ctx;
  throw new JsonPatchError(code, index, op, `json patch operation ${index} (${String(op?.op)} ${String(op?.path)}): ${why}`);
}

type Mode = 0 | 1 | 2;
const Mode = { Add: 0, Replace: 1, Remove: 2 } as const;

function applyOperation(doc: unknown, op: Operation, index: number, fresh: object[]): unknown {
  const ctx = CTX;
  ctx.op = op;
  ctx.index = index;
  ctx.fresh = fresh;
  if (typeof op !== 'object' || op === null || typeof op.path !== 'string') fail(ctx, 'INVALID_OPERATION', 'not an operation');
  const path = pointer(ctx, op.path);
  switch (op.op) {
    case 'add':
      return write(ctx, doc, path, Mode.Add, valueOf(ctx, op));
    case 'replace':
      return write(ctx, doc, path, Mode.Replace, valueOf(ctx, op));
    case 'remove':
      return write(ctx, doc, path, Mode.Remove, undefined);
    case 'move': {
      const from = pointer(ctx, fromOf(ctx, op.from));
      if (op.from === op.path) return (read(ctx, doc, from), doc);
      if (op.path.startsWith(`${op.from}/`)) fail(ctx, 'MOVE_INTO_ITSELF', `cannot move ${op.from} into its own child`);
      const value = sealed(ctx, read(ctx, doc, from));
      return write(ctx, write(ctx, doc, from, Mode.Remove, undefined), path, Mode.Add, value);
    }
    case 'copy':
      return write(ctx, doc, path, Mode.Add, sealed(ctx, read(ctx, doc, pointer(ctx, fromOf(ctx, op.from)))));
    case 'test':
      if (!jsonEqual(read(ctx, doc, path), op.value)) fail(ctx, 'TEST_FAILED', 'test failed: value differs');
      return doc;
    case '_get':
      return fail(ctx, 'INVALID_OPERATION', 'unknown op "_get"');
    default:
      return fail(ctx, 'INVALID_OPERATION', `unknown op ${JSON.stringify((op as { op?: unknown }).op)}`);
  }
}

/** In a transient application, a value read from the document is sealed before it is placed again (no unfrozen aliases). */
function sealed(ctx: Ctx, value: unknown): unknown {
  return ctx.fresh === TRANSIENT ? deepFreeze(value) : value;
}

function valueOf(ctx: Ctx, op: { value?: unknown }): unknown {
  if (op.value === undefined) fail(ctx, 'INVALID_OPERATION', 'missing value');
  return deepFreeze(op.value);
}

function fromOf(ctx: Ctx, from: unknown): string {
  return typeof from === 'string' ? from : fail(ctx, 'INVALID_OPERATION', 'missing from');
}

// Patches repeat the same few paths (`/status/conditions/1/status`): parsed ones are kept
// (bounded; the arrays are never mutated).
const parsed = new Map<string, string[]>();

function pointer(ctx: Ctx, p: string): string[] {
  const hit = parsed.get(p);
  if (hit !== undefined) return hit;
  let segs: string[];
  try {
    segs = parsePointer(p);
  } catch (e) {
    return fail(ctx, 'INVALID_POINTER', (e as Error).message);
  }
  for (let i = 0; i < segs.length; i++) segs[i] = internalize(segs[i] as string);
  if (parsed.size >= 4096) parsed.clear();
  parsed.set(p, segs);
  return segs;
}

/**
 * The engine's canonical copy of `s`: property lookups by a canonical string
 * skip hashing and the string-table search that a fresh string (a slice of
 * the pointer) costs on every lookup.
 */
function internalize(s: string): string {
  if (s === '__proto__') return s; // a member assignment would set the prototype instead
  const o: Record<string, true> = {};
  o[s] = true;
  return Object.keys(o)[0] as string;
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function isIndex(seg: string): boolean {
  const n = seg.length;
  if (n === 0 || n > 15) return false;
  const c0 = seg.charCodeAt(0);
  if (c0 === 48 /* 0 */) return n === 1;
  for (let i = 0; i < n; i++) {
    const c = seg.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function read(ctx: Ctx, doc: unknown, path: readonly string[]): unknown {
  let node = doc;
  for (let i = 0; i < path.length; i++) node = child(ctx, node, path, i);
  if (node === undefined) fail(ctx, 'PATH_UNRESOLVABLE', 'no value at path');
  return node;
}

function child(ctx: Ctx, node: unknown, path: readonly string[], i: number): unknown {
  const seg = path[i] as string;
  if (typeof node === 'object' && node !== null) {
    if (Array.isArray(node)) {
      if (isIndex(seg) && Number(seg) < node.length) return node[Number(seg)];
    } else if (hasOwn(node, seg)) return (node as Record<string, unknown>)[seg];
  }
  const where = formatPointer(path.slice(0, i + 1));
  return fail(ctx, 'PATH_UNRESOLVABLE', typeof node === 'object' && node !== null ? `${where} does not exist` : `${where} is under a non-container`);
}

/**
 * Copies the containers from `doc` down to the parent of the last segment
 * (reusing ones this patch owns) and edits the parent. Iterative: a copy is
 * only ever linked into a container this patch owns, so the input is never
 * touched (in a transient application, unfrozen containers are the owner's).
 */
function write(ctx: Ctx, doc: unknown, path: readonly string[], mode: Mode, value: unknown): unknown {
  const n = path.length;
  if (n === 0) return editRoot(ctx, mode, value);
  if (typeof doc !== 'object' || doc === null) return underNonContainer(ctx, path, 0);
  const fresh = ctx.fresh;
  const root = writable(doc as Container, fresh);
  let grand: Container | undefined;
  let parent = root;
  for (let i = 0; i < n - 1; i++) {
    const c = child(ctx, parent, path, i);
    if (typeof c !== 'object' || c === null) return underNonContainer(ctx, path, i + 1);
    const own = writable(c as Container, fresh);
    if (own !== c) setMember(parent, path[i] as string, own);
    grand = parent;
    parent = own;
  }
  const edited = edit(ctx, parent, path[n - 1] as string, mode, value);
  if (edited === parent) return root;
  if (fresh !== TRANSIENT) fresh.push(edited); // a rebuilt object (member removed)
  if (grand === undefined) return edited;
  setMember(grand, path[n - 2] as string, edited);
  return root;
}

function underNonContainer(ctx: Ctx, path: readonly string[], depth: number): never {
  return fail(ctx, 'PATH_UNRESOLVABLE', `${formatPointer(path.slice(0, depth + 1))} is under a non-container`);
}

/** Root operations keep their rules by editing a one-member wrapper. */
function editRoot(ctx: Ctx, mode: Mode, value: unknown): unknown {
  return (edit(ctx, { root: null }, 'root', mode, value) as Record<string, unknown>)['root'];
}

function writable(node: Container, fresh: object[]): Container {
  if (fresh === TRANSIENT) return Object.isFrozen(node) ? copyContainer(node) : node;
  for (let i = 0; i < fresh.length; i++) if (fresh[i] === node) return node;
  const copy = copyContainer(node);
  fresh.push(copy);
  return copy;
}

function copyContainer(node: Container): Container {
  return Array.isArray(node) ? copyArray(node) : hasOwn(node, '__proto__') ? rebuild(node, undefined) : { ...node };
}

/** `slice()` takes a slow path on frozen arrays (~10× a plain copy on V8 11), and arrays here are usually frozen. */
function copyArray(a: readonly unknown[]): unknown[] {
  const n = a.length;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = a[i];
  return out;
}

function rebuild(o: Record<string, unknown>, without: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (k !== without) setMember(out, k, o[k]);
  return out;
}

function setMember(c: Container, seg: string, value: unknown): void {
  if (Array.isArray(c)) c[Number(seg)] = value;
  else if (seg === '__proto__') Object.defineProperty(c, seg, { value, enumerable: true, writable: true, configurable: true });
  else c[seg] = value;
}

function arrayIndex(ctx: Ctx, c: unknown[], seg: string, max: number): number {
  if (!isIndex(seg) || Number(seg) > max) fail(ctx, 'INVALID_INDEX', `index ${seg} out of range for an array of ${c.length}`);
  return Number(seg);
}

/** Applies add/replace/remove of `seg` to a container this patch owns; returns it (or its rebuilt replacement). */
function edit(ctx: Ctx, c: Container, seg: string, mode: Mode, value: unknown): Container {
  if (Array.isArray(c)) {
    if (mode === Mode.Add) {
      if (seg === '-') c.push(value);
      else c.splice(arrayIndex(ctx, c, seg, c.length), 0, value);
    } else if (mode === Mode.Replace) c[arrayIndex(ctx, c, seg, c.length - 1)] = value;
    else c.splice(arrayIndex(ctx, c, seg, c.length - 1), 1);
    return c;
  }
  if (mode !== Mode.Add && !hasOwn(c, seg)) return fail(ctx, 'PATH_UNRESOLVABLE', `member "${seg}" does not exist`);
  if (mode !== Mode.Remove) {
    setMember(c, seg, value);
    return c;
  }
  // Rebuilt rather than `delete`d: deleting turns a V8 object into a slow dictionary.
  return rebuild(c, seg);
}
