/**
 * The store's public contract: state at any revision as a read-only view,
 * stepping, diffs and watch streams. The state is a pure fold of the log's
 * write records; nothing else changes it.
 */
import type { Observable, SchedulerLike } from 'rxjs';
import type { JsonPatch, KubeObject, ResourceScope, WatchEvent, WriteRecord } from '../model/index.js';

/** A read-only view of the cluster at one revision. Views are immutable: holding one costs a reference. */
export interface StateView {
  readonly rev: number;
  /** The object at this revision, `metadata.resourceVersion` stamped, or undefined. */
  get(key: string): KubeObject | undefined;
  /** The revision of the version of `key` visible at this revision (0 if absent). */
  versionRev(key: string): number;
  /** Objects in scope, sorted by key, optionally filtered. */
  list(scope: ResourceScope, filter?: (o: KubeObject) => boolean): readonly KubeObject[];
  /** Number of objects in scope (all objects without one). */
  count(scope?: ResourceScope): number;
  /** Objects in scope carrying label `name=value` (index lookup, sorted by key). */
  byLabel(scope: ResourceScope, name: string, value: string): readonly KubeObject[];
  /** Objects with an ownerReference to `ownerUid` (index lookup, sorted by key). */
  byOwner(ownerUid: string): readonly KubeObject[];
  /** Every key present, sorted. */
  keys(scope?: ResourceScope): readonly string[];
}

export interface WatchOptions {
  readonly scope: ResourceScope;
  /**
   * Send events for writes after this revision. Absent: start at the head with
   * synthetic ADDED events for every object in scope (Kubernetes' "list then
   * watch" when no resourceVersion is given). Below the compacted revision the
   * stream errors with 410 Expired.
   */
  readonly afterRev?: number;
  /** Only objects passing this filter; an object that stops passing is sent as DELETED, one that starts as ADDED. */
  readonly filter?: (o: KubeObject) => boolean;
  /** Emit a BOOKMARK carrying the head revision whenever `bookmarks$` emits. */
  readonly bookmarks$?: Observable<unknown>;
  /**
   * Deliver on this scheduler instead of synchronously inside the fold: the
   * fold then only marks the watcher behind, and the watcher catches up by
   * reading the version history when scheduled (no buffer of events).
   */
  readonly scheduler?: SchedulerLike;
}

/** Moves through history one write at a time; forward and back both cost about one event. */
export interface Cursor {
  readonly rev: number;
  readonly state: StateView;
  /** The write at the cursor (undefined at rev 0 or the compacted base). */
  readonly record: WriteRecord | undefined;
  forward(): boolean;
  back(): boolean;
  seek(rev: number): void;
}

/** Searchable facets of the history. */
export interface WriteQuery {
  readonly actor?: string;
  readonly verb?: string;
  readonly key?: string;
  readonly fromRev?: number;
  readonly toRev?: number;
}

export interface Store {
  /** Head revision (the newest folded write). */
  readonly rev: number;
  /** Writes at or before this revision are not kept (0 if never compacted). */
  readonly compactedRev: number;
  /** The state at head. */
  head(): StateView;
  /** The state at `rev`; throws 410 Expired below the compacted revision, 400 beyond head. */
  at(rev: number): StateView;
  /** Folds one acknowledged write (revision must be `rev + 1`). The log drives this; tests may too. */
  fold(record: WriteRecord): void;
  /** The write with this revision. */
  write(rev: number): WriteRecord | undefined;
  /** Revisions of every write to `key`, ascending (its chain of versions). */
  versions(key: string): readonly number[];
  /** The latest write revision of `key` at head (0 if never written). */
  latestRev(key: string): number;
  /** Writes matching a query, ascending by revision. */
  writes(query: WriteQuery): readonly WriteRecord[];
  /** JSON Patch turning the state at `fromRev` into the state at `toRev`: per object, or cluster-wide with paths `/GROUP/RESOURCE/NAMESPACE/NAME/...`. */
  diff(fromRev: number, toRev: number, key?: string): JsonPatch;
  cursor(rev?: number): Cursor;
  watch(options: WatchOptions): Observable<WatchEvent>;
}
