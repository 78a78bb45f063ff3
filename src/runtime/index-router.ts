/**
 * One shared watch of a resource, routed by an index value: subscribers ask
 * for the changes of objects whose index (e.g. `spec.nodeName`) has one value
 * — first the current members, then every change that involves that value
 * (an object entering or leaving it included).
 */
import type { Observable, Subscription } from 'rxjs';
import { concat, defer, from, Subject } from 'rxjs';
import type { ResourceScope } from '../model/index.js';
import { objectKey } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { IndexFn } from './indexes.js';
import type { ObjectEvent } from './shared-watch.js';

export class IndexRouter {
  private readonly subjects = new Map<string, Subject<ObjectEvent>>();
  /** Index value of every object, and its inverse. */
  private readonly last = new Map<string, string>();
  private readonly members = new Map<string, Set<string>>();
  private readonly subscription: Subscription;

  constructor(
    private readonly store: Store,
    private readonly scope: ResourceScope,
    private readonly index: IndexFn,
    /** The resource's changes from now on (the shared watch of `scope`). */
    changes$: Observable<ObjectEvent>,
  ) {
    const head = store.head();
    for (const key of head.keys(scope)) {
      const o = head.get(key);
      const v = o === undefined ? undefined : index(o);
      if (v !== undefined) this.setValue(key, v);
    }
    this.subscription = changes$.subscribe((e) => this.route(e));
  }

  private keyOf(e: ObjectEvent): string {
    const m = e.object.metadata;
    return objectKey({ group: this.scope.group, resource: this.scope.resource, namespace: m.namespace ?? '', name: m.name ?? '' });
  }

  private route(e: ObjectEvent): void {
    const key = this.keyOf(e);
    const before = this.last.get(key);
    const now = e.type === 'DELETED' ? undefined : this.index(e.object);
    if (before !== undefined && before !== now) this.members.get(before)?.delete(key);
    if (now === undefined) this.last.delete(key);
    else this.setValue(key, now);
    if (before !== undefined && before !== now) this.subjects.get(before)?.next({ type: 'DELETED', object: e.object, rev: e.rev });
    if (now !== undefined) this.subjects.get(now)?.next(before === now ? e : { ...e, type: e.type === 'MODIFIED' && before === undefined ? 'ADDED' : e.type });
  }

  private setValue(key: string, value: string): void {
    this.last.set(key, value);
    let m = this.members.get(value);
    if (m === undefined) {
      m = new Set();
      this.members.set(value, m);
    }
    m.add(key);
  }

  /** Current members of `value` as ADDED events, then their changes. */
  events(value: string): Observable<ObjectEvent> {
    return defer(() => {
      let subject = this.subjects.get(value);
      if (subject === undefined) {
        subject = new Subject<ObjectEvent>();
        this.subjects.set(value, subject);
      }
      const head = this.store.head();
      const initial: ObjectEvent[] = [];
      for (const key of [...(this.members.get(value) ?? [])].sort()) {
        const object = head.get(key);
        if (object !== undefined) initial.push({ type: 'ADDED', object, rev: Number(object.metadata.resourceVersion ?? 0) });
      }
      return concat(from(initial), subject);
    });
  }

  close(): void {
    this.subscription.unsubscribe();
    for (const s of this.subjects.values()) s.complete();
  }
}
