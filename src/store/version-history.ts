/**
 * Everything the store keeps, append-only: the write records, one `KeyChain`
 * per key ever written, the sorted set of those keys (a scope is a key-prefix
 * range), the label and owner candidate indexes, and the searchable facets
 * (by actor, by verb). Nothing here is ever rewritten, so the state at any
 * revision R is read directly: a key's version at R is the last write at or
 * before R in its chain (absent if none or if that write was a remove).
 *
 * Versions other than a chain's head and its snapshots are materialised on
 * read, from the nearest snapshot, `put` or cached version at or below, by at
 * most `interval - 1` patches; a small cache keeps recent ones. Every
 * version leaving this class is sealed (deep-frozen); the head is sealed on
 * its first read (see key-chain.ts).
 */
import { type JsonPatch, type KubeObject, type WriteRecord, deepFreeze } from '../model/index.js';
import { checkPatched, corruptHistory, keepStampKey, nextVersion, sealVersion, stampVersion } from './fold-write.js';
import { NOT_TAKEN, patchOwned } from './head-patch.js';
import { KeyBagIndex, touchedTerms } from './key-bag.js';
import { KeyChain } from './key-chain.js';
import { type Tree, emptyTree, treeForEachFrom, treeScan, treeSet } from './sorted-tree.js';
import type { WriteQuery } from './types.js';
import { VersionCache } from './version-cache.js';

export class VersionHistory {
  head: number;
  readonly labels = new KeyBagIndex();
  readonly owners = new KeyBagIndex();
  private readonly records: WriteRecord[] = [];
  private readonly chains = new Map<string, KeyChain>();
  /** Every key ever written, sorted; edited in place (append-only, so views need no copy). */
  private keyTree: Tree<KeyChain> = emptyTree();
  private readonly keyEdit = {};
  private readonly byActor = new Map<string, number[]>();
  private readonly byVerb = new Map<string, number[]>();
  private readonly cache = new VersionCache();
  /** `counts[rev - baseRev]`: how many objects exist at that revision (so `count()` of everything is O(1)). */
  private counts = new Int32Array(1024);

  constructor(
    readonly baseRev: number,
    /** Chain versions between snapshots: an old version costs at most `interval - 1` patches. */
    readonly interval: number,
  ) {
    this.head = baseRev;
  }

  /** Records a version of the base state (revision at or below `baseRev`; already stamped). */
  addBase(key: string, rev: number, version: KubeObject): void {
    const chain = this.chainFor(key);
    chain.push(rev, version, 1, true); // a base version has no record to rebuild it from: always a snapshot
    this.counts[0] = (this.counts[0] as number) + 1;
    this.indexTerms(chain, version, 'all', true);
  }

  /**
   * Folds the write at `head + 1` (the caller checked its type and revision):
   * checks it against the key's chain, builds the new head — in place where
   * the head owns its containers (head-patch.ts), generically otherwise —
   * and records it. A write that does not apply throws and changes nothing.
   */
  fold(record: WriteRecord): void {
    const chain = this.chains.get(record.key);
    const latest = chain === undefined ? 0 : chain.last;
    if (record.prevRev !== latest) {
      throw corruptHistory(record, `prevRev ${record.prevRev} does not match the key's latest revision ${latest}`);
    }
    const change = record.change;
    const before = chain?.head;
    let after: KubeObject | undefined;
    // Whether the write may have changed labels or owners (a patch the fast path applied says so itself).
    let terms = true;
    const out = change.op === 'patch' && before !== undefined ? patchOwned(before, change.patch, chain as KeyChain) : NOT_TAKEN;
    if (out !== NOT_TAKEN) {
      if (out === undefined) after = this.refold(chain as KeyChain, record);
      else if (!(chain as KeyChain).touchedMetadata) {
        after = out as KubeObject; // an object still (the fast path never replaces the root), with its metadata untouched
        terms = false;
      } else {
        try {
          after = keepStampKey(checkPatched(out, record, (change as { patch: JsonPatch }).patch), record.rev, chain as KeyChain);
        } catch (e) {
          this.restore(chain as KeyChain);
          throw e;
        }
      }
    } else {
      if (change.op === 'patch' && chain !== undefined && before !== undefined) {
        // The generic applier edits whatever is not frozen: everything the head shares must be first.
        deepFreeze(before);
        chain.disown();
      }
      after = nextVersion(before, record);
    }
    // `chain.head` again: a refold replaced it (the fast path edits only owned containers, never a sealed head).
    this.append(record, after, chain ?? this.chainFor(record.key), chain?.head, terms);
  }

  /** After the fast path stopped on `chain`'s head (maybe half-edited): rebuilds it and applies `record` generically (which throws for a corrupt history). */
  private refold(chain: KeyChain, record: WriteRecord): KubeObject | undefined {
    this.restore(chain);
    return nextVersion(chain.head, record);
  }

  /** Rebuilds `chain`'s head from sealed versions and records, after the fast path may have half-edited it. */
  private restore(chain: KeyChain): void {
    chain.disown();
    chain.head = this.rebuild(chain, chain.revs.length - 1);
    chain.sealed = true;
  }

  private append(record: WriteRecord, after: KubeObject | undefined, chain: KeyChain, before: KubeObject | undefined, terms: boolean): void {
    // Live watchers compare with the version just replaced: keep it at hand if it was read (sealed).
    if (before !== undefined && chain.sealed) this.cache.set(chain.last, before);
    if (after === undefined || record.change.op === 'put') chain.disown();
    chain.push(record.rev, after, this.interval, false);
    const n = record.rev - this.baseRev;
    if (n >= this.counts.length) this.growCounts();
    this.counts[n] = (this.counts[n - 1] as number) + (after === undefined ? 0 : 1) - (before === undefined ? 0 : 1);
    this.records.push(record);
    this.head = record.rev;
    push(this.byActor, record.actor, record.rev);
    push(this.byVerb, record.verb, record.rev);
    if (terms && after !== undefined) {
      const touched = touchedTerms(record.change);
      if (touched !== undefined) this.indexTerms(chain, after, touched.labels, touched.owners);
    }
  }

  /** Number of objects present at `rev` (between `baseRev` and `head`). */
  countAt(rev: number): number {
    return this.counts[rev - this.baseRev] as number;
  }

  private growCounts(): void {
    const next = new Int32Array(this.counts.length * 2);
    next.set(this.counts);
    this.counts = next;
  }

  record(rev: number): WriteRecord | undefined {
    return rev > this.baseRev ? this.records[rev - this.baseRev - 1] : undefined;
  }

  chain(key: string): KeyChain | undefined {
    return this.chains.get(key);
  }

  /** Revisions of every write to `key`, ascending. */
  revisions(key: string): readonly number[] {
    return this.chains.get(key)?.revs ?? [];
  }

  latestRev(key: string): number {
    return this.chains.get(key)?.latestRev ?? 0;
  }

  /** Whether the write at chain index `i` left the key present. */
  exists(chain: KeyChain, i: number): boolean {
    return chain.presentAt(i);
  }

  /** The revision of `key`'s version visible at `rev` (0 when absent). */
  visibleRev(key: string, rev: number): number {
    const chain = this.chains.get(key);
    if (chain === undefined) return 0;
    const i = chain.indexAt(rev);
    return this.exists(chain, i) ? (chain.revs[i] as number) : 0;
  }

  /** `key`'s object at revision `rev`, or undefined. */
  objectAt(key: string, rev: number): KubeObject | undefined {
    const chain = this.chains.get(key);
    return chain === undefined ? undefined : this.visible(chain, chain.indexAt(rev));
  }

  /** The version written at chain index `i` if the key is present there. */
  visible(chain: KeyChain, i: number): KubeObject | undefined {
    return this.exists(chain, i) ? this.materialise(chain, i) : undefined;
  }

  /** The revision of the version a write replaced (0 when the key was absent before it). */
  previousVisible(record: WriteRecord): number {
    if (record.prevRev === 0) return 0;
    const prev = this.record(record.prevRev);
    return prev === undefined || prev.change.op !== 'remove' ? record.prevRev : 0;
  }

  /** Visits the chains of every key ever written that starts with `prefix`, in key order. */
  scan(prefix: string, visit: (chain: KeyChain) => void): void {
    // Collected first: `visit` may run user code that folds (and so edits the tree).
    const found: KeyChain[] = [];
    treeScan(this.keyTree, prefix, (_k, c) => found.push(c));
    for (const c of found) visit(c);
  }

  /** The first chain (by key) under `prefix` whose key is present at `rev`. */
  firstPresent(prefix: string, rev: number): KeyChain | undefined {
    let out: KeyChain | undefined;
    treeForEachFrom(this.keyTree, prefix, (k, c) => {
      if (!k.startsWith(prefix)) return false;
      if (this.exists(c, c.indexAt(rev))) out = c;
      return out === undefined;
    });
    return out;
  }

  writes(q: WriteQuery): WriteRecord[] {
    const from = Math.max(q.fromRev ?? 0, this.baseRev + 1);
    const to = Math.min(q.toRev ?? this.head, this.head);
    const lists: (readonly number[])[] = [];
    if (q.key !== undefined) lists.push(this.revisions(q.key));
    if (q.actor !== undefined) lists.push(this.byActor.get(q.actor) ?? []);
    if (q.verb !== undefined) lists.push(this.byVerb.get(q.verb) ?? []);
    const out: WriteRecord[] = [];
    const take = (rev: number): void => {
      const r = this.record(rev);
      if (r === undefined) return;
      if (q.key !== undefined && r.key !== q.key) return;
      if (q.actor !== undefined && r.actor !== q.actor) return;
      if (q.verb !== undefined && r.verb !== q.verb) return;
      out.push(r);
    };
    if (lists.length === 0) {
      for (let rev = from; rev <= to; rev++) take(rev);
      return out;
    }
    const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    for (let i = upperBound(shortest, from - 1); i < shortest.length && (shortest[i] as number) <= to; i++) take(shortest[i] as number);
    return out;
  }

  /**
   * The version at chain index `i` (which must be present): the head, a
   * snapshot, or rebuilt forward from the nearest snapshot, `put` or cached
   * version at or below `i` — at most `interval - 1` patches.
   */
  private materialise(chain: KeyChain, i: number): KubeObject {
    if (i === chain.revs.length - 1) return chain.seal();
    const rev = chain.revs[i] as number;
    const hit = this.cache.get(rev);
    if (hit !== undefined) return hit;
    const out = this.rebuild(chain, i);
    this.cache.set(rev, out);
    return out;
  }

  /** The version at chain index `i` rebuilt from sealed versions and records (never from the head), sealed. */
  private rebuild(chain: KeyChain, i: number): KubeObject {
    const revs = chain.revs;
    const k = this.interval;
    let j = i;
    let from: KubeObject | undefined;
    for (;;) {
      const r = revs[j] as number;
      if (j % k === 0 && (from = chain.snapshot(j / k, k)) !== undefined) break;
      if (j < i && (from = this.cache.get(r)) !== undefined) break;
      const rec = this.record(r) as WriteRecord;
      if (rec.change.op === 'put') {
        from = stampVersion(rec.change.object, r);
        break;
      }
      j -= 1; // a patch: its previous version exists (a remove is always followed by a put)
    }
    // `from` is sealed, so the first patch copies its path and the rest edit those copies in place.
    let out = from;
    for (let n = j + 1; n <= i; n++) out = nextVersion(out, this.record(revs[n] as number) as WriteRecord) as KubeObject;
    return j === i ? out : sealVersion(out, revs[i] as number);
  }

  private chainFor(key: string): KeyChain {
    let chain = this.chains.get(key);
    if (chain === undefined) {
      chain = new KeyChain(key);
      this.chains.set(key, chain);
      this.keyTree = treeSet(this.keyTree, key, chain, this.keyEdit);
    }
    return chain;
  }

  /** Adds the terms `version` carries for these label names (all of them, or none) and its owners (idempotent: the indexes only grow). */
  private indexTerms(chain: KeyChain, version: KubeObject, names: 'all' | readonly string[], owners: boolean): void {
    const labels = version.metadata.labels;
    if (labels !== undefined) {
      for (const n of names === 'all' ? Object.keys(labels) : names) {
        const v = labels[n];
        if (typeof v !== 'string') continue;
        const bag = this.labels.labelBag(n, v);
        if (chain.joins(bag)) bag.add(chain.key);
      }
    }
    if (owners) {
      for (const r of version.metadata.ownerReferences ?? []) {
        const bag = this.owners.bag(r.uid);
        if (chain.joins(bag)) bag.add(chain.key);
      }
    }
  }
}

function push(m: Map<string, number[]>, k: string, rev: number): void {
  const a = m.get(k);
  if (a === undefined) m.set(k, [rev]);
  else a.push(rev);
}

/** Index of the first element > x in an ascending array. */
export function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
