/**
 * The history: a sequence of `HistoryRecord`s, the only source of truth.
 * Only `write` records change state; they take gapless, strictly increasing
 * revisions (the objects' `resourceVersion`). The other kinds are kept so a
 * history replays exactly and can be explained, and are never folded.
 *
 * This union is a public, versioned format (see `HISTORY_FORMAT_VERSION`):
 * add optional fields freely, but a change that alters the meaning of an old
 * record needs a new format version and an upgrade-on-read step.
 */
import type { Operation } from 'fast-json-patch';
import type { Command } from './command.js';
import type { KubeObject } from './object.js';
import type { Status } from './status.js';

export const HISTORY_FORMAT = 'chronokube-history';
export const HISTORY_FORMAT_VERSION = 1;

/** RFC 6902 JSON Patch operations, paths as JSON Pointers. */
export type JsonPatch = readonly Operation[];

/** First record of every history. */
export interface HistoryHeader {
  readonly format: typeof HISTORY_FORMAT;
  readonly version: number;
  /** Unix milliseconds of the run's time 0; a record's wall time is `epoch + time`. */
  readonly epoch: number;
  /** `virtual` for replays, tests and `run`; `wall` for live clusters. */
  readonly clock: 'virtual' | 'wall';
  /** The seed of the run's random source, when there is one. */
  readonly seed?: number;
  /** Free-form provenance (scenario file, chronokube version, recorder). */
  readonly meta?: Readonly<Record<string, string>>;
}

/** The verb a write came from, as the client asked it. */
export type WriteVerb = 'create' | 'update' | 'patch' | 'apply' | 'delete' | 'deletecollection';

/**
 * How a write changed its object. `put` carries the whole object after the
 * write; `patch` an RFC 6902 patch from the previous version (what updates
 * normally carry, so an update costs about its change); `remove` means the
 * object is gone (a delete with no finalizers left). Stored objects never
 * carry `metadata.resourceVersion`: the fold stamps it from `rev`.
 */
export type Change =
  | { readonly op: 'put'; readonly object: KubeObject }
  | { readonly op: 'patch'; readonly patch: JsonPatch }
  | { readonly op: 'remove' };

export interface WriteRecord {
  readonly type: 'write';
  /** Assigned by the log backend: gapless and strictly increasing. */
  readonly rev: number;
  /** Milliseconds on the run's clock. */
  readonly time: number;
  /** `user:NAME`, `controller:NAME`, `node:NAME`, `client:NAME`. */
  readonly actor: string;
  /** Revisions the actor was reacting to (empty for a user's own action). */
  readonly cause: readonly number[];
  /** The newest revision the actor had seen when it decided. */
  readonly observedRev: number;
  readonly verb: WriteVerb;
  /** `status`, `binding`, `scale`, ... when the write went through a subresource. */
  readonly subresource?: string;
  /** `GROUP/RESOURCE/NAMESPACE/NAME` (see key.ts). */
  readonly key: string;
  /** Revision of the previous write to this key (0 if the key was never written): stepping back costs O(change). */
  readonly prevRev: number;
  readonly change: Change;
  /** Set on writes recorded from or imported out of another cluster (absent for chronokube's own writes). */
  readonly origin?: WriteOrigin;
}

/**
 * Where a write seen in another cluster came from, and what about it is not
 * known. The history's own revisions stay gapless; the source's
 * `resourceVersion` (an etcd revision: ordered as an integer, with gaps) is
 * kept here so recorded states can be matched to the source's.
 */
export interface WriteOrigin {
  /** `record` (list/watch of a live cluster), `audit` (an audit log), `watch` (a saved watch stream), `snapshot` (a saved state). */
  readonly source: 'record' | 'audit' | 'watch' | 'snapshot';
  /** The source's `metadata.resourceVersion` of the object after the write, when known. */
  readonly resourceVersion?: string;
  /** How `actor` was found: the request's user (`audit`), guessed from the newest managedFields entry (`managed-fields`), or not at all (`unknown`). */
  readonly actorFrom: 'audit' | 'managed-fields' | 'unknown';
  /** The managedFields entry's operation (`Update`, `Apply`) when the actor was inferred from it. */
  readonly operation?: string;
  /** The source logged no body (an audit Metadata-level request): the change is empty and the object's state after it is unknown. */
  readonly bodyUnknown?: boolean;
  /** Written by a resync after changes were not observed (a watch expired or the recorder was away): it may stand for several source writes. */
  readonly resync?: boolean;
  /** The audit event's `auditID`. */
  readonly auditID?: string;
  /** `cause` was not recorded by the source but inferred: the latest writes of the object's owners (ownerReferences) and of the object itself. */
  readonly causeInferred?: boolean;
}

export type Fault =
  | { readonly kind: 'node-down'; readonly node: string }
  | { readonly kind: 'node-up'; readonly node: string }
  | { readonly kind: 'partition'; readonly node: string }
  | { readonly kind: 'heal'; readonly node: string }
  | { readonly kind: 'container-crash'; readonly pod: string; readonly container: string; readonly exitCode?: number }
  | { readonly kind: 'kubelet-restart'; readonly node: string }
  /**
   * Sets the total demand of the pods of `namespace` matching `matchLabels`
   * (quantities as written, e.g. `cpu: "2"`, `memory: 1Gi`); replaces an
   * earlier load with the same namespace and selector. See fixtures/SCENARIOS.md.
   */
  | {
      readonly kind: 'load';
      readonly namespace: string;
      readonly matchLabels: Readonly<Record<string, string>>;
      readonly cpu?: string;
      readonly memory?: string;
      readonly container?: string;
    };

/** What a fault is about, for one-line listings: the node, `NAMESPACE/POD/CONTAINER`, or a load's `NAMESPACE/k=v,...`. */
export function faultSubject(f: Fault): string {
  if ('node' in f) return f.node;
  if (f.kind === 'container-crash') return `${f.pod}/${f.container}`;
  const sel = Object.keys(f.matchLabels)
    .sort()
    .map((k) => `${k}=${f.matchLabels[k] ?? ''}`)
    .join(',');
  return `${f.namespace}/${sel}`;
}

/** Non-write records carry `atRev`: the head revision when they were appended (set by the log). */
interface Positioned {
  readonly atRev: number;
  readonly time: number;
}

export interface FaultRecord extends Positioned {
  readonly type: 'fault';
  readonly actor: string;
  readonly fault: Fault;
}

/** One reconcile: what the controller was given and what it returned, so new code can be re-fed the same inputs. */
export interface ReconcileRecord extends Positioned {
  readonly type: 'reconcile';
  readonly controller: string;
  readonly key: string;
  /** The revisions whose watch events woke this key. */
  readonly wokenBy: readonly number[];
  /** The revision the controller's view (cache) was at. */
  readonly viewRev: number;
  /** The refusal of this key's previous reconcile that the controller was told about. */
  readonly lastRefusal?: Status;
  readonly commands: readonly Command[];
  readonly requeueAfterMs?: number;
  /** A reconcile that threw: the message; the key is retried with backoff unless `terminal`. */
  readonly error?: string;
  readonly terminal?: boolean;
}

/** A controller's command the API refused. Takes no revision; never folded. */
export interface AttemptRecord extends Positioned {
  readonly type: 'attempt';
  readonly actor: string;
  readonly cause: readonly number[];
  readonly observedRev: number;
  readonly command: Command;
  readonly status: Status;
  /** Set on refusals imported out of another cluster's audit log (`resourceVersion` unset). */
  readonly origin?: WriteOrigin;
}

export type Perturbation =
  | { readonly kind: 'stale-cache'; readonly controller: string; readonly lagRevs: number }
  | { readonly kind: 'delay-events'; readonly controller: string; readonly delayMs: number }
  | { readonly kind: 'drop-events'; readonly controller: string; readonly revs: readonly number[] }
  | { readonly kind: 'reorder-events'; readonly controller: string; readonly revs: readonly number[] }
  | { readonly kind: 'restart-controller'; readonly controller: string }
  | { readonly kind: 'split-brain'; readonly controller: string; readonly durationMs: number };

export interface PerturbationRecord extends Positioned {
  readonly type: 'perturbation';
  readonly perturbation: Perturbation;
}

export type Annotation =
  | { readonly kind: 'bookmark'; readonly name: string; readonly rev: number }
  | { readonly kind: 'note'; readonly text: string; readonly rev?: number }
  | { readonly kind: 'invariant-failed'; readonly invariant: string; readonly rev: number; readonly message: string };

export interface AnnotationRecord extends Positioned {
  readonly type: 'annotation';
  readonly actor: string;
  readonly annotation: Annotation;
}

export type HistoryRecord =
  | WriteRecord
  | FaultRecord
  | ReconcileRecord
  | AttemptRecord
  | PerturbationRecord
  | AnnotationRecord;

/** What a caller hands the log: a write without its revision, or another record without its position. */
export type PendingWrite = Omit<WriteRecord, 'rev'>;
export type PendingRecord =
  | PendingWrite
  | Omit<FaultRecord, 'atRev'>
  | Omit<ReconcileRecord, 'atRev'>
  | Omit<AttemptRecord, 'atRev'>
  | Omit<PerturbationRecord, 'atRev'>
  | Omit<AnnotationRecord, 'atRev'>;

export function isWrite(r: HistoryRecord): r is WriteRecord {
  return r.type === 'write';
}
