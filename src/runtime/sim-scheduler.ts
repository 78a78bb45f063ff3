/**
 * The run's one scheduler: an RxJS `SchedulerLike` whose actions run in
 * (time, order of scheduling) order on the run's clock, and an event loop
 * that waits for the asynchronous work an action started (API calls) to
 * settle before running the next. That is what makes a run deterministic:
 * same history, clock and seed, same order of everything.
 *
 * In virtual time `run(until)` jumps from one due action to the next; in
 * live mode `runLive` sleeps until the next action is due or new work
 * arrives (the wall-clock waiting lives in wall-clock.ts).
 */
import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import { Subscription as Sub } from 'rxjs';
import type { Clock } from '../model/index.js';

interface Entry {
  readonly time: number;
  readonly seq: number;
  readonly action: SimAction<unknown>;
}

class SimAction<T> extends Sub implements SchedulerAction<T> {
  entry: Entry | undefined;

  constructor(
    private readonly scheduler: SimScheduler,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
    public state: T | undefined,
  ) {
    super();
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.state = state;
    this.scheduler.enqueue(this as SimAction<unknown>, delay);
    return this;
  }

  execute(): void {
    this.entry = undefined;
    this.work.call(this, this.state);
  }

  override unsubscribe(): void {
    if (this.entry !== undefined) this.scheduler.cancel(this.entry);
    this.entry = undefined;
    super.unsubscribe();
  }
}

export class SimScheduler implements SchedulerLike {
  private heap: Entry[] = [];
  private cancelled = new Set<Entry>();
  private seq = 0;
  private readonly pending = new Set<Promise<unknown>>();
  private wake: (() => void) | undefined;

  constructor(private readonly clock: Clock & { advanceTo?(t: number): void }) {}

  now(): number {
    return this.clock.now();
  }

  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    const action = new SimAction<T>(this, work, state);
    this.enqueue(action as SimAction<unknown>, delay);
    return action;
  }

  /** Registers asynchronous work an action started; the loop waits for it before the next action. */
  track<T>(p: Promise<T>): Promise<T> {
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    this.wake?.();
    return p;
  }

  /** Number of actions waiting (cancelled ones excluded). */
  get size(): number {
    return this.heap.length - this.cancelled.size;
  }

  /** The time of the next action, if any. */
  nextTime(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.time;
  }

  /** @internal */
  enqueue(action: SimAction<unknown>, delay: number): void {
    if (action.entry !== undefined) this.cancel(action.entry);
    const entry: Entry = { time: this.now() + Math.max(0, delay), seq: this.seq++, action };
    action.entry = entry;
    this.push(entry);
    this.wake?.();
  }

  /** @internal */
  cancel(entry: Entry): void {
    this.cancelled.add(entry);
  }

  /** Waits until no tracked asynchronous work is pending. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /**
   * Virtual time: runs every action due at or before `until` (all of them when
   * absent), advancing the clock to each, then to `until`. Stops early when
   * `stop()` returns true (checked between actions). Returns the number of
   * actions run.
   */
  async run(until?: number, stop?: () => boolean): Promise<number> {
    if (this.clock.advanceTo === undefined) throw new Error('run() needs a virtual clock; use runLive() on the wall clock');
    let n = 0;
    for (;;) {
      await this.settle();
      if (stop?.() === true) return n;
      const next = this.pop(until);
      if (next === undefined) break;
      if (next.time > this.now()) this.clock.advanceTo(next.time);
      next.action.execute();
      n++;
    }
    if (until !== undefined && until > this.now()) this.clock.advanceTo(until);
    return n;
  }

  /**
   * Live mode: runs actions as they fall due on the wall clock until `signal`
   * aborts. `sleep(ms, wake)` waits up to `ms` (forever when undefined) or
   * until `wake` resolves; it is injected so only the clock module touches
   * real timers.
   */
  async runLive(signal: AbortSignal, sleep: (ms: number | undefined, wake: Promise<void>) => Promise<void>): Promise<void> {
    while (!signal.aborted) {
      await this.settle();
      const due = this.pop(this.now());
      if (due !== undefined) {
        due.action.execute();
        continue;
      }
      const next = this.nextTime();
      let onAbort: (() => void) | undefined;
      const wake = new Promise<void>((resolve) => {
        this.wake = resolve;
        onAbort = () => resolve();
        signal.addEventListener('abort', onAbort, { once: true });
      });
      await sleep(next === undefined ? undefined : Math.max(0, next - this.now()), wake);
      // One listener per wait, removed after it: a long live run must not pile them up.
      if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
      this.wake = undefined;
    }
  }

  private pop(until: number | undefined): Entry | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (top === undefined || (until !== undefined && top.time > until)) return undefined;
    this.popTop();
    return top;
  }

  private dropCancelled(): void {
    while (this.heap[0] !== undefined && this.cancelled.has(this.heap[0])) {
      this.cancelled.delete(this.heap[0]);
      this.popTop();
    }
  }

  private less(a: Entry, b: Entry): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as Entry, h[p] as Entry)) break;
      [h[i], h[p]] = [h[p] as Entry, h[i] as Entry];
      i = p;
    }
  }

  private popTop(): void {
    const h = this.heap;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l] as Entry, h[m] as Entry)) m = l;
      if (r < h.length && this.less(h[r] as Entry, h[m] as Entry)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as Entry, h[i] as Entry];
      i = m;
    }
  }
}
