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

  /** A set holding exactly these paths. */
  static of(paths: Iterable<FieldPath>): FieldSet {
    let s = FieldSet.empty;
    for (const p of paths) s = s.insert(p);
    return s;
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
    return [...this.kids.keys()].sort(compareElements);
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
    if (o.isEmpty) return this;
    if (this.isEmpty) return o;
    const kids = new Map(this.kids);
    for (const [el, s] of o.kids) kids.set(el, this.child(el).union(s));
    return new FieldSet(this.member || o.member, kids);
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
    const kids = new Map<PathElement, FieldSet>();
    for (const [el, s] of this.kids) {
      const x = o.kids.get(el);
      const d = x === undefined ? s : s.difference(x);
      if (!d.isEmpty) kids.set(el, d);
    }
    return new FieldSet(this.member && !o.member, kids);
  }

  /** Removes the members of `o` and everything below them. */
  recursiveDifference(o: FieldSet): FieldSet {
    if (o.member) return FieldSet.empty;
    if (o.isEmpty || this.isEmpty) return this;
    const kids = new Map<PathElement, FieldSet>();
    for (const [el, s] of this.kids) {
      const x = o.kids.get(el);
      const d = x === undefined ? s : s.recursiveDifference(x);
      if (!d.isEmpty) kids.set(el, d);
    }
    return new FieldSet(this.member, kids);
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

/** FieldsV1 JSON for a set. */
export function encodeFieldsV1(s: FieldSet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const els = s.elements();
  if (s.member && els.length > 0) out['.'] = {};
  for (const el of els) out[el] = encodeFieldsV1(s.child(el));
  return out;
}

/** Parses FieldsV1 JSON; a malformed document is a 400 BadRequest. */
export function decodeFieldsV1(json: unknown): FieldSet {
  const paths: FieldPath[] = [];
  const walk = (node: unknown, prefix: FieldPath): void => {
    if (!isObject(node)) throw badRequest(`invalid FieldsV1 at ${JSON.stringify(prefix)}: not an object`);
    const keys = Object.keys(node);
    if (keys.length === 0 || keys.includes('.')) paths.push(prefix);
    for (const k of keys) {
      if (k === '.') continue;
      if (parseElement(k) === undefined) throw badRequest(`invalid FieldsV1 path element ${JSON.stringify(k)}`);
      walk(node[k], [...prefix, k]);
    }
  };
  walk(json, []);
  return FieldSet.of(paths.filter((p) => p.length > 0));
}
