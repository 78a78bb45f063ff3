/**
 * What the timeline needs about every write, kept in flat typed arrays so a
 * history of a million writes costs ~10 MB and any density or window query
 * is a loop over numbers: the time and the actor (an interned id) of each
 * revision. Built once when the UI opens a history (O(writes)); over a live
 * store that keeps growing, `sync()` adds the writes folded since (O(new
 * writes), the arrays doubling as needed), so the index never copies the
 * history and costs nothing when nothing changed.
 */
import type { Store } from '../store/index.js';
import { isNoise } from './noise.js';

export interface EventRow {
  readonly rev: number;
  readonly time: number;
  readonly actor: string;
  readonly verb: string;
  readonly key: string;
}

export interface Density {
  readonly fromTime: number;
  readonly toTime: number;
  /** Actors drawn separately (the busiest in range); every other actor is counted in the last column. */
  readonly actors: readonly string[];
  /** One row per bucket: a count per actor of `actors`, then "other". */
  readonly counts: readonly (readonly number[])[];
  readonly max: number;
}

export class HistoryIndex {
  readonly first: number;
  readonly actors: string[] = [];
  private last: number;
  private readonly actorIds = new Map<string, number>();
  private times: Float64Array;
  private actorOf: Uint32Array;
  /** 1 for a write the default filters hide (see noise.ts). */
  private noise: Uint8Array;

  constructor(private readonly store: Store) {
    this.first = store.compactedRev;
    this.last = this.first;
    const n = store.rev - this.first;
    this.times = new Float64Array(n + 1);
    this.actorOf = new Uint32Array(n + 1);
    this.noise = new Uint8Array(n + 1);
    this.sync();
  }

  /** The newest revision indexed. */
  get head(): number {
    return this.last;
  }

  /** Indexes the writes the store folded since the last call (none: returns at once). Returns whether the head moved. */
  sync(): boolean {
    const to = this.store.rev;
    if (to <= this.last) return false;
    if (to - this.first + 1 > this.times.length) this.grow(to - this.first + 1);
    for (let r = this.last + 1; r <= to; r++) {
      const w = this.store.write(r);
      if (w === undefined) continue;
      this.times[r - this.first] = w.time;
      if (isNoise(w)) this.noise[r - this.first] = 1;
      let id = this.actorIds.get(w.actor);
      if (id === undefined) {
        id = this.actors.length;
        this.actors.push(w.actor);
        this.actorIds.set(w.actor, id);
      }
      this.actorOf[r - this.first] = id;
    }
    // The base revision shows the first write's time.
    if (this.last === this.first) this.times[0] = this.times[1] as number;
    this.last = to;
    return true;
  }

  /** Room for at least `size` revisions, doubling so a live history's writes cost amortised O(1) each. */
  private grow(size: number): void {
    const cap = Math.max(size, this.times.length * 2, 1024);
    const times = new Float64Array(cap);
    times.set(this.times);
    const actorOf = new Uint32Array(cap);
    actorOf.set(this.actorOf);
    const noise = new Uint8Array(cap);
    noise.set(this.noise);
    this.times = times;
    this.actorOf = actorOf;
    this.noise = noise;
  }

  /** Run time of the write at `rev` (the first write's time for the base revision). */
  time(rev: number): number {
    return this.times[Math.max(0, Math.min(this.head, rev) - this.first)] as number;
  }

  actorAt(rev: number): string {
    return this.actors[this.actorOf[rev - this.first] as number] as string;
  }

  /** The last revision written at or before run time `t` (the base revision before the first write). */
  revAtTime(t: number): number {
    let lo = this.first;
    let hi = this.head;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.times[mid - this.first] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The first revision written at or after run time `t`. */
  firstRevFrom(t: number): number {
    let lo = this.first + 1;
    let hi = this.head + 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid - this.first] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  isNoise(rev: number): boolean {
    return this.noise[rev - this.first] === 1;
  }

  /** Writes per time bucket between two run times, per busiest actor (at most `maxActors`, the rest as "other"); noise left out unless `withNoise`. */
  density(fromTime: number, toTime: number, buckets: number, withNoise = false, maxActors = 10): Density {
    const n = Math.max(1, Math.min(2000, Math.floor(buckets)));
    const span = Math.max(1, toTime - fromTime);
    const lo = this.firstRevFrom(fromTime);
    const hi = this.revAtTime(toTime);
    const totals = new Uint32Array(this.actors.length);
    for (let r = lo; r <= hi; r++) {
      if (!withNoise && this.noise[r - this.first] === 1) continue;
      const a = this.actorOf[r - this.first] as number;
      totals[a] = (totals[a] as number) + 1;
    }
    const top = [...totals.keys()]
      .filter((a) => (totals[a] as number) > 0)
      .sort((x, y) => (totals[y] as number) - (totals[x] as number) || x - y)
      .slice(0, maxActors);
    const column = new Int32Array(this.actors.length).fill(top.length);
    top.forEach((a, i) => (column[a] = i));
    const counts: number[][] = Array.from({ length: n }, () => new Array<number>(top.length + 1).fill(0));
    const scale = n / span;
    for (let r = lo; r <= hi; r++) {
      if (!withNoise && this.noise[r - this.first] === 1) continue;
      const b = Math.min(n - 1, Math.floor(((this.times[r - this.first] as number) - fromTime) * scale));
      const row = counts[b] as number[];
      const c = column[this.actorOf[r - this.first] as number] as number;
      row[c] = (row[c] as number) + 1;
    }
    let max = 0;
    for (const row of counts) max = Math.max(max, row.reduce((s, v) => s + v, 0));
    return { fromTime, toTime, actors: top.map((a) => this.actors[a] as string), counts, max };
  }

  /**
   * Up to `before` writes before `rev` and `after` from it on (noise left out
   * unless `withNoise`; the write at `rev` always shown), oldest first; looks at no more than 20,000 records
   * each way, so a stretch of pure noise cannot make it slow.
   */
  window(rev: number, before: number, after: number, withNoise = false): EventRow[] {
    const keep = (r: number): boolean => withNoise || r === rev || this.noise[r - this.first] !== 1;
    const older: number[] = [];
    for (let r = rev - 1, seen = 0; r > this.first && older.length < before && seen < 20_000; r--, seen++) if (keep(r)) older.push(r);
    const newer: number[] = [];
    for (let r = Math.max(rev, this.first + 1), seen = 0; r <= this.head && newer.length < after && seen < 20_000; r++, seen++) if (keep(r)) newer.push(r);
    return [...older.reverse(), ...newer].flatMap((r) => {
      const row = this.row(r);
      return row === undefined ? [] : [row];
    });
  }

  row(rev: number): EventRow | undefined {
    const w = this.store.write(rev);
    if (w === undefined) return undefined;
    return { rev, time: w.time, actor: w.actor, verb: w.subresource === undefined ? w.verb : `${w.verb}/${w.subresource}`, key: w.key };
  }
}
