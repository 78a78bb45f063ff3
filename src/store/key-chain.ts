/**
 * One key's chain: the ascending revisions of every write to it (creates,
 * patches, removes), its head version (kept materialised: the API reads and
 * patches heads constantly) and a snapshot of every `interval`-th version
 * (chain index 0, K, 2K, ...). Any other version is rebuilt on demand from
 * the nearest snapshot or `put` at or below it by at most K-1 patches.
 * Append-only: a chain never forgets a write, so a view at any revision can
 * read it while the fold goes on.
 *
 * The head is transient until someone reads it, which seals it (stamps its
 * `resourceVersion`, then `deepFreeze`). Until then the fold edits in place
 * the containers it owns (as an `OwnedSet`) — the ones it copied since the head was
 * last shared, see head-patch.ts — and leaves `resourceVersion` stale, so a
 * run of patches to an unread head allocates almost nothing, freezes nothing
 * and never touches its metadata. A snapshot shares the head as it is
 * (it disowns them, so later patches copy what they change) and is sealed
 * when first read, as a `put`'s object (the record's) is.
 */
import type { KubeObject } from '../model/index.js';
import { sealVersion, stampVersion } from './fold-write.js';
import { OwnedSet } from './head-patch.js';

/** A key's chain; as an `OwnedSet`, it holds the containers its unsealed head owns. */
export class KeyChain extends OwnedSet {
  /** Revisions of the writes to this key, ascending. */
  readonly revs: number[] = [];
  /** The last revision (0 before the first write): `revs`' last element, kept apart so the fold checks it without reading `revs`. */
  last = 0;
  /** The version at the last revision (undefined when that write removed the key); may be unsealed (see `sealed`). */
  head: KubeObject | undefined = undefined;
  /** Whether `head` is sealed: stamped with the last revision and deep-frozen. */
  sealed = false;
  /** `snaps[n]` is the version at chain index `n * interval` (a hole where that write was a remove); sealed on first read. */
  private readonly snaps: (KubeObject | undefined)[] = [];
  /** Chain indexes of the writes that removed the key (rare; kept here so presence needs no record lookup). */
  private removes: number[] | undefined;
  /** The index bags (see key-bag.ts) this key was already added to: a few, so a scan by identity beats a hash lookup by key. */
  private bags: object[] | undefined;

  constructor(readonly key: string) {
    super();
  }

  get latestRev(): number {
    return this.last;
  }

  /**
   * Appends the write at `rev` producing `version` (`sealed`: already stamped
   * as the version at `rev` and deep-frozen); keeps it as a snapshot on
   * interval boundaries. The caller has left it owning exactly the
   * containers only `version` holds.
   */
  push(rev: number, version: KubeObject | undefined, interval: number, sealed: boolean): void {
    const i = this.revs.length;
    this.revs.push(rev);
    this.last = rev;
    this.head = version;
    this.sealed = sealed;
    if (version === undefined) {
      (this.removes ??= []).push(i);
      this.disown();
    } else if (i % interval === 0) {
      this.snaps[i / interval] = version;
      this.disown(); // shared with the snapshot from now on
    }
  }

  /** The head, sealed (stamped with the last revision and deep-frozen); it must exist. */
  seal(): KubeObject {
    if (!this.sealed) {
      this.head = sealVersion(this.head as KubeObject, this.last, this);
      this.disown();
      this.sealed = true;
    }
    return this.head as KubeObject;
  }

  /** The snapshot at chain index `n * interval`, sealed (undefined if that write was a remove). */
  snapshot(n: number, interval: number): KubeObject | undefined {
    const snap = this.snaps[n];
    if (snap === undefined) return undefined;
    const rv = String(this.revs[n * interval] as number);
    if (Object.isFrozen(snap) && snap.metadata.resourceVersion === rv) return snap;
    // Its containers may be shared (with the head, or the record of a put): stamped on copies.
    const sealed = stampVersion(snap, this.revs[n * interval] as number);
    this.snaps[n] = sealed;
    return sealed;
  }

  /** Notes that the key is in `bag`; false if it already was (so the caller skips the add). */
  joins(bag: object): boolean {
    const bags = (this.bags ??= []);
    for (let i = 0; i < bags.length; i++) if (bags[i] === bag) return false;
    bags.push(bag);
    return true;
  }

  /** Whether the key is present after the write at chain index `i` (false for -1: not written yet). */
  presentAt(i: number): boolean {
    if (i < 0) return false;
    if (i === this.revs.length - 1) return this.head !== undefined;
    return this.removes === undefined || !this.removes.includes(i);
  }

  /** Index of the last write at or before `rev` (-1 when the key was not written yet). */
  indexAt(rev: number): number {
    const a = this.revs;
    const n = a.length;
    if (n > 0 && (a[n - 1] as number) <= rev) return n - 1;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((a[mid] as number) <= rev) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
