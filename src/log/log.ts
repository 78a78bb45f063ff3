/**
 * The log: an append-only sequence of history records behind one
 * asynchronous interface, so the memory, file and (later) etcd backends are
 * interchangeable and pass one conformance suite.
 *
 * Guarantees every backend keeps:
 * - the backend assigns write revisions: gapless, strictly increasing from 1;
 * - `append` is atomic per call (all records or none) and may be conditional
 *   on each named key's latest write revision (etcd's `mod_revision`);
 * - a call's promise resolves only once its records are durable (for the
 *   file backend: after the fsync that covers them), and `appended$` emits
 *   each acknowledged batch, in order, before that promise resolves;
 * - records before `compactedRev` are gone: reading them is 410 Expired.
 */
import type { Observable } from 'rxjs';
import type { HistoryHeader, HistoryRecord, PendingRecord } from '../model/index.js';
import type { KubeObject } from '../model/index.js';

/** Append only if `key`'s latest write has revision `prevRev` (0: never written). */
export interface AppendCondition {
  readonly key: string;
  readonly prevRev: number;
}

/** Thrown (rejected) when a condition does not hold; nothing was appended. */
export class AppendConflict extends Error {
  constructor(
    readonly key: string,
    readonly expectedRev: number,
    readonly actualRev: number,
  ) {
    super(`append conflict on ${key}: expected its latest revision to be ${expectedRev}, it is ${actualRev}`);
    this.name = 'AppendConflict';
  }
}

/** One object of a checkpoint: its key, the revision of its version, the object (without resourceVersion). */
export interface CheckpointEntry {
  readonly key: string;
  readonly rev: number;
  readonly object: KubeObject;
}

/**
 * The whole state at `rev`, entries sorted by key. Checkpoints make seeking
 * cheap for a new process; the base checkpoint of a compacted log is the
 * state everything after `compactedRev` folds onto.
 */
export interface Checkpoint {
  readonly rev: number;
  readonly entries: readonly CheckpointEntry[];
}

export interface Log {
  readonly header: HistoryHeader;
  /** Highest write revision appended and acknowledged (0 if none). */
  headRev(): number;
  /** Writes with `rev <= compactedRev()` have been dropped; 0 if never compacted. */
  compactedRev(): number;
  /** The latest write revision of `key` (0 if never written), counting appends not yet acknowledged. */
  keyRev(key: string): number;

  /**
   * Appends records atomically; write records get revisions in order. Resolves
   * with the records as stored (writes with `rev`, others with `atRev`).
   * Rejects with `AppendConflict` when a condition fails, appending nothing.
   */
  append(records: readonly PendingRecord[], conditions?: readonly AppendCondition[]): Promise<readonly HistoryRecord[]>;

  /**
   * Every record after write revision `afterRev` (default: from the start of
   * what is kept), in log order, including non-write records positioned after
   * it. Rejects with a 410 Expired Status when `afterRev < compactedRev()`.
   */
  read(afterRev?: number): AsyncIterable<HistoryRecord>;

  /** Hot stream of acknowledged batches, in append order. Completes on close. */
  readonly appended$: Observable<readonly HistoryRecord[]>;

  /** The base state of a compacted log (undefined if never compacted). */
  base(): Promise<Checkpoint | undefined>;
  /** Drops every record with a revision at or before `checkpoint.rev`, keeping `checkpoint` as the new base. */
  compact(checkpoint: Checkpoint): Promise<void>;

  /** Keeps a checkpoint for fast seeking in later processes (a cache: losing it costs time, never data). */
  saveCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Revisions of the saved checkpoints, ascending. */
  checkpointRevs(): Promise<readonly number[]>;
  loadCheckpoint(rev: number): Promise<Checkpoint | undefined>;

  /** Flushes, releases the writer lock, completes `appended$`. Idempotent. */
  close(): Promise<void>;
}
