/**
 * An append-only index from a term (`name=value` of a label, an owner uid) to
 * the keys that EVER carried it. Nothing is removed when an object drops the
 * term: a query at revision R takes the candidates and checks each object at
 * R, which is exact and cheap because candidates per term are few. Being
 * append-only, one index serves every revision at once and a write never
 * copies it.
 */
export class KeyBagIndex {
  private readonly bags = new Map<string, KeyBag>();

  /** Records that `key` carries `term` (idempotent). */
  add(term: string, key: string): void {
    let bag = this.bags.get(term);
    if (bag === undefined) this.bags.set(term, (bag = new KeyBag()));
    bag.add(key);
  }

  /** Every key that ever carried `term` and starts with `prefix`, sorted. */
  candidates(term: string, prefix = ''): readonly string[] {
    const bag = this.bags.get(term);
    return bag === undefined ? [] : bag.withPrefix(prefix);
  }
}

class KeyBag {
  private readonly keys = new Set<string>();
  private sorted: string[] | undefined;

  add(key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.sorted = undefined;
  }

  withPrefix(prefix: string): readonly string[] {
    const all = (this.sorted ??= [...this.keys].sort());
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

/** The label index's term for `name=value` (label names cannot contain `=`). */
export function labelTerm(name: string, value: string): string {
  return `${name}=${value}`;
}
