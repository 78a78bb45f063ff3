/**
 * A store frozen at one revision of a longer history: what `chronokube
 * serve --at REV` answers from. Its head is REV; reads beyond REV are 400 as
 * beyond any store's head; versions, writes and diffs stop at REV; watches
 * send the writes after the asked revision up to REV and then end, since
 * nothing more will ever happen in this past. It costs nothing to make: every
 * read goes to the underlying store, whose views at any revision coexist.
 */
import type { Observable } from 'rxjs';
import { Observable as Obs, takeWhile } from 'rxjs';
import type { JsonPatch, WatchEvent, WriteRecord } from '../model/index.js';
import { badRequest, methodNotAllowed } from '../model/index.js';
import type { Cursor, StateView, Store, WatchOptions, WriteQuery } from '../store/index.js';

export function pinnedStore(store: Store, rev: number): Store {
  if (!Number.isInteger(rev) || rev < store.compactedRev || rev > store.rev) {
    throw badRequest(`revision ${rev} is outside the history (${store.compactedRev}..${store.rev})`);
  }
  return new PinnedStore(store, rev);
}

class PinnedStore implements Store {
  private readonly headView: StateView;

  constructor(
    private readonly inner: Store,
    readonly rev: number,
  ) {
    this.headView = inner.at(rev);
  }

  get compactedRev(): number {
    return this.inner.compactedRev;
  }

  head(): StateView {
    return this.headView;
  }

  at(rev: number): StateView {
    this.check(rev);
    return rev === this.rev ? this.headView : this.inner.at(rev);
  }

  fold(): void {
    throw methodNotAllowed(`this history is read-only at revision ${this.rev}`);
  }

  write(rev: number): WriteRecord | undefined {
    return rev > this.rev ? undefined : this.inner.write(rev);
  }

  versions(key: string): readonly number[] {
    const all = this.inner.versions(key);
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((all[mid] as number) <= this.rev) lo = mid + 1;
      else hi = mid;
    }
    return lo === all.length ? all : all.slice(0, lo);
  }

  latestRev(key: string): number {
    const v = this.versions(key);
    return v[v.length - 1] ?? 0;
  }

  writes(query: WriteQuery): readonly WriteRecord[] {
    return this.inner.writes({ ...query, toRev: Math.min(query.toRev ?? this.rev, this.rev) });
  }

  diff(fromRev: number, toRev: number, key?: string): JsonPatch {
    this.check(fromRev);
    this.check(toRev);
    return this.inner.diff(fromRev, toRev, key);
  }

  cursor(rev: number = this.rev): Cursor {
    this.check(rev);
    return new PinnedCursor(this.inner.cursor(rev), this.rev);
  }

  watch(options: WatchOptions): Observable<WatchEvent> {
    // Synchronous delivery (no scheduler): every write up to REV is sent during subscribe, then the stream ends.
    const { scheduler: _s, bookmarks$: _b, ...sync } = options;
    const afterRev = options.afterRev ?? this.rev;
    return new Obs<WatchEvent>((sub) => {
      if (options.afterRev === undefined) {
        for (const object of this.headView.list(options.scope, options.filter)) {
          sub.next({ type: 'ADDED', object, rev: Number(object.metadata.resourceVersion) });
        }
      }
      const inner = this.inner
        .watch({ ...sync, afterRev: Math.min(afterRev, this.rev) })
        .pipe(takeWhile((e) => e.type === 'ERROR' || e.rev <= this.rev))
        .subscribe({ next: (e) => sub.next(e), error: (e: unknown) => sub.error(e) });
      sub.complete();
      return inner;
    });
  }

  private check(rev: number): void {
    if (rev > this.rev) throw badRequest(`revision ${rev} is beyond the head revision ${this.rev}`);
  }
}

/** A cursor that cannot step past the pinned revision. */
class PinnedCursor implements Cursor {
  constructor(
    private readonly inner: Cursor,
    private readonly limit: number,
  ) {}

  get rev(): number {
    return this.inner.rev;
  }

  get state(): StateView {
    return this.inner.state;
  }

  get record(): WriteRecord | undefined {
    return this.inner.record;
  }

  forward(): boolean {
    return this.inner.rev < this.limit && this.inner.forward();
  }

  back(): boolean {
    return this.inner.back();
  }

  seek(rev: number): void {
    if (rev > this.limit) throw badRequest(`revision ${rev} is beyond the head revision ${this.limit}`);
    this.inner.seek(rev);
  }
}
