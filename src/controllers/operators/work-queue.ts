/**
 * The work queue, as one RxJS operator: it owns queue semantics so no
 * controller re-implements them (controller-runtime's workqueue, in RxJS).
 *
 * - dedupes per key, keeping every revision that woke the key (a
 *   reconcile's `cause` is exact); a retry or a requested requeue keeps the
 *   revisions of the reconcile that asked for it, so a timer's writes still
 *   name what set the timer;
 * - never runs the same key twice at once; a key woken while it runs is
 *   run once more afterwards;
 * - on error retries with exponential backoff (5 ms doubling to 1000 s per
 *   key, client-go's default), a terminal error is not retried until the key
 *   is woken again;
 * - honours requested delays (`requeue-after`);
 * - schedules everything on the injected scheduler, so virtual time drives it
 *   and runs are deterministic: keys due at the same time run in the order
 *   they were queued.
 *
 * Errors inside `process` are the caller's to turn into outcomes: an RxJS
 * error would end the whole stream.
 */
import type { Observable, OperatorFunction, SchedulerLike, Subscription } from 'rxjs';
import { Observable as Obs } from 'rxjs';

export interface QueueItem {
  readonly key: string;
  /** Revisions whose events woke the key. */
  readonly revs: readonly number[];
}

export type Outcome =
  | { readonly type: 'done' }
  | { readonly type: 'requeue-after'; readonly ms: number }
  | { readonly type: 'error'; readonly message: string; readonly terminal: boolean };

export interface Processed {
  readonly key: string;
  readonly revs: readonly number[];
  readonly outcome: Outcome;
}

export interface WorkQueueOptions {
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

interface KeyState {
  revs: Set<number>;
  queued: Subscription | undefined;
  /** When `queued` fires (a pending delayed run can be brought forward). */
  dueAt: number;
  running: boolean;
  dirty: boolean;
  failures: number;
}

export function workQueue(
  process: (key: string, revs: readonly number[]) => Observable<Outcome>,
  scheduler: SchedulerLike,
  options: WorkQueueOptions = {},
): OperatorFunction<QueueItem, Processed> {
  const base = options.baseDelayMs ?? 5;
  const max = options.maxDelayMs ?? 1_000_000;
  return (source) =>
    new Obs<Processed>((subscriber) => {
      const keys = new Map<string, KeyState>();
      const inner = new Set<Subscription>();

      const stateOf = (key: string): KeyState => {
        let s = keys.get(key);
        if (s === undefined) {
          s = { revs: new Set(), queued: undefined, dueAt: 0, running: false, dirty: false, failures: 0 };
          keys.set(key, s);
        }
        return s;
      };

      const enqueue = (key: string, delayMs: number): void => {
        const s = stateOf(key);
        const dueAt = scheduler.now() + delayMs;
        if (s.queued !== undefined) {
          if (s.dueAt <= dueAt) return;
          s.queued.unsubscribe();
        }
        s.dueAt = dueAt;
        s.queued = scheduler.schedule(() => run(key), delayMs);
      };

      const run = (key: string): void => {
        const s = stateOf(key);
        s.queued = undefined;
        if (s.running) {
          s.dirty = true;
          return;
        }
        const revs = [...s.revs].sort((a, b) => a - b);
        s.revs.clear();
        s.running = true;
        s.dirty = false;
        let outcome: Outcome = { type: 'error', message: 'reconcile produced no outcome', terminal: false };
        const sub = process(key, revs).subscribe({
          next: (o) => {
            outcome = o;
          },
          error: (e: unknown) => {
            outcome = { type: 'error', message: e instanceof Error ? e.message : String(e), terminal: false };
            finish();
          },
          complete: () => finish(),
        });
        inner.add(sub);
        function finish(): void {
          inner.delete(sub);
          s.running = false;
          subscriber.next({ key, revs, outcome });
          switch (outcome.type) {
            case 'done':
              s.failures = 0;
              if (s.dirty) enqueue(key, 0);
              break;
            case 'requeue-after':
              // The timer was set by a reconcile these revisions woke: they stay its cause.
              for (const r of revs) s.revs.add(r);
              s.failures = 0;
              enqueue(key, s.dirty ? 0 : Math.max(0, outcome.ms));
              break;
            case 'error':
              if (outcome.terminal) {
                s.failures = 0;
                if (s.dirty) enqueue(key, 0);
              } else {
                for (const r of revs) s.revs.add(r);
                s.failures++;
                enqueue(key, s.dirty ? 0 : Math.min(max, base * 2 ** (s.failures - 1)));
              }
              break;
          }
          if (!s.running && s.queued === undefined && s.revs.size === 0) keys.delete(key);
        }
      };

      const upstream = source.subscribe({
        next: (item) => {
          const s = stateOf(item.key);
          for (const r of item.revs) s.revs.add(r);
          if (s.running) s.dirty = true;
          else enqueue(item.key, 0);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });

      return () => {
        upstream.unsubscribe();
        for (const sub of inner) sub.unsubscribe();
        for (const s of keys.values()) s.queued?.unsubscribe();
        keys.clear();
      };
    });
}
