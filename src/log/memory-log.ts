/**
 * The memory backend: the fastest log, for tests, property runs and replays;
 * gone at exit. It keeps every promise of the `Log` contract (it passes the
 * same conformance suite as the file backend), acknowledging each append as
 * soon as it is made.
 *
 * @example
 * const log = createMemoryLog({ format: 'chronokube-history', version: 1, epoch: 0, clock: 'virtual' });
 * const [w] = await log.append([pendingWrite]); // w.rev === 1
 */
import { Subject, type Observable } from 'rxjs';
import type { HistoryHeader, HistoryRecord, PendingRecord } from '../model/index.js';
import type { AppendCondition, Checkpoint, Log } from './log.js';
import { checkCheckpointRev, checkReadable, isAfter } from './positions.js';
import { Sequencer } from './sequencer.js';

export function createMemoryLog(header: HistoryHeader): Log {
  return new MemoryLog(header);
}

/** Index of the first record after write `afterRev` (records are in log order; `isAfter` is monotone). */
function firstAfter(records: readonly HistoryRecord[], afterRev: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAfter(records[mid] as HistoryRecord, afterRev)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class MemoryLog implements Log {
  private readonly subject = new Subject<readonly HistoryRecord[]>();
  readonly appended$: Observable<readonly HistoryRecord[]> = this.subject.asObservable();
  private readonly seq = new Sequencer();
  /** Acknowledged records after the compacted revision; replaced (never mutated in place) on compaction. */
  private records: HistoryRecord[] = [];
  private head = 0;
  private compacted = 0;
  private baseCheckpoint: Checkpoint | undefined;
  private readonly checkpoints = new Map<number, Checkpoint>();
  private closed = false;
  /** Acknowledgements run one at a time, so an append made from an `appended$` subscriber is emitted after the current batch. */
  private readonly acks: Array<() => void> = [];
  private acking = false;

  constructor(readonly header: HistoryHeader) {}

  headRev(): number {
    return this.head;
  }

  compactedRev(): number {
    return this.compacted;
  }

  keyRev(key: string): number {
    return this.seq.keyRev(key);
  }

  append(records: readonly PendingRecord[], conditions: readonly AppendCondition[] = []): Promise<readonly HistoryRecord[]> {
    if (this.closed) return Promise.reject(new Error('append to a closed memory log'));
    const conflict = this.seq.check(conditions);
    if (conflict !== undefined) return Promise.reject(conflict);
    let stored: HistoryRecord[];
    try {
      stored = this.seq.assign(records);
    } catch (e) {
      return Promise.reject(e);
    }
    const head = this.seq.assignedHead;
    return new Promise((resolve) => {
      this.acks.push(() => {
        for (const r of stored) this.records.push(r);
        this.head = head;
        if (stored.length > 0) this.subject.next(stored);
        resolve(stored);
      });
      this.drain();
    });
  }

  private drain(): void {
    if (this.acking) return;
    this.acking = true;
    try {
      for (let ack = this.acks.shift(); ack !== undefined; ack = this.acks.shift()) ack();
    } finally {
      this.acking = false;
    }
    if (this.closed) this.subject.complete();
  }

  async *read(afterRev: number = this.compacted): AsyncIterable<HistoryRecord> {
    if (this.closed) throw new Error('read from a closed memory log');
    checkReadable(afterRev, this.compacted);
    const records = this.records;
    const end = records.length;
    for (let i = firstAfter(records, afterRev); i < end; i++) yield records[i] as HistoryRecord;
  }

  base(): Promise<Checkpoint | undefined> {
    return Promise.resolve(this.baseCheckpoint);
  }

  async compact(checkpoint: Checkpoint): Promise<void> {
    if (this.closed) throw new Error('compact a closed memory log');
    checkCheckpointRev(checkpoint.rev, this.compacted, this.head);
    this.records = this.records.slice(firstAfter(this.records, checkpoint.rev));
    this.compacted = checkpoint.rev;
    this.baseCheckpoint = checkpoint;
    this.seq.compactKeys(checkpoint);
    for (const rev of [...this.checkpoints.keys()]) if (rev < checkpoint.rev) this.checkpoints.delete(rev);
  }

  async saveCheckpoint(checkpoint: Checkpoint): Promise<void> {
    if (this.closed) throw new Error('save a checkpoint to a closed memory log');
    checkCheckpointRev(checkpoint.rev, this.compacted, this.head);
    this.checkpoints.set(checkpoint.rev, checkpoint);
  }

  async checkpointRevs(): Promise<readonly number[]> {
    return [...this.checkpoints.keys()].sort((a, b) => a - b);
  }

  async loadCheckpoint(rev: number): Promise<Checkpoint | undefined> {
    return this.checkpoints.get(rev);
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      if (!this.acking) this.subject.complete();
    }
    return Promise.resolve();
  }
}
