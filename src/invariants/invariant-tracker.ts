/**
 * Follows one invariant's verdict along a store's history, one revision at a
 * time, re-checking only what can have changed: nothing when the write is of
 * a kind the invariant does not read, only the touched subjects when it has
 * a subject index, and subjects whose time-bound deadline passed. A
 * revision that changes nothing relevant costs one record lookup, so long
 * histories of heartbeats scan at memory speed.
 */
import type { Store } from '../store/index.js';
import type { Invariant, InvariantContext, Violation } from './invariant.js';
import { sortViolations, writesKind } from './invariant.js';

/** The context of revision `rev`: its write's time (0 when there is none: revision 0 or the compacted base). */
export function contextAt(store: Store, rev: number, epoch: number): InvariantContext {
  return { rev, time: rev > store.compactedRev ? (store.write(rev)?.time ?? 0) : 0, epoch };
}

export class InvariantTracker {
  private revValue = -1;
  /** Subject mode: violations of each failing subject. Whole mode: under the key ''. */
  private readonly failing = new Map<string, readonly Violation[]>();
  /** Run times at which a subject ('' in whole mode) must be re-checked even without a write. */
  private readonly deadlines = new Map<string, number>();
  private nextDeadline = Infinity;
  /** How many (subject or whole) checks ran: for tests and benchmarks. */
  checks = 0;

  constructor(
    private readonly store: Store,
    readonly invariant: Invariant,
    private readonly epoch: number,
  ) {}

  get rev(): number {
    return this.revValue;
  }

  get holds(): boolean {
    return this.failing.size === 0;
  }

  /** The violations at the current revision, sorted by key. */
  violations(): Violation[] {
    return sortViolations([...this.failing.values()].flat());
  }

  /** Checks everything at `rev`. */
  start(rev: number): this {
    this.failing.clear();
    this.deadlines.clear();
    this.revValue = rev;
    const view = this.store.at(rev);
    const ctx = contextAt(this.store, rev, this.epoch);
    const subjects = this.invariant.subjects;
    if (subjects === undefined) this.recheckWhole(ctx);
    else for (const s of subjects.all(view)) this.recheckSubject(s, ctx);
    this.refreshNextDeadline();
    return this;
  }

  /** Moves to the next revision, re-checking what its write (and the time it happened) may have changed. */
  forward(): boolean {
    const rev = this.revValue + 1;
    if (rev > this.store.rev) return false;
    this.revValue = rev;
    const write = this.store.write(rev);
    if (write === undefined) return true;
    const ctx: InvariantContext = { rev, time: write.time, epoch: this.epoch };
    const reads = this.invariant.reads;
    const relevant = reads === undefined || writesKind(write.key, reads);
    const subjects = this.invariant.subjects;
    const due = ctx.time >= this.nextDeadline;
    if (subjects === undefined) {
      if (relevant || due) this.recheckWhole(ctx);
    } else {
      const todo = new Set<string>();
      if (relevant) for (const s of subjects.touched(write, this.store.at(rev), this.store.at(rev - 1))) todo.add(s);
      if (due) for (const [s, t] of this.deadlines) if (ctx.time >= t) todo.add(s);
      for (const s of todo) this.recheckSubject(s, ctx);
    }
    if (relevant || due) this.refreshNextDeadline();
    return true;
  }

  private recheckWhole(ctx: InvariantContext): void {
    const view = this.store.at(ctx.rev);
    this.checks++;
    const vs = this.invariant.check(view, ctx);
    this.set('', vs, this.invariant.nextChange?.(view, ctx));
  }

  private recheckSubject(subject: string, ctx: InvariantContext): void {
    const subjects = this.invariant.subjects;
    if (subjects === undefined) return;
    const view = this.store.at(ctx.rev);
    this.checks++;
    this.set(subject, subjects.check(view, subject, ctx), subjects.nextChange?.(view, subject, ctx));
  }

  private set(subject: string, vs: readonly Violation[], deadline: number | undefined): void {
    if (vs.length > 0) this.failing.set(subject, vs);
    else this.failing.delete(subject);
    if (deadline === undefined) this.deadlines.delete(subject);
    else this.deadlines.set(subject, deadline);
  }

  private refreshNextDeadline(): void {
    let next = Infinity;
    for (const t of this.deadlines.values()) if (t < next) next = t;
    this.nextDeadline = next;
  }
}
