/**
 * A persistent B+tree from string keys to values, sorted by key. The store
 * keeps the set of every key ever written in one (version-history.ts), edited
 * in place under a token it never gives up: that set only grows, so views
 * read it without a copy, and a resource or namespace scope is a range scan.
 *
 * Why a B+tree: an insert touches one root-to-leaf path (three nodes of at
 * most 32 entries for 10,000 keys), keys come out sorted, and a count is two
 * ranks (branches carry subtree sizes). Kept persistent (copy-on-write
 * without a token) for whoever needs to keep old roots.
 *
 * Transients: every node records the `Edit` token it was created under. An
 * update given the same token edits such nodes in place instead of copying
 * them again, so a run of writes between two snapshots copies each node once.
 * Whoever hands a root out must stop using its token (take a new one); nodes
 * made under an abandoned token are never written again, i.e. immutable.
 * Pass `null` for a pure, copy-always update.
 *
 * Deletion does not rebalance: an empty node is dropped and a branch with one
 * child collapses, which keeps the code small; depth still grows only by splits.
 */

/** An ownership token for transient updates (compared by identity only). */
export type Edit = object | null;

export interface Leaf<V> {
  readonly leaf: true;
  edit: Edit;
  keys: string[];
  vals: V[];
}
export interface Branch<V> {
  readonly leaf: false;
  edit: Edit;
  /** `keys[i]` is a lower bound of every key under `kids[i]` and above every key under `kids[i-1]` (`keys[0]` is unused for routing). */
  keys: string[];
  kids: Tree<V>[];
  size: number;
}
export type Tree<V> = Leaf<V> | Branch<V>;

const MAX = 32;

export function emptyTree<V>(): Tree<V> {
  return { leaf: true, edit: null, keys: [], vals: [] };
}

export function treeSize<V>(t: Tree<V>): number {
  return t.leaf ? t.keys.length : t.size;
}

/** Index of the first key >= k. */
function lowerBound(keys: readonly string[], k: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The child of a branch whose range holds k. */
function childIndex(keys: readonly string[], k: string): number {
  let lo = 1;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function treeGet<V>(t: Tree<V>, k: string): V | undefined {
  let n = t;
  while (!n.leaf) n = n.kids[childIndex(n.keys, k)] as Tree<V>;
  const i = lowerBound(n.keys, k);
  return n.keys[i] === k ? n.vals[i] : undefined;
}

function own<V>(n: Tree<V>, edit: Edit): Tree<V> {
  if (edit !== null && n.edit === edit) return n;
  return n.leaf
    ? { leaf: true, edit, keys: n.keys.slice(), vals: n.vals.slice() }
    : { leaf: false, edit, keys: n.keys.slice(), kids: n.kids.slice(), size: n.size };
}

// Side results of the recursive updates (single-threaded, read right after each call).
let split: Tree<unknown> | null = null;
let changedSize = 0;

function setNode<V>(n: Tree<V>, k: string, v: V, edit: Edit): Tree<V> {
  if (n.leaf) {
    const i = lowerBound(n.keys, k);
    if (n.keys[i] === k) {
      if (n.vals[i] === v) return n;
      const m = own(n, edit) as Leaf<V>;
      m.vals[i] = v;
      return m;
    }
    const m = own(n, edit) as Leaf<V>;
    m.keys.splice(i, 0, k);
    m.vals.splice(i, 0, v);
    changedSize = 1;
    if (m.keys.length > MAX) {
      const half = m.keys.length >>> 1;
      split = { leaf: true, edit, keys: m.keys.splice(half), vals: m.vals.splice(half) };
    }
    return m;
  }
  const i = childIndex(n.keys, k);
  const kid = n.kids[i] as Tree<V>;
  const next = setNode(kid, k, v, edit);
  const s = split as Tree<V> | null;
  split = null;
  if (next === kid && s === null && changedSize === 0) return n;
  const m = own(n, edit) as Branch<V>;
  m.kids[i] = next;
  m.size += changedSize;
  if (s !== null) {
    m.kids.splice(i + 1, 0, s);
    m.keys.splice(i + 1, 0, s.keys[0] as string);
    if (m.kids.length > MAX) {
      const half = m.kids.length >>> 1;
      const kids = m.kids.splice(half);
      let size = 0;
      for (const c of kids) size += treeSize(c);
      m.size -= size;
      split = { leaf: false, edit, keys: m.keys.splice(half), kids, size };
    }
  }
  return m;
}

/** The tree with `k` set to `v` (see the header for `edit`). */
export function treeSet<V>(t: Tree<V>, k: string, v: V, edit: Edit): Tree<V> {
  changedSize = 0;
  split = null;
  const r = setNode(t, k, v, edit);
  const s = split as Tree<V> | null;
  split = null;
  if (s === null) return r;
  return { leaf: false, edit, keys: [r.keys[0] as string, s.keys[0] as string], kids: [r, s], size: treeSize(r) + treeSize(s) };
}

function removeNode<V>(n: Tree<V>, k: string, edit: Edit): Tree<V> {
  if (n.leaf) {
    const i = lowerBound(n.keys, k);
    if (n.keys[i] !== k) return n;
    const m = own(n, edit) as Leaf<V>;
    m.keys.splice(i, 1);
    m.vals.splice(i, 1);
    changedSize = -1;
    return m;
  }
  const i = childIndex(n.keys, k);
  const kid = n.kids[i] as Tree<V>;
  const next = removeNode(kid, k, edit);
  if (changedSize === 0) return n;
  const m = own(n, edit) as Branch<V>;
  m.size -= 1;
  if (treeSize(next) === 0) {
    m.kids.splice(i, 1);
    m.keys.splice(i, 1);
  } else m.kids[i] = next;
  return m;
}

/** The tree without `k` (unchanged, same root, if `k` is absent). */
export function treeRemove<V>(t: Tree<V>, k: string, edit: Edit): Tree<V> {
  changedSize = 0;
  let r = removeNode(t, k, edit);
  while (!r.leaf && r.kids.length <= 1) r = r.kids.length === 0 ? emptyTree<V>() : (r.kids[0] as Tree<V>);
  return r;
}

/** Number of keys < k. */
export function treeRank<V>(t: Tree<V>, k: string): number {
  let n = t;
  let rank = 0;
  while (!n.leaf) {
    const i = childIndex(n.keys, k);
    for (let j = 0; j < i; j++) rank += treeSize(n.kids[j] as Tree<V>);
    n = n.kids[i] as Tree<V>;
  }
  return rank + lowerBound(n.keys, k);
}

/** Visits entries with key >= `from` in key order until `visit` returns false. Returns false if stopped. */
export function treeForEachFrom<V>(t: Tree<V>, from: string, visit: (k: string, v: V) => boolean | void): boolean {
  if (t.leaf) {
    for (let i = lowerBound(t.keys, from); i < t.keys.length; i++) {
      if (visit(t.keys[i] as string, t.vals[i] as V) === false) return false;
    }
    return true;
  }
  for (let i = childIndex(t.keys, from); i < t.kids.length; i++) {
    if (!treeForEachFrom(t.kids[i] as Tree<V>, from, visit)) return false;
  }
  return true;
}

/** Entries whose key starts with `prefix`, in key order. */
export function treeScan<V>(t: Tree<V>, prefix: string, visit: (k: string, v: V) => void): void {
  treeForEachFrom(t, prefix, (k, v) => {
    if (!k.startsWith(prefix)) return false;
    visit(k, v);
    return true;
  });
}

/** Number of keys starting with `prefix` (two ranks, O(log n)). */
export function treeCountPrefix<V>(t: Tree<V>, prefix: string): number {
  if (prefix === '') return treeSize(t);
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return treeRank(t, end) - treeRank(t, prefix);
}
