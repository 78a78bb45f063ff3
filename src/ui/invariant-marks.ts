/**
 * Where each invariant fails, for the marks on the timeline: the built-ins
 * (and any the user loaded) scanned with invariants/'s `scanInvariant`, in
 * chunks of revisions between which the server answers other requests, so a
 * million-write history is scanned in the background while the page is
 * already usable. A range that runs over a chunk's end is joined with its
 * continuation, so the ranges are exactly those of one whole scan.
 */
import type { FailingRange, Invariant } from '../invariants/index.js';
import { scanInvariant } from '../invariants/index.js';
import type { Store } from '../store/index.js';

export interface InvariantMarks {
  readonly name: string;
  readonly description: string;
  readonly ranges: readonly {
    readonly from: number;
    readonly to: number;
    /** Run times of `from` and `to`. */
    readonly fromTime: number;
    readonly toTime: number;
    readonly open: boolean;
    readonly messages: readonly string[];
  }[];
  /** Scanned up to here so far. */
  readonly scannedTo: number;
  readonly error?: string;
}

const CHUNK = 20_000;
const MAX_RANGES = 500;

export class InvariantScanner {
  private readonly results: { name: string; description: string; ranges: FailingRange[]; scannedTo: number; error?: string }[];
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly invariants: readonly Invariant[],
    private readonly epoch: number,
    /** Runs `f` later, letting I/O through (setImmediate in the server; tests may run it at once). */
    private readonly later: (f: () => void) => void,
  ) {
    this.results = invariants.map((i) => ({ name: i.name, description: i.description, ranges: [], scannedTo: store.compactedRev - 1 }));
  }

  get done(): boolean {
    return this.results.every((r) => r.scannedTo >= this.store.rev || r.error !== undefined);
  }

  /** Starts the scan once; later calls do nothing. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.invariants.forEach((inv, i) => this.later(() => this.step(inv, i)));
  }

  /** What is known so far; `timeOf` gives a revision's run time. */
  marks(timeOf: (rev: number) => number): InvariantMarks[] {
    return this.results.map((r) => ({
      name: r.name,
      description: r.description,
      ranges: r.ranges.slice(0, MAX_RANGES).map((x) => ({ from: x.from, to: x.to, fromTime: timeOf(x.from), toTime: timeOf(x.to), open: x.open, messages: x.violations.slice(0, 3).map((v) => `${v.key}: ${v.message}`) })),
      scannedTo: r.scannedTo,
      ...(r.error === undefined ? {} : { error: r.error }),
    }));
  }

  private step(inv: Invariant, i: number): void {
    const r = this.results[i] as (typeof this.results)[number];
    const from = Math.max(this.store.compactedRev, r.scannedTo);
    const to = Math.min(this.store.rev, from + CHUNK);
    try {
      const scan = scanInvariant(this.store, inv, { epoch: this.epoch, fromRev: from, toRev: to });
      for (const range of scan.ranges) {
        const last = r.ranges[r.ranges.length - 1];
        if (last !== undefined && last.open && range.from === from) r.ranges[r.ranges.length - 1] = { ...last, to: range.to, open: range.open };
        else r.ranges.push(range);
      }
      const last = r.ranges[r.ranges.length - 1];
      if (last?.open === true && last.to < to) r.ranges[r.ranges.length - 1] = { ...last, open: false };
      r.scannedTo = to;
    } catch (e) {
      r.error = e instanceof Error ? e.message : String(e);
      return;
    }
    if (r.scannedTo < this.store.rev) this.later(() => this.step(inv, i));
  }
}
