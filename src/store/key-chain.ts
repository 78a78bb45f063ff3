/**
 * One key's chain: the ascending revisions of every write to it (creates,
 * patches, removes), its head version (kept materialised: the API reads and
 * patches heads constantly) and a snapshot of every `interval`-th version
 * (chain index 0, K, 2K, ...). Any other version is rebuilt on demand from
 * the nearest snapshot or `put` at or below it by at most K-1 patches.
 * Append-only: a chain never forgets a write, so a view at any revision can
 * read it while the fold goes on.
 *
 * The head is transient: until someone reads it (which seals it with
 * `deepFreeze`), the fold edits its unfrozen containers in place, so a run of
 * patches to an unread head allocates almost nothing. Snapshots are sealed.
 */
import { type KubeObject, deepFreeze } from '../model/index.js';

export class KeyChain {
  /** Revisions of the writes to this key, ascending. */
  readonly revs: number[] = [];
  /** The version at the last revision (undefined when that write removed the key); may be unsealed. */
  head: KubeObject | undefined = undefined;
  /** `snaps[n]` is the version at chain index `n * interval` (a hole where that write was a remove). */
  readonly snaps: (KubeObject | undefined)[] = [];
  /** Chain indexes of the writes that removed the key (rare; kept here so presence needs no record lookup). */
  private removes: number[] | undefined;
  /** The index bags (see key-bag.ts) this key was already added to: a few, so a scan by identity beats a hash lookup by key. */
  private bags: object[] | undefined;

  constructor(readonly key: string) {}

  get latestRev(): number {
    const n = this.revs.length;
    return n === 0 ? 0 : (this.revs[n - 1] as number);
  }

  /** Appends the write at `rev` producing `version`; keeps it as a snapshot on interval boundaries. */
  push(rev: number, version: KubeObject | undefined, interval: number): void {
    const i = this.revs.length;
    this.revs.push(rev);
    this.head = version;
    if (version === undefined) (this.removes ??= []).push(i);
    if (version !== undefined && i % interval === 0) this.snaps[i / interval] = deepFreeze(version);
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
