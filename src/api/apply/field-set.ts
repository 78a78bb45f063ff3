/**
 * An immutable set of field paths (the `FieldSet` of structured-merge-diff),
 * stored as a trie of path elements. A node is a *member* when its own path
 * is in the set; inner nodes exist only on the way to members. Encodes to
 * and decodes from the FieldsV1 JSON of `managedFields` (`{}` for a leaf
 * member, `".": {}` for a member that also has children).
 *
 * @example
 * const s = decodeFieldsV1({ 'f:spec': { 'f:replicas': {} } });
 * s.has(['f:spec', 'f:replicas']); // true
 * encodeFieldsV1(s.union(other));
 */
import { badRequest } from '../../model/index.js';
import { isObject } from '../patch/json-value.js';
import { compareElements, parseElement, type FieldPath, type PathElement } from './path-element.js';

export class FieldSet {
  static readonly empty = new FieldSet(false, new Map());

  private constructor(
    /** True when the path leading here is itself in the set. */
    readonly member: boolean,
    private readonly kids: ReadonlyMap<PathElement, FieldSet>,
  ) {}

  /** A set holding exactly these paths (built in one pass over a mutable trie, not by repeated inserts). */
  static of(paths: Iterable<FieldPath>): FieldSet {
    const b = new FieldSetBuilder();
    for (const p of paths) b.add(p, p.length);
    return b.build();
  }

  /** @internal */
  static fromDraft(d: Draft): FieldSet {
    if (d.kids === undefined) return d.member ? MEMBER_LEAF : FieldSet.empty;
    const kids = new Map<PathElement, FieldSet>();
    for (const [el, k] of d.kids) kids.set(el, FieldSet.fromDraft(k));
    return new FieldSet(d.member, kids);
  }

  /** @internal A node from its parts (for decoding without an intermediate path list). */
  static node(member: boolean, kids: ReadonlyMap<PathElement, FieldSet>): FieldSet {
    if (kids.size === 0) return member ? MEMBER_LEAF : FieldSet.empty;
    return new FieldSet(member, kids);
  }

  get isEmpty(): boolean {
    return !this.member && this.kids.size === 0;
  }

  /** The subtree under one element (empty if none). */
  child(el: PathElement): FieldSet {
    return this.kids.get(el) ?? FieldSet.empty;
  }

  /** Child elements in Kubernetes' order. */
  elements(): PathElement[] {
    const els = [...this.kids.keys()];
    return els.length < 2 ? els : els.sort(compareElements);
  }

  has(path: FieldPath): boolean {
    return this.at(path)?.member === true;
  }

  /** True if the path or any path below it is a member. */
  hasPrefix(path: FieldPath): boolean {
    const node = this.at(path);
    return node !== undefined && !node.isEmpty;
  }

  private at(path: FieldPath): FieldSet | undefined {
    return path.reduce<FieldSet | undefined>((cur, el) => cur?.kids.get(el), this);
  }

  insert(path: FieldPath): FieldSet {
    if (path.length === 0) return this.member ? this : new FieldSet(true, this.kids);
    const [head, ...rest] = path as [PathElement, ...PathElement[]];
    const kids = new Map(this.kids);
    kids.set(head, this.child(head).insert(rest));
    return new FieldSet(this.member, kids);
  }

  union(o: FieldSet): FieldSet {
    if (o.isEmpty || o === this) return this;
    if (this.isEmpty) return o;
    // Unchanged subtrees keep their identity (encodings are cached per instance).
    let kids: Map<PathElement, FieldSet> | undefined;
    for (const [el, s] of o.kids) {
      const mine = this.kids.get(el);
      const u = mine === undefined ? s : mine.union(s);
      if (u === mine) continue;
      kids ??= new Map(this.kids);
      kids.set(el, u);
    }
    const member = this.member || o.member;
    if (kids === undefined && member === this.member) return this;
    return new FieldSet(member, kids ?? this.kids);
  }

  intersection(o: FieldSet): FieldSet {
    const kids = new Map<PathElement, FieldSet>();
    for (const [el, s] of this.kids) {
      const x = o.kids.get(el);
      if (x === undefined) continue;
      const i = s.intersection(x);
      if (!i.isEmpty) kids.set(el, i);
    }
    return new FieldSet(this.member && o.member, kids);
  }

  /** Removes the members of `o` (exact paths only; members below them stay). */
  difference(o: FieldSet): FieldSet {
    if (o.isEmpty || this.isEmpty) return this;
    let kids: Map<PathElement, FieldSet> | undefined;
    for (const [el, x] of o.kids) {
      const s = this.kids.get(el);
      if (s === undefined) continue;
      const d = s.difference(x);
      if (d === s) continue;
      kids ??= new Map(this.kids);
      if (d.isEmpty) kids.delete(el);
      else kids.set(el, d);
    }
    const member = this.member && !o.member;
    if (kids === undefined && member === this.member) return this;
    return FieldSet.node(member, kids ?? this.kids);
  }

  /** Removes the members of `o` and everything below them. */
  recursiveDifference(o: FieldSet): FieldSet {
    if (o.member) return FieldSet.empty;
    if (o.isEmpty || this.isEmpty) return this;
    let kids: Map<PathElement, FieldSet> | undefined;
    for (const [el, x] of o.kids) {
      const s = this.kids.get(el);
      if (s === undefined) continue;
      const d = s.recursiveDifference(x);
      if (d === s) continue;
      kids ??= new Map(this.kids);
      if (d.isEmpty) kids.delete(el);
      else kids.set(el, d);
    }
    return kids === undefined ? this : FieldSet.node(this.member, kids);
  }

  /** Every member path, in Kubernetes' order (a node before its children). */
  paths(prefix: FieldPath = []): FieldPath[] {
    const out: FieldPath[] = this.member ? [prefix] : [];
    for (const el of this.elements()) out.push(...this.child(el).paths([...prefix, el]));
    return out;
  }

  /** Adds every `f:` ancestor of each member as a member (structured-merge-diff's EnsureNamedFieldsAreMembers). */
  withNamedAncestors(): FieldSet {
    const paths = this.paths();
    let s = FieldSet.of(paths);
    for (const p of paths) {
      for (let i = 1; i < p.length; i++) {
        if ((p[i - 1] as string).startsWith('f:')) s = s.insert(p.slice(0, i));
      }
    }
    return s;
  }

  equals(o: FieldSet): boolean {
    if (this.member !== o.member || this.kids.size !== o.kids.size) return false;
    for (const [el, s] of this.kids) {
      const x = o.kids.get(el);
      if (x === undefined || !s.equals(x)) return false;
    }
    return true;
  }
}

interface Draft {
  member: boolean;
  kids: Map<PathElement, Draft> | undefined;
}

/** Collects paths into a mutable trie and builds the set once (no per-path copying). */
export class FieldSetBuilder {
  private readonly root: Draft = { member: false, kids: undefined };

  /** Adds the path made of the first `length` elements of `path` (a reusable stack). */
  add(path: FieldPath, length: number): void {
    let node = this.root;
    for (let i = 0; i < length; i++) {
      const el = path[i] as PathElement;
      node.kids ??= new Map();
      let next = node.kids.get(el);
      if (next === undefined) {
        next = { member: false, kids: undefined };
        node.kids.set(el, next);
      }
      node = next;
    }
    node.member = true;
  }

  build(): FieldSet {
    return FieldSet.fromDraft(this.root);
  }
}

/**
 * Encodings and decodings remembered per immutable set / frozen document:
 * a write re-encodes only the entries whose sets changed, and the encoding
 * of an unchanged entry is the very document it was decoded from. Cached
 * documents are frozen so that sharing them is safe.
 */
const encoded = new WeakMap<FieldSet, Record<string, unknown>>();
const decoded = new WeakMap<object, FieldSet>();

/** FieldsV1 JSON for a set (frozen; shared between equal calls). */
export function encodeFieldsV1(s: FieldSet): Record<string, unknown> {
  let out = encoded.get(s);
  if (out === undefined) {
    out = {};
    const els = s.elements();
    if (s.member && els.length > 0) out['.'] = EMPTY_DOC;
    for (const el of els) out[el] = encodeFieldsV1(s.child(el));
    Object.freeze(out);
    encoded.set(s, out);
  }
  return out;
}

const EMPTY_DOC: Record<string, unknown> = Object.freeze({});

/** True when `doc` is a deep-frozen FieldsV1 document already decoded (so it can never change). */
export function isRememberedFieldsV1(doc: unknown): boolean {
  return isObject(doc) && decoded.has(doc);
}

/** Parses FieldsV1 JSON; a malformed document is a 400 BadRequest. */
export function decodeFieldsV1(json: unknown): FieldSet {
  if (isObject(json)) {
    const known = decoded.get(json);
    if (known !== undefined) return known;
  }
  const kids = new Map<PathElement, FieldSet>();
  const walk = (node: unknown, prefix: FieldPath): FieldSet => {
    if (!isObject(node)) throw badRequest(`invalid FieldsV1 at ${JSON.stringify(prefix)}: not an object`);
    const keys = Object.keys(node);
    const member = keys.length === 0 || keys.includes('.');
    const below = new Map<PathElement, FieldSet>();
    for (const k of keys) {
      if (k === '.') continue;
      if (parseElement(k) === undefined) throw badRequest(`invalid FieldsV1 path element ${JSON.stringify(k)}`);
      const child = walk(node[k], [...prefix, k]);
      if (!child.isEmpty) below.set(k, child);
    }
    return FieldSet.node(member, below);
  };
  if (!isObject(json)) walk(json, []);
  const root = json as Record<string, unknown>;
  for (const k of Object.keys(root)) {
    if (k === '.') continue;
    if (parseElement(k) === undefined) throw badRequest(`invalid FieldsV1 path element ${JSON.stringify(k)}`);
    const child = walk(root[k], [k]);
    if (!child.isEmpty) kids.set(k, child);
  }
  const out = FieldSet.node(false, kids);
  // Only a frozen document is remembered (a mutable one could change under the cache).
  if (Object.isFrozen(root) && isDeepFrozen(root)) {
    decoded.set(root, out);
    if (!encoded.has(out) && sameAsEncoding(root, out)) encoded.set(out, root);
  }
  return out;
}


const MEMBER_LEAF: FieldSet = FieldSet.empty.insert([]);

function isDeepFrozen(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (!Object.isFrozen(v)) return false;
  for (const k of Object.keys(v)) if (!isDeepFrozen((v as Record<string, unknown>)[k])) return false;
  return true;
}

/** True when `doc` is exactly what `encodeFieldsV1(s)` would produce (key order included, so records stay byte-identical). */
function sameAsEncoding(doc: Record<string, unknown>, s: FieldSet): boolean {
  const keys = Object.keys(doc);
  const els = s.elements();
  const dot = s.member && els.length > 0;
  if (keys.length !== els.length + (dot ? 1 : 0)) return false;
  let i = 0;
  if (dot) {
    const d = doc['.'];
    if (keys[0] !== '.' || !isObject(d) || Object.keys(d).length !== 0) return false;
    i = 1;
  }
  for (const el of els) {
    if (keys[i++] !== el) return false;
    const child = doc[el];
    if (!isObject(child) || !sameAsEncoding(child, s.child(el))) return false;
  }
  return true;
}
