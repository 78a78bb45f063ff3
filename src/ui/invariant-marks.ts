/**
 * Where each invariant fails, for the marks on the timeline: the built-ins
 * (and any the user loaded) followed along the whole history by
 * invariants/'s `InvariantTracker` (the engine behind `scanInvariant`, so
 * the ranges are exactly `check`'s), in slices of a few milliseconds
 * between which the server answers other requests. A million-write history
 * is scanned in the background while the page is already usable, and a
 * scrub never waits more than one slice per invariant. Over a live store,
 * `follow()` scans on from where each invariant stopped.
 */
import type { Invariant, Violation } from '../invariants/index.js';
import { InvariantTracker } from '../invariants/index.js';
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
    /** Still failing at the end of what is scanned. */
    readonly open: boolean;
    readonly messages: readonly string[];
  }[];
  /** Scanned up to here so far. */
  readonly scannedTo: number;
  readonly error?: string;
}

const SLICE_MS = 8;
const MAX_RANGES = 500;

interface Range {
  from: number;
  to: number;
  open: boolean;
  violations: readonly Violation[];
}

interface Scan {
  readonly invariant: Invariant;
  readonly tracker: InvariantTracker;
  readonly ranges: Range[];
  started: boolean;
  scannedTo: number;
  done: boolean;
  error?: string;
}

export class InvariantScanner {
  private readonly scans: Scan[];
  private running = false;

  constructor(
    private readonly store: Store,
    invariants: readonly Invariant[],
    epoch: number,
    /** Runs `f` later, letting I/O through (setImmediate in the server). */
    private readonly later: (f: () => void) => void,
    /** Milliseconds now (performance.now in the server), to keep each slice short. */
    private readonly now: () => number,
  ) {
    this.scans = invariants.map((invariant) => ({ invariant, tracker: new InvariantTracker(store, invariant, epoch), ranges: [], started: false, scannedTo: store.compactedRev - 1, done: false }));
  }

  get done(): boolean {
    return this.scans.every((s) => s.done);
  }

  /** Starts the scan once; later calls do nothing. */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (const s of this.scans) this.later(() => this.slice(s));
  }

  /** After `start`: resumes every finished scan the store has grown past (a live cluster); does nothing otherwise. */
  follow(): void {
    if (!this.running) return;
    for (const s of this.scans) {
      if (!s.done || s.error !== undefined || s.scannedTo >= this.store.rev) continue;
      s.done = false;
      this.later(() => this.slice(s));
    }
  }

  /** What is known so far; `timeOf` gives a revision's run time. */
  marks(timeOf: (rev: number) => number): InvariantMarks[] {
    return this.scans.map((s) => ({
      name: s.invariant.name,
      description: s.invariant.description,
      ranges: s.ranges.slice(0, MAX_RANGES).map((x) => ({
        from: x.from,
        to: x.to,
        fromTime: timeOf(x.from),
        toTime: timeOf(x.to),
        open: x.open,
        messages: x.violations.slice(0, 3).map((v) => `${v.key}: ${v.message}`),
      })),
      scannedTo: s.scannedTo,
      ...(s.error === undefined ? {} : { error: s.error }),
    }));
  }

  private slice(s: Scan): void {
    const deadline = this.now() + SLICE_MS;
    const t = s.tracker;
    try {
      if (!s.started) {
        t.start(this.store.compactedRev);
        s.started = true;
      }
      for (let n = 0; ; n++) {
        // The verdict at t.rev.
        const last = s.ranges[s.ranges.length - 1];
        const failing = last?.open === true;
        if (!t.holds && !failing) s.ranges.push({ from: t.rev, to: t.rev, open: true, violations: t.violations() });
        else if (failing) {
          if (t.holds) last.open = false;
          else last.to = t.rev;
        }
        s.scannedTo = t.rev;
        if (t.rev >= this.store.rev || !t.forward()) {
          s.done = true;
          return;
        }
        if ((n & 63) === 63 && this.now() > deadline) break;
      }
    } catch (e) {
      s.error = e instanceof Error ? e.message : String(e);
      s.done = true;
      return;
    }
    this.later(() => this.slice(s));
  }
}
