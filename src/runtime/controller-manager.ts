/**
 * Runs controller definitions against an API: turns each into its RxJS
 * pipeline (watch streams → predicates → keys → work queue → reconcile →
 * commands → API), records every reconcile and every refused command, and
 * stamps each write with the controller as actor, the revisions that woke
 * the key as cause, and the revision its view was at as observedRev (or the
 * older one the reconcile says it read).
 *
 * Everything runs on the run's SimScheduler, so a virtual-time run is
 * deterministic; the manager never reads a clock or randomness of its own.
 */
import type { Observable, Subscription } from 'rxjs';
import { merge, Observable as Obs, Subject } from 'rxjs';
import type { Api } from '../api/index.js';
import type {
  ObjectChange,
  ControllerDefinition,
  Handler,
  KeyOf,
  KindRef,
  Outcome,
  Predicate,
  Processed,
  QueueItem,
  ReconcileResult,
} from '../controllers/index.js';
import { forObject, forOwner, isTerminal, workQueue } from '../controllers/index.js';
import type { Log } from '../log/index.js';
import type { KindInfo, PendingRecord, Random, ResourceScope, Status } from '../model/index.js';
import { asStatus, objectKey, seededRandom, splitApiVersion } from '../model/index.js';
import type { Store } from '../store/index.js';
import { IndexRouter } from './index-router.js';
import { INDEXES } from './indexes.js';
import type { ObjectEvent } from './shared-watch.js';
import { SharedWatch } from './shared-watch.js';
import type { SimScheduler } from './sim-scheduler.js';

export interface ControllerManagerOptions {
  readonly api: Api;
  readonly store: Store;
  readonly log: Log;
  readonly scheduler: SimScheduler;
  /** Seeds each controller's random source (mixed with its name). */
  readonly seed: number;
}

export interface ProcessedBy extends Processed {
  readonly controller: string;
}

export class ControllerManager {
  private readonly running = new Map<string, Subscription>();
  private readonly routers = new Map<string, IndexRouter>();
  /** One store watch per watched resource, shared by every source (see shared-watch.ts). */
  private readonly watches = new Map<string, SharedWatch>();
  /** Every finished reconcile, with its outcome (for tests and the debugger). */
  readonly processed$ = new Subject<ProcessedBy>();

  constructor(private readonly opts: ControllerManagerOptions) {}

  /** Starts a controller: it first sees every existing object it is `for`, then every change. */
  add(def: ControllerDefinition): void {
    if (this.running.has(def.name)) throw new Error(`controller "${def.name}" is already running`);
    const items$ = merge(...this.sources(def));
    const sub = items$
      .pipe(workQueue((key, revs) => this.process(def, key, revs), this.opts.scheduler, def.backoff ?? {}))
      .subscribe((p) => this.processed$.next({ controller: def.name, ...p }));
    this.running.set(def.name, sub);
  }

  /** Stops a controller (its queue is dropped, as when a process dies). */
  remove(name: string): void {
    this.running.get(name)?.unsubscribe();
    this.running.delete(name);
  }

  names(): readonly string[] {
    return [...this.running.keys()].sort();
  }

  stop(): void {
    for (const name of [...this.running.keys()]) this.remove(name);
    for (const r of this.routers.values()) r.close();
    this.routers.clear();
    for (const w of this.watches.values()) w.close();
    this.watches.clear();
    this.processed$.complete();
  }

  private kind(ref: KindRef): KindInfo {
    const view = this.opts.store.head();
    const info = this.opts.api.deps.kinds.kinds(view).find((k) => k.group === ref.group && k.kind === ref.kind);
    if (info === undefined) throw new Error(`unknown kind ${ref.group === '' ? '' : `${ref.group}/`}${ref.kind}`);
    return info;
  }

  private readonly keyOf: KeyOf = (ref) => {
    const { group } = splitApiVersion(ref.apiVersion);
    try {
      const info = this.kind({ group, kind: ref.kind });
      return objectKey({ group, resource: info.plural, namespace: info.namespaced ? (ref.namespace ?? '') : '', name: ref.name });
    } catch {
      return undefined;
    }
  };

  private sources(def: ControllerDefinition): Observable<QueueItem>[] {
    const out: Observable<QueueItem>[] = [];
    const primary = this.kind(def.for);
    const primaryScope = { group: primary.group, resource: primary.plural };
    const primaryEvents =
      def.for.index === undefined ? this.watch(primaryScope) : this.router(primaryScope, def.for.index.index).events(def.for.index.value);
    out.push(this.items(primaryEvents, primaryScope, forObject, def.predicates));
    for (const owned of def.owns ?? []) {
      const info = this.kind(owned);
      const scope = { group: info.group, resource: info.plural };
      out.push(this.items(this.watch(scope), scope, forOwner(def.for), undefined));
    }
    for (const w of def.watches ?? []) {
      const info = this.kind(w.kind);
      const scope = { group: info.group, resource: info.plural };
      out.push(this.items(this.watch(scope), scope, w.handler, w.predicates));
    }
    return out;
  }

  private watch(scope: ResourceScope): Observable<ObjectEvent> {
    return this.shared(scope).events();
  }

  private shared(scope: ResourceScope): SharedWatch {
    const id = `${scope.group}/${scope.resource}`;
    let w = this.watches.get(id);
    if (w === undefined) {
      w = new SharedWatch(this.opts.store, scope);
      this.watches.set(id, w);
    }
    return w;
  }

  private router(scope: ResourceScope, index: string): IndexRouter {
    const id = `${scope.group}/${scope.resource}#${index}`;
    let r = this.routers.get(id);
    if (r === undefined) {
      const fn = INDEXES[index];
      if (fn === undefined) throw new Error(`no index "${index}": known indexes are ${Object.keys(INDEXES).join(', ')}`);
      r = new IndexRouter(this.opts.store, scope, fn, this.shared(scope).changes$);
      this.routers.set(id, r);
    }
    return r;
  }

  private items(events: Observable<ObjectEvent>, scope: ResourceScope, handler: Handler, predicates: readonly Predicate[] | undefined): Observable<QueueItem> {
    const { store } = this.opts;
    // A hand-written mergeMap over arrays: every write reaches every source of its kind, and
    // mergeMap's inner subscription per event cost more than the handlers themselves.
    return new Obs<QueueItem>((subscriber) =>
      events.subscribe({
        next: (e) => {
          let keys: readonly string[];
          try {
            const key = this.keyOfEvent(e, scope);
            const previous = this.previousOf(e, key);
            const change: ObjectChange = previous === undefined ? { type: e.type, key, object: e.object } : { type: e.type, key, object: e.object, previous };
            keys = predicates !== undefined && !predicates.every((p) => p(change)) ? [] : handler(change, store.head(), this.keyOf);
          } catch (err) {
            subscriber.error(err); // as mergeMap would: a throwing handler ends the pipeline
            return;
          }
          for (const k of keys) subscriber.next({ key: k, revs: [e.rev] });
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      }),
    );
  }

  /**
   * Every watcher of a kind sees the same event in turn, so the last event's
   * key and previous version are remembered and shared (one entry each;
   * what they are computed from is part of the check).
   */
  private lastKey: { object: object; group: string; resource: string; key: string } | undefined;
  private lastPrevious: { rev: number; key: string; compactedRev: number; previous: ObjectChange['object'] | undefined } | undefined;

  private keyOfEvent(e: ObjectEvent, scope: ResourceScope): string {
    const last = this.lastKey;
    if (last !== undefined && last.object === e.object && last.group === scope.group && last.resource === scope.resource) return last.key;
    const m = e.object.metadata;
    const key = objectKey({ group: scope.group, resource: scope.resource, namespace: m.namespace ?? '', name: m.name ?? '' });
    this.lastKey = { object: e.object, group: scope.group, resource: scope.resource, key };
    return key;
  }

  private previousOf(e: ObjectEvent, key: string): ObjectChange['object'] | undefined {
    if (e.type !== 'MODIFIED') return undefined;
    const { store } = this.opts;
    const compactedRev = store.compactedRev;
    const last = this.lastPrevious;
    if (last !== undefined && last.rev === e.rev && last.key === key && last.compactedRev === compactedRev) return last.previous;
    const w = store.write(e.rev);
    const previous = w === undefined || w.prevRev === 0 || w.prevRev < compactedRev ? undefined : store.at(w.prevRev).get(key);
    this.lastPrevious = { rev: e.rev, key, compactedRev, previous };
    return previous;
  }

  private process(def: ControllerDefinition, key: string, revs: readonly number[]): Observable<Outcome> {
    const { api, store, log, scheduler } = this.opts;
    const actor = def.actor ?? `controller:${def.name}`;
    const random = this.randomFor(def.name);
    const refusalKey = `${def.name}\u0000${key}`;
    const lastRefusal = this.refusals.get(refusalKey);
    return new Obs<Outcome>((subscriber) => {
      const viewRev = store.rev;
      const view = store.head();
      const now = scheduler.now();
      let result: ReconcileResult | undefined;
      let failure: unknown;
      try {
        result = def.reconcile(key, view, { now, epoch: log.header.epoch, random, ...(lastRefusal === undefined ? {} : { lastRefusal }) });
      } catch (e) {
        failure = e;
      }
      const work = (async (): Promise<Outcome> => {
        const message = failure instanceof Error ? failure.message : String(failure);
        const record: PendingRecord = {
          type: 'reconcile',
          time: now,
          controller: def.name,
          key,
          wokenBy: revs,
          viewRev,
          ...(lastRefusal === undefined ? {} : { lastRefusal }),
          commands: result?.commands ?? [],
          ...(result?.requeueAfterMs === undefined ? {} : { requeueAfterMs: result.requeueAfterMs }),
          ...(failure === undefined ? {} : { error: message, terminal: isTerminal(failure) }),
        };
        await log.append([record]);
        this.refusals.delete(refusalKey);
        if (result === undefined) return { type: 'error', message, terminal: isTerminal(failure) };
        const observedRev = Math.min(viewRev, result.observedRev ?? viewRev);
        for (const command of result.commands) {
          try {
            await api.execute(command, { actor, cause: revs, observedRev });
          } catch (e) {
            const status = asStatus(e);
            if (status === undefined) throw e;
            await log.append([{ type: 'attempt', time: scheduler.now(), actor, cause: revs, observedRev, command, status }]);
            this.refusals.set(refusalKey, status);
            return { type: 'error', message: status.message, terminal: false };
          }
        }
        return result.requeueAfterMs === undefined ? { type: 'done' } : { type: 'requeue-after', ms: result.requeueAfterMs };
      })();
      void scheduler.track(
        work.then(
          (o) => {
            subscriber.next(o);
            subscriber.complete();
          },
          (e: unknown) => subscriber.error(e),
        ),
      );
    });
  }

  /** The last refused command's Status per controller and key, handed to its next reconcile. */
  private readonly refusals = new Map<string, Status>();
  private readonly randoms = new Map<string, Random>();
  private randomFor(name: string): Random {
    let r = this.randoms.get(name);
    if (r === undefined) {
      r = controllerRandom(this.opts.seed, name);
      this.randoms.set(name, r);
    }
    return r;
  }
}

/** A controller's random source: the run's seed mixed with its name, so replays can rebuild it. */
export function controllerRandom(seed: number, name: string): Random {
  let h = seed >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return seededRandom(h);
}
