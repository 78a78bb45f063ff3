/**
 * Everything the store keeps per write, append-only: the record, the object
 * version it produced (undefined for a remove) and the searchable facets
 * (per-key chain of revisions, by actor, by verb). Because versions are kept
 * by revision, the object of any key at any revision is a binary search in
 * its chain plus an array read, with no replay. Base versions (from a
 * checkpoint of a compacted log) sit below `baseRev` in a side map.
 */
import type { KubeObject, WriteRecord } from '../model/index.js';
import type { WriteQuery } from './types.js';

export class VersionHistory {
  head: number;
  private readonly baseVersions = new Map<number, KubeObject>();
  private readonly versions: (KubeObject | undefined)[] = [];
  private readonly records: WriteRecord[] = [];
  private readonly chains = new Map<string, number[]>();
  private readonly byActor = new Map<string, number[]>();
  private readonly byVerb = new Map<string, number[]>();

  constructor(readonly baseRev: number) {
    this.head = baseRev;
  }

  /** Records a version of the base state (revision at or below `baseRev`). */
  addBase(key: string, rev: number, object: KubeObject): void {
    this.baseVersions.set(rev, object);
    this.chains.set(key, [rev]);
  }

  append(record: WriteRecord, version: KubeObject | undefined): void {
    this.records.push(record);
    this.versions.push(version);
    this.head = record.rev;
    push(this.chains, record.key, record.rev);
    push(this.byActor, record.actor, record.rev);
    push(this.byVerb, record.verb, record.rev);
  }

  /** The version written at `rev` (undefined for a remove or an unknown revision). */
  version(rev: number): KubeObject | undefined {
    return rev > this.baseRev ? this.versions[rev - this.baseRev - 1] : this.baseVersions.get(rev);
  }

  record(rev: number): WriteRecord | undefined {
    return rev > this.baseRev ? this.records[rev - this.baseRev - 1] : undefined;
  }

  chain(key: string): readonly number[] {
    return this.chains.get(key) ?? [];
  }

  latestRev(key: string): number {
    const c = this.chains.get(key);
    return c === undefined ? 0 : (c[c.length - 1] as number);
  }

  /** The revision of `key`'s version visible at `rev`, 0 when absent. */
  visibleRev(key: string, rev: number): number {
    const c = this.chains.get(key);
    if (c === undefined) return 0;
    const i = upperBound(c, rev) - 1;
    if (i < 0) return 0;
    const r = c[i] as number;
    return this.version(r) === undefined ? 0 : r;
  }

  /** The revision of the version a write replaced (0 when the key was absent before it). */
  previousVisible(record: WriteRecord): number {
    return record.prevRev > 0 && this.version(record.prevRev) !== undefined ? record.prevRev : 0;
  }

  writes(q: WriteQuery): WriteRecord[] {
    const from = Math.max(q.fromRev ?? 0, this.baseRev + 1);
    const to = Math.min(q.toRev ?? this.head, this.head);
    const lists: (readonly number[])[] = [];
    if (q.key !== undefined) lists.push(this.chains.get(q.key) ?? []);
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
