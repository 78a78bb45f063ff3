/**
 * The store: a pure, deterministic fold of write records with time travel.
 *
 * Design (measured with bench/store.ts, 1M writes over 10k pods):
 * - Versions by revision (`VersionHistory`): each write keeps the object
 *   version it produced, built from the previous version by an immutable
 *   JSON Patch that copies only the touched path. The object of any key at
 *   any revision is a binary search in the key's chain plus an array read.
 * - State as persistent B+trees (`Snapshot`): objects by key plus the label
 *   and owner indexes. The head is advanced with transient edits, so a run
 *   of writes copies each tree node once; handing a state out (head(), a
 *   checkpoint) seals it, after which nothing it references is ever written.
 * - A sealed snapshot every `checkpointInterval` writes (a kept reference).
 *   Any revision is reached from the nearest checkpoint, before or after it,
 *   by at most half an interval of single-write steps.
 * - A step (forward or back) moves one key between two versions, reaching
 *   the previous one through the record's `prevRev`: O(log n), about one event.
 * Nothing here copies the cluster: a write costs its patch plus O(log n).
 *
 * Measured (bench/store.ts, 2-core machine shared with other jobs): fold
 * ~60-80k writes/s, seek p50 ~1.2 ms (p99 is scavenge pauses, 30-70 ms),
 * step back p99 ~35-50 µs, ~1,000 heap bytes per write. The fold's cost is
 * dominated by keeping every version (≈7 small frozen objects per status
 * patch) and the young-generation GC copying them; the next step is lazy
 * versions (materialise a write's object on first read, eagerly only when
 * it touches labels or owners), which needs no change to this contract.
 */
import type { Observable } from 'rxjs';
import type { Checkpoint } from '../log/index.js';
import { type JsonPatch, type WatchEvent, type WriteRecord, badRequest, expired } from '../model/index.js';
import { validateCheckpoint } from './checkpoint.js';
import { HistoryCursor } from './cursor.js';
import { clusterDiff, objectDiff } from './diff.js';
import { corruptHistory, nextVersion, stampVersion } from './fold-write.js';
import { type Snapshot, SnapshotBuilder, emptySnapshot } from './snapshot.js';
import { SnapshotView } from './state-view.js';
import type { Cursor, StateView, Store, WatchOptions, WriteQuery } from './types.js';
import { VersionHistory } from './version-history.js';
import { watchStream } from './watch-stream.js';

export interface StoreOptions {
  /** Start from this state (the base of a compacted log); its revision becomes `compactedRev`. */
  readonly base?: Checkpoint;
  /** Writes between in-memory checkpoints (default 1024): seeking costs at most half of it in steps. */
  readonly checkpointInterval?: number;
}

export class FoldStore implements Store {
  readonly history: VersionHistory;
  readonly compactedRev: number;
  private readonly interval: number;
  private readonly head_: SnapshotBuilder;
  private readonly checkpoints: Snapshot[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(options: StoreOptions = {}) {
    const base = options.base === undefined ? undefined : validateCheckpoint(options.base);
    this.compactedRev = base?.rev ?? 0;
    this.interval = Math.max(1, Math.floor(options.checkpointInterval ?? 1024));
    this.history = new VersionHistory(this.compactedRev);
    this.head_ = new SnapshotBuilder(emptySnapshot(this.compactedRev));
    const revs = new Set<number>();
    for (const e of base?.entries ?? []) {
      if (revs.has(e.rev)) throw new Error(`checkpoint at ${this.compactedRev}: revision ${e.rev} appears twice`);
      revs.add(e.rev);
      const version = stampVersion(e.object, e.rev);
      this.history.addBase(e.key, e.rev, version);
      this.head_.move(e.key, undefined, version, e.rev);
    }
    this.checkpoints.push(this.head_.seal());
  }

  get rev(): number {
    return this.history.head;
  }

  fold(record: WriteRecord): void {
    const h = this.history;
    if (record.type !== 'write') throw corruptHistory(record, `not a write record (${String(record.type)})`);
    if (record.rev !== h.head + 1) throw corruptHistory(record, `revision is not head + 1 (head is ${h.head})`);
    const latest = h.latestRev(record.key);
    if (record.prevRev !== latest) {
      throw corruptHistory(record, `prevRev ${record.prevRev} does not match the key's latest revision ${latest}`);
    }
    const before = latest === 0 ? undefined : h.version(latest);
    const after = nextVersion(before, record);
    h.append(record, after);
    this.head_.rev = record.rev;
    this.head_.move(record.key, before, after, record.rev);
    if ((record.rev - this.compactedRev) % this.interval === 0) this.checkpoints.push(this.head_.seal());
    for (const listener of this.listeners) listener();
  }

  head(): StateView {
    return this.headView();
  }

  headView(): SnapshotView {
    const snap = this.head_.seal();
    return new SnapshotView(this.history, snap.rev, () => snap, snap);
  }

  at(rev: number): StateView {
    return this.viewAt(rev);
  }

  viewAt(rev: number): SnapshotView {
    this.checkRev(rev);
    if (rev === this.rev) return this.headView();
    return new SnapshotView(this.history, rev, () => this.snapshotAt(rev));
  }

  /** The state at `rev` from the nearest checkpoint (before or after it): at most half an interval of steps. */
  snapshotAt(rev: number): Snapshot {
    this.checkRev(rev);
    if (rev === this.rev) return this.head_.seal();
    const i = Math.floor((rev - this.compactedRev) / this.interval);
    const lower = this.checkpoints[i] as Snapshot;
    const upper = this.checkpoints[i + 1] ?? this.head_.seal();
    return rev - lower.rev <= upper.rev - rev ? this.step(lower, rev) : this.step(upper, rev);
  }

  /** `from` moved to revision `to` one write at a time, forward or back. */
  step(from: Snapshot, to: number): Snapshot {
    if (from.rev === to) return from;
    const h = this.history;
    const b = new SnapshotBuilder(from);
    for (let r = from.rev + 1; r <= to; r++) {
      const rec = h.record(r) as WriteRecord;
      b.move(rec.key, h.version(h.previousVisible(rec)), h.version(r), r);
    }
    for (let r = from.rev; r > to; r--) {
      const rec = h.record(r) as WriteRecord;
      const prev = h.previousVisible(rec);
      b.move(rec.key, h.version(r), h.version(prev), prev);
    }
    b.rev = to;
    return b.seal();
  }

  write(rev: number): WriteRecord | undefined {
    return this.history.record(rev);
  }

  versions(key: string): readonly number[] {
    return this.history.chain(key).slice();
  }

  latestRev(key: string): number {
    return this.history.latestRev(key);
  }

  writes(query: WriteQuery): readonly WriteRecord[] {
    return this.history.writes(query);
  }

  diff(fromRev: number, toRev: number, key?: string): JsonPatch {
    const a = this.viewAt(fromRev);
    const b = this.viewAt(toRev);
    return key === undefined ? clusterDiff(this.history, a, b) : objectDiff(a.get(key), b.get(key));
  }

  cursor(rev: number = this.rev): Cursor {
    return new HistoryCursor(this, rev);
  }

  watch(options: WatchOptions): Observable<WatchEvent> {
    return watchStream(this, options);
  }

  onAdvance(listener: () => void): () => void {
    const own = (): void => listener();
    this.listeners.add(own);
    return () => this.listeners.delete(own);
  }

  private checkRev(rev: number): void {
    if (!Number.isInteger(rev)) throw badRequest(`revision ${rev} is not an integer`);
    if (rev < this.compactedRev) throw expired(rev, this.compactedRev);
    if (rev > this.rev) throw badRequest(`revision ${rev} is beyond the head revision ${this.rev}`);
  }
}

/**
 * An empty store (or one starting from a compacted log's base) that the
 * caller folds writes into.
 *
 * @example
 * const store = createStore();
 * store.fold(record);              // rev 1
 * store.at(1).get('core/pods/default/web');
 */
export function createStore(options: StoreOptions = {}): FoldStore {
  return new FoldStore(options);
}
