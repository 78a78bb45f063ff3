/**
 * One store watch of a resource shared by every controller source that
 * watches it. The store calls each watch's listener after every write, so a
 * watch per source (two per node agent: a thousand nodes, two thousand
 * listeners) made every write cost thousands of calls; a shared watch costs
 * one per watched resource.
 *
 * Subscribers see what a watch of their own would show: first every object
 * at head as ADDED (sorted by key, `rev` its resourceVersion), then every
 * change, each event reaching the subscribers in the order they subscribed.
 * That is the order separate watches delivered in (the store calls its
 * listeners in the order they were registered, and a write touches one
 * resource), as long as no subscriber folds a write from inside its
 * callback — the runtime's never do: they only queue keys.
 */
import type { Observable, Subscription } from 'rxjs';
import { concat, defer, from, Subject } from 'rxjs';
import type { ResourceScope, WatchEvent } from '../model/index.js';
import type { Store } from '../store/index.js';

export type ObjectEvent = Extract<WatchEvent, { type: 'ADDED' | 'MODIFIED' | 'DELETED' }>;

export class SharedWatch {
  private readonly subject = new Subject<ObjectEvent>();
  private readonly subscription: Subscription;

  constructor(
    private readonly store: Store,
    private readonly scope: ResourceScope,
  ) {
    this.subscription = store.watch({ scope, afterRev: store.rev }).subscribe((e) => {
      if (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED') this.subject.next(e);
    });
  }

  /** Every change from now on (no initial list), for routers that index what exists themselves. */
  get changes$(): Observable<ObjectEvent> {
    return this.subject;
  }

  /** Every object at head as ADDED, then every change. */
  events(): Observable<ObjectEvent> {
    return defer(() => {
      const initial: ObjectEvent[] = [];
      for (const object of this.store.head().list(this.scope)) {
        initial.push({ type: 'ADDED', object, rev: Number(object.metadata.resourceVersion) });
      }
      return concat(from(initial), this.subject);
    });
  }

  close(): void {
    this.subscription.unsubscribe();
    this.subject.complete();
  }
}
