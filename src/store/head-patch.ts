/**
 * The fold's fast path for patching a key's head in place. A head is a tree
 * of containers, some shared (with snapshots, the record of its `put`, sealed
 * versions handed out) and some only the head holds: the ones this file
 * copied since the head was last shared, listed in `owned`. A patch edits an
 * owned container in place and copies a shared one (once: the copy joins
 * `owned`), so a run of small patches to a head allocates almost nothing,
 * and sharing needs no `Object.freeze`: the owner empties `owned` when it
 * shares the head (a snapshot) and seals it (`deepFreeze`) only when it hands
 * it out. Values inserted from the patch are never owned (they belong to the
 * record), so they are never edited in place either.
 *
 * Only `add`, `replace` and `remove` on a path that resolves — all the API
 * writes — take this path, with the semantics of RFC 6902 as implemented in
 * model/json-patch-apply. When a patch starts with another operation,
 * `patchOwned` edits nothing and says so (`NOT_TAKEN`); when a later one is
 * another operation or does not resolve (a corrupt history), it stops and
 * the head may be half-edited in its owned containers: the caller rebuilds
 * it and applies the patch with the generic applier (which reports the error
 * of a corrupt history).
 */
import { type JsonPatch, parsePointer } from '../model/index.js';

type Container = Record<string, unknown> | unknown[];

const ADD = 0;
const REPLACE = 1;
const REMOVE = 2;

function modeOf(op: unknown): number {
  return op === 'replace' ? REPLACE : op === 'add' ? ADD : op === 'remove' ? REMOVE : -1;
}

/** `patchOwned`'s answer when the patch's first operation is not for the fast path (nothing was edited). */
export const NOT_TAKEN: unique symbol = Symbol('not taken');

/**
 * Applies `patch` to `doc`, editing owned containers in place and copying
 * shared ones into `owned`: the new root; `NOT_TAKEN` when the first
 * operation is not an add, replace or remove of a parsable, non-root pointer
 * without a `__proto__` segment (nothing edited); undefined when a later
 * operation is not, or a path does not resolve (the head may be half-edited).
 */
export function patchOwned(doc: unknown, patch: JsonPatch, owned: OwnedSet): unknown {
  if (!Array.isArray(patch)) return NOT_TAKEN;
  owned.touchedMetadata = false;
  let root = doc;
  for (let i = 0; i < patch.length; i++) {
    const op = patch[i] as JsonPatch[number] | null;
    const mode = typeof op === 'object' && op !== null ? modeOf(op.op) : -1;
    const path = mode < 0 ? undefined : segments((op as JsonPatch[number]).path);
    const value = (op as { value?: unknown } | null)?.value;
    const out = path === undefined || (mode !== REMOVE && value === undefined) ? undefined : applyOne(root, path, mode, value, owned);
    if (out === undefined) return i === 0 ? NOT_TAKEN : undefined;
    if ((path as readonly string[])[0] === 'metadata') owned.touchedMetadata = true;
    root = out;
  }
  return root;
}

function applyOne(doc: unknown, path: readonly string[], mode: number, value: unknown, owned: OwnedSet): unknown {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const root = writable(doc as Container, owned);
  const n = path.length;
  let grand: Container | undefined;
  let parent = root;
  for (let i = 0; i < n - 1; i++) {
    const c = child(parent, path[i] as string);
    if (typeof c !== 'object' || c === null) return undefined;
    const own = writable(c as Container, owned);
    if (own !== c) setMember(parent, path[i] as string, own);
    grand = parent;
    parent = own;
  }
  const seg = path[n - 1] as string;
  if (Array.isArray(parent)) {
    if (mode === ADD) {
      if (seg === '-') parent.push(value);
      else {
        const k = index(seg, parent.length);
        if (k < 0) return undefined;
        parent.splice(k, 0, value);
      }
      return root;
    }
    const k = index(seg, parent.length - 1);
    if (k < 0) return undefined;
    if (mode === REPLACE) parent[k] = value;
    else parent.splice(k, 1);
    return root;
  }
  if (mode === ADD) {
    parent[seg] = value;
    return root;
  }
  if (!hasOwn(parent, seg)) return undefined;
  if (mode === REPLACE) {
    parent[seg] = value;
    return root;
  }
  // Rebuilt rather than `delete`d: deleting turns a V8 object into a slow dictionary.
  const rebuilt: Record<string, unknown> = {};
  for (const k of Object.keys(parent)) {
    if (k === seg) continue;
    if (k === '__proto__') Object.defineProperty(rebuilt, k, { value: parent[k], enumerable: true, writable: true, configurable: true });
    else rebuilt[k] = parent[k];
  }
  owned.own(rebuilt);
  if (grand === undefined) return rebuilt;
  setMember(grand, path[n - 2] as string, rebuilt);
  return root;
}

function writable(node: Container, owned: OwnedSet): Container {
  if (owned.owns(node)) return node;
  let copy: Container;
  if (Array.isArray(node)) {
    // `slice()` takes a slow path on frozen arrays.
    const n = node.length;
    const a = new Array<unknown>(n);
    for (let i = 0; i < n; i++) a[i] = node[i];
    copy = a;
  } else copy = { ...node };
  owned.own(copy);
  return copy;
}

/**
 * The containers a head holds alone, in eight fields (a patch path rarely
 * needs more) and an overflow list: checking them reads nothing beyond the
 * holder, which the fold has at hand anyway (KeyChain extends it).
 */
export class OwnedSet {
  private o0: object | null = null;
  private o1: object | null = null;
  private o2: object | null = null;
  private o3: object | null = null;
  private o4: object | null = null;
  private o5: object | null = null;
  private o6: object | null = null;
  private o7: object | null = null;
  private more: object[] | null = null;
  /** How many containers are owned. */
  size = 0;
  /** Whether the last `patchOwned` with this set had an operation under `/metadata`. */
  touchedMetadata = false;

  owns(o: object): boolean {
    const n = this.size;
    if (n === 0) return false;
    if (this.o0 === o || this.o1 === o || this.o2 === o || this.o3 === o) return true;
    if (n <= 4) return false;
    if (this.o4 === o || this.o5 === o || this.o6 === o || this.o7 === o) return true;
    return n > 8 && (this.more as object[]).includes(o);
  }

  own(o: object): void {
    switch (this.size++) {
      case 0: this.o0 = o; break;
      case 1: this.o1 = o; break;
      case 2: this.o2 = o; break;
      case 3: this.o3 = o; break;
      case 4: this.o4 = o; break;
      case 5: this.o5 = o; break;
      case 6: this.o6 = o; break;
      case 7: this.o7 = o; break;
      default: (this.more ??= []).push(o);
    }
  }

  /** Forgets every container (they are shared or sealed from now on). */
  disown(): void {
    if (this.size === 0) return;
    this.size = 0;
    this.o0 = this.o1 = this.o2 = this.o3 = this.o4 = this.o5 = this.o6 = this.o7 = null;
    this.more = null;
  }
}

function child(node: Container, seg: string): unknown {
  if (Array.isArray(node)) {
    const k = index(seg, node.length - 1);
    return k < 0 ? undefined : node[k];
  }
  return hasOwn(node, seg) ? node[seg] : undefined;
}

function setMember(c: Container, seg: string, value: unknown): void {
  if (Array.isArray(c)) c[Number(seg)] = value;
  else c[seg] = value;
}

/** The array index `seg` names if it is one and at most `max`, else -1. */
function index(seg: string, max: number): number {
  const n = seg.length;
  if (n === 0 || n > 15) return -1;
  if (seg.charCodeAt(0) === 48 /* 0 */ && n > 1) return -1;
  for (let i = 0; i < n; i++) {
    const c = seg.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
  }
  const k = Number(seg);
  return k <= max ? k : -1;
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

// Patches repeat the same few paths (`/status/conditions/1/status`): parsed ones are kept, bounded.
// `null`: not for the fast path (unparsable, the root, or a `__proto__` segment).
const parsed = new Map<string, readonly string[] | null>();

function segments(p: unknown): readonly string[] | undefined {
  if (typeof p !== 'string') return undefined;
  let segs = parsed.get(p);
  if (segs === undefined) {
    segs = parse(p);
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(p, segs);
  }
  return segs ?? undefined;
}

function parse(p: string): readonly string[] | null {
  let segs: string[];
  try {
    segs = parsePointer(p);
  } catch {
    return null;
  }
  if (segs.length === 0) return null;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] as string;
    if (s === '__proto__') return null;
    segs[i] = internalize(s);
  }
  return Object.freeze(segs);
}

/** The engine's canonical copy of `s`: property lookups by it skip hashing and the string-table search. */
function internalize(s: string): string {
  const o: Record<string, true> = {};
  o[s] = true;
  return Object.keys(o)[0] as string;
}
