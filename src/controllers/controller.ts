/**
 * The controller contract. A controller is a definition: its name, the kind
 * it is `for`, the kinds it `owns` and `watches`, predicates, and a
 * `reconcile(key, view, ctx)` that returns commands as data. The runtime
 * turns each definition into an RxJS pipeline (watch streams → predicates →
 * keys → work queue → reconcile → commands → API) and records every
 * reconcile, so new controller code can be re-fed the same inputs.
 *
 * Reconciles are level-triggered: a watch event only wakes a key; reconcile
 * reads the view (the controller's cache at the revision it has observed),
 * never the event. It may be called many times for one change, and must
 * return the same commands for the same view, key and time.
 *
 * @example
 * export const configMapCopier: ControllerDefinition = {
 *   name: 'copier',
 *   for: { group: '', kind: 'ConfigMap' },
 *   reconcile(key, view) {
 *     const cm = view.get(key);
 *     if (cm === undefined || cm.metadata.name?.endsWith('-copy')) return done();
 *     const copy = { ...cm, metadata: { name: `${cm.metadata.name}-copy`, namespace: cm.metadata.namespace } };
 *     return view.get(`${key}-copy`) === undefined ? { commands: [{ type: 'create', object: copy }] } : done();
 *   },
 * };
 */
import type { Command, KubeObject, ObjectRef, Random, Status } from '../model/index.js';
import type { StateView } from '../store/index.js';

/** A kind, as a controller names it. */
export interface KindRef {
  readonly group: string;
  readonly kind: string;
}

/** A change a predicate judges: the object after the write and, for updates and deletes, before it. */
export interface ObjectChange {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The changed object's key. */
  readonly key: string;
  readonly object: KubeObject;
  readonly previous?: KubeObject;
}

/** Filters changes before they wake a key (e.g. ignore status-only updates). */
export type Predicate = (change: ObjectChange) => boolean;

/** Turns a reference (apiVersion, kind, namespace, name) into an object key; undefined for an unknown kind. */
export type KeyOf = (ref: ObjectRef) => string | undefined;

/** Maps a change of a watched object to the keys of the controller's primary objects it concerns. */
export type Handler = (change: ObjectChange, view: StateView, keyOf: KeyOf) => readonly string[];

/** Narrows a source to objects whose indexed field has one value (e.g. pods with `spec.nodeName` = this node). */
export interface IndexSelector {
  /** An index the runtime maintains: `spec.nodeName` for pods. */
  readonly index: string;
  readonly value: string;
}

export interface Watch {
  readonly kind: KindRef;
  readonly handler: Handler;
  readonly predicates?: readonly Predicate[];
}

export interface ReconcileContext {
  /** Milliseconds on the run's clock. */
  readonly now: number;
  /** Unix ms of the run's time 0 (for RFC 3339 timestamps in status). */
  readonly epoch: number;
  /** The controller's seeded random source (e.g. the scheduler's node sampling). */
  readonly random: Random;
  /**
   * Why the API refused a command of this key's previous reconcile, if it did
   * (a controller reports it: FailedCreate events, ReplicaFailure conditions).
   * Recorded with the reconcile, so replays see it too.
   */
  readonly lastRefusal?: Status;
}

export interface ReconcileResult {
  readonly commands: readonly Command[];
  /** Reconcile this key again after this many ms, even if nothing changes. */
  readonly requeueAfterMs?: number;
  /**
   * The newest revision the reconcile actually read, when it is older than
   * the view it was given (a wrapper showing it a lagging cache, as the
   * property-testing harness does): the commands' `observedRev`, so the
   * history says the actor acted on stale state.
   */
  readonly observedRev?: number;
}

/**
 * Thrown by a reconcile that can never succeed for this input (a malformed
 * spec): the key is not retried until something about it changes.
 * Any other error is retried with exponential backoff.
 */
export class TerminalError extends Error {
  readonly terminal = true;
  constructor(message: string) {
    super(message);
    this.name = 'TerminalError';
  }
}

export function isTerminal(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { terminal?: unknown }).terminal === true;
}

export interface ControllerDefinition {
  /** `replicaset`, `scheduler`, `kubelet/node-1`: unique within a run. */
  readonly name: string;
  /** Recorded as each write's actor; default `controller:NAME`. */
  readonly actor?: string;
  /** The primary kind: its objects' keys are what reconcile receives. */
  readonly for: KindRef & { readonly index?: IndexSelector };
  /** Kinds whose objects carry a controller ownerReference to a primary object: their changes wake the owner. */
  readonly owns?: readonly KindRef[];
  /** Other kinds, mapped to primary keys by a handler. */
  readonly watches?: readonly Watch[];
  /** Filters on changes of primary objects. */
  readonly predicates?: readonly Predicate[];
  /** Retry back-off after errors (default 5 ms doubling to 1000 s, client-go's default rate limiter). */
  readonly backoff?: { readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  reconcile(key: string, view: StateView, ctx: ReconcileContext): ReconcileResult;
}

/** Nothing to do. */
export function done(): ReconcileResult {
  return { commands: [] };
}
