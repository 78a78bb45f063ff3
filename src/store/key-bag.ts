/**
 * An append-only index from a term (`name=value` of a label, an owner uid) to
 * the keys that EVER carried it. Nothing is removed when an object drops the
 * term: a query at revision R takes the candidates and checks each object at
 * R, which is exact and cheap because candidates per term are few. Being
 * append-only, one index serves every revision at once and a write never
 * copies it.
 */
import type { Change } from '../model/index.js';

export class KeyBagIndex {
  private readonly bags = new Map<string, KeyBag>();
  /** The label bags by name, then value (the fold finds a bag without building its term string). */
  private readonly pairs = new Map<string, Map<string, KeyBag>>();

  /** The bag of `term`, created empty if needed. */
  bag(term: string): KeyBag {
    let bag = this.bags.get(term);
    if (bag === undefined) this.bags.set(term, (bag = new KeyBag()));
    return bag;
  }

  /** The bag of the label term `name=value` (see `labelTerm`), created empty if needed. */
  labelBag(name: string, value: string): KeyBag {
    let byValue = this.pairs.get(name);
    if (byValue === undefined) this.pairs.set(name, (byValue = new Map()));
    let bag = byValue.get(value);
    if (bag === undefined) byValue.set(value, (bag = this.bag(labelTerm(name, value))));
    return bag;
  }

  /** Every key that ever carried `term` and starts with `prefix`, sorted. */
  candidates(term: string, prefix = ''): readonly string[] {
    const bag = this.bags.get(term);
    return bag === undefined ? [] : bag.withPrefix(prefix);
  }
}

/** The keys that ever carried one term. */
export class KeyBag {
  private readonly keys: string[] = [];
  /** `keys` sorted, made on demand (never edited once handed out). */
  private sorted: string[] | undefined;

  /** Adds `key`, which must not be in the bag yet (the fold asks `KeyChain.joins` first). */
  add(key: string): void {
    this.keys.push(key);
    this.sorted = undefined;
  }

  withPrefix(prefix: string): readonly string[] {
    const all = (this.sorted ??= this.keys.slice().sort());
    if (prefix === '') return all;
    const lo = lowerBound(all, prefix);
    let hi = lo;
    while (hi < all.length && (all[hi] as string).startsWith(prefix)) hi++;
    return all.slice(lo, hi);
  }
}

function lowerBound(a: readonly string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as string) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Which label names and whether the owners a write may have given its object
 * (the terms to add for the version it produced): everything for a put or an
 * operation on the root, `/metadata` or the whole label map / owner list; just
 * `NAME` for an operation on `/metadata/labels/NAME`; nothing otherwise (most
 * status patches).
 */
export function touchedTerms(change: Change): { labels: 'all' | readonly string[]; owners: boolean } | undefined {
  if (change.op !== 'patch') return change.op === 'put' ? EVERYTHING : undefined;
  let labels: 'all' | string[] | undefined;
  let owners = false;
  for (const op of change.patch) {
    const p = op.path;
    if (!p.startsWith('/metadata') && p !== '') continue;
    if (p === '' || p === '/metadata') return EVERYTHING;
    if (p.startsWith('/metadata/ownerReferences')) owners = true;
    else if (p.startsWith('/metadata/labels/') && p.indexOf('/', 17) === -1) {
      if (labels === undefined) labels = [];
      if (labels !== 'all') labels.push(unescape(p.slice(17)));
    } else if (p.startsWith('/metadata/labels')) labels = 'all';
  }
  return labels === undefined && !owners ? undefined : { labels: labels ?? [], owners };
}

const EVERYTHING = { labels: 'all', owners: true } as const;

function unescape(seg: string): string {
  return seg.includes('~') ? seg.replace(/~1/g, '/').replace(/~0/g, '~') : seg;
}

/** The label index's term for `name=value` (label names cannot contain `=`). */
export function labelTerm(name: string, value: string): string {
  return `${name}=${value}`;
}
