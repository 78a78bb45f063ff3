/**
 * Watch streams with Kubernetes semantics. A watcher is only a position in
 * the history: when the store advances it reads the writes after its
 * position (record + version by revision), so a slow watcher holds no buffer
 * of events and cannot make the fold wait (give it a `scheduler` and the fold
 * merely marks it behind). Delivery is in revision order, also when a
 * subscriber folds more writes from inside its own callback.
 *
 * - scope: only writes whose key is under the resource (and namespace);
 * - filter: an object leaving the filter is DELETED (carrying its new
 *   state), one entering it is ADDED, as a selector watch does;
 * - DELETED for a removal carries the last version with `resourceVersion`
 *   of the deleting revision;
 * - without `afterRev`: synthetic ADDED for every object in scope at head first;
 * - `afterRev` below the compacted revision: one ERROR (410 Expired), then complete;
 * - BOOKMARK (an empty shell of the watched kind) with the revision the
 *   watcher has caught up to, whenever `bookmarks$` emits.
 */
import { Observable, type Subscription } from 'rxjs';
import { type KubeObject, type WatchEvent, expired, scopePrefix } from '../model/index.js';
import type { HistoryView } from './state-view.js';
import type { WatchOptions } from './types.js';
import type { VersionHistory } from './version-history.js';

/** What a watch needs from its store. */
export interface WatchHost {
  readonly history: VersionHistory;
  readonly rev: number;
  readonly compactedRev: number;
  headView(): HistoryView;
  /** Calls `listener` after every fold; returns the unsubscribe. */
  onAdvance(listener: () => void): () => void;
}

export function watchStream(host: WatchHost, options: WatchOptions): Observable<WatchEvent> {
  return new Observable<WatchEvent>((sub) => {
    const { scope, filter, afterRev, scheduler, bookmarks$ } = options;
    if (afterRev !== undefined && afterRev < host.compactedRev) {
      sub.next({ type: 'ERROR', object: expired(afterRev, host.compactedRev).status });
      sub.complete();
      return undefined;
    }
    const prefix = scopePrefix(scope);
    const passes = (o: KubeObject | undefined): o is KubeObject => o !== undefined && (filter === undefined || filter(o));
    let shell: KubeObject | undefined;
    const seen = (o: KubeObject): KubeObject => ((shell ??= { apiVersion: o.apiVersion, kind: o.kind, metadata: {} }), o);
    let pos: number;
    if (afterRev === undefined) {
      const head = host.headView();
      for (const o of head.list(scope, filter)) {
        if (sub.closed) return undefined;
        sub.next({ type: 'ADDED', object: seen(o), rev: Number(o.metadata.resourceVersion) });
      }
      pos = head.rev;
    } else pos = afterRev;

    const eventAt = (rev: number): WatchEvent | undefined => {
      const h = host.history;
      const rec = h.record(rev);
      if (rec === undefined || !rec.key.startsWith(prefix)) return undefined;
      const prev = h.previousVisible(rec);
      const after = rec.change.op === 'remove' ? undefined : h.objectAt(rec.key, rev);
      const was = filter === undefined ? prev !== 0 : prev !== 0 && passes(h.objectAt(rec.key, prev));
      const is = passes(after);
      if (is) return { type: was ? 'MODIFIED' : 'ADDED', object: seen(after), rev };
      if (!was) return undefined;
      if (after !== undefined) return { type: 'DELETED', object: seen(after), rev };
      const before = h.objectAt(rec.key, prev) as KubeObject;
      const tombstone = { ...before, metadata: { ...before.metadata, resourceVersion: String(rev) } };
      return { type: 'DELETED', object: seen(Object.freeze(tombstone)), rev };
    };

    let draining = false;
    const drain = (): void => {
      if (draining) return; // a subscriber folded from inside next(): the running loop picks it up
      draining = true;
      try {
        while (pos < host.rev && !sub.closed) {
          pos += 1;
          const ev = eventAt(pos);
          if (ev !== undefined) sub.next(ev);
        }
      } finally {
        draining = false;
      }
    };
    let scheduled = false;
    const wake =
      scheduler === undefined
        ? drain
        : (): void => {
            if (scheduled) return;
            scheduled = true;
            sub.add(scheduler.schedule(() => ((scheduled = false), drain())));
          };
    const off = host.onAdvance(wake);
    let marks: Subscription | undefined;
    if (bookmarks$ !== undefined) {
      marks = bookmarks$.subscribe(() => {
        drain();
        if (sub.closed) return;
        if (shell === undefined) {
          const any = host.headView().first(prefix);
          if (any !== undefined) seen(any);
        }
        const base = shell ?? { apiVersion: '', kind: '', metadata: {} };
        sub.next({ type: 'BOOKMARK', object: { ...base, metadata: { resourceVersion: String(pos) } }, rev: pos });
      });
    }
    wake();
    return () => {
      off();
      marks?.unsubscribe();
    };
  });
}
