/**
 * The debugger's cursor over a history: seek a revision or a time, step one
 * write at a time, or jump to the next / previous write matching a filter
 * (kind, name, label selector, actor, verb, text, a state predicate), with
 * noise (heartbeats, lease renewals, managedFields- or resourceVersion-only
 * changes, no-op writes) skipped unless lifted. Stepping costs about one
 * write (the store's cursor); jumps along one object's chain of versions
 * (a filter naming `key`) cost one seek.
 *
 * @example
 * const c = new DebugCursor(store);
 * c.seek(0);
 * const failed = c.next({ kind: 'Pod', state: 'status.phase=Failed' });
 */
import { revAtTime } from '../invariants/index.js';
import type { WriteRecord } from '../model/index.js';
import type { Cursor, StateView, Store } from '../store/index.js';
import type { NoiseOptions, WriteContext, WriteFilter } from './write-filter.js';
import { compileFilter, isNoise } from './write-filter.js';

export interface DebugCursorOptions {
  /** Noise hidden by `next`/`previous` (all kinds by default). */
  readonly noise?: NoiseOptions;
}

export class DebugCursor {
  private readonly cursor: Cursor;

  constructor(
    private readonly store: Store,
    private readonly opts: DebugCursorOptions = {},
    rev = store.rev,
  ) {
    this.cursor = store.cursor(rev);
  }

  get rev(): number {
    return this.cursor.rev;
  }
  get state(): StateView {
    return this.cursor.state;
  }
  /** The write at the cursor (undefined at revision 0 or the compacted base). */
  get record(): WriteRecord | undefined {
    return this.cursor.record;
  }

  seek(rev: number): void {
    this.cursor.seek(rev);
  }
  /** To the last revision written at or before virtual time `t`. */
  seekTime(t: number): void {
    this.cursor.seek(revAtTime(this.store, t));
  }
  /** One write forward / back, noise included; false at the end. */
  forward(): boolean {
    return this.cursor.forward();
  }
  back(): boolean {
    return this.cursor.back();
  }

  /** Moves to the next write after the cursor that matches (noise skipped); stays put and returns undefined when none does. */
  next(filter: WriteFilter = {}, noise: NoiseOptions | undefined = this.opts.noise): WriteRecord | undefined {
    return this.find(filter, noise, 1);
  }

  /** Moves to the previous matching write before the cursor. */
  previous(filter: WriteFilter = {}, noise: NoiseOptions | undefined = this.opts.noise): WriteRecord | undefined {
    return this.find(filter, noise, -1);
  }

  private find(filter: WriteFilter, noise: NoiseOptions | undefined, dir: 1 | -1): WriteRecord | undefined {
    const test = compileFilter(filter);
    const ctxOf = (w: WriteRecord): (() => WriteContext) => {
      let memo: WriteContext | undefined;
      return () => (memo ??= { before: w.prevRev > 0 && w.prevRev >= this.store.compactedRev ? this.store.at(w.prevRev).get(w.key) : undefined, after: this.store.at(w.rev).get(w.key) });
    };
    const accept = (w: WriteRecord): boolean => {
      const ctx = ctxOf(w);
      return test(w, ctx) && !isNoise(w, ctx, noise);
    };
    // Along one object's versions: only its writes can match.
    const candidates = filter.key === undefined ? undefined : this.store.versions(filter.key);
    if (candidates !== undefined) {
      const ordered = dir === 1 ? candidates.filter((r) => r > this.rev) : candidates.filter((r) => r < this.rev).reverse();
      for (const r of ordered) {
        const w = this.store.write(r);
        if (w !== undefined && accept(w)) {
          this.cursor.seek(r);
          return w;
        }
      }
      return undefined;
    }
    const start = this.rev;
    for (let r = start + dir; r > this.store.compactedRev && r <= this.store.rev; r += dir) {
      const w = this.store.write(r);
      if (w !== undefined && accept(w)) {
        this.cursor.seek(r);
        return w;
      }
    }
    return undefined;
  }
}
