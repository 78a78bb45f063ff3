/**
 * A store kept in step with a log: it starts from the log's base (after
 * compaction), folds everything the log holds, then folds each acknowledged
 * batch from `appended$` synchronously. Since the log emits a batch before
 * the append's promise resolves, `await log.append(...)` returning means the
 * store already shows the write.
 *
 * Saved checkpoints are not loaded: this store folds every kept write anyway
 * (it keeps each key's chain of writes) and needs no checkpoints in memory.
 *
 * @example
 * const store = await openStore(log);
 * await log.append([write]);
 * store.head().get(write.key); // already there
 */
import type { Subscription } from 'rxjs';
import type { Log } from '../log/index.js';
import { type HistoryRecord, isWrite } from '../model/index.js';
import { type FoldStore, type StoreOptions, createStore } from './fold-store.js';


export async function openStore(log: Log, options: Omit<StoreOptions, 'base'> = {}): Promise<FoldStore & { close(): void }> {
  const base = await log.base();
  const store = createStore(base === undefined ? options : { ...options, base });
  // Subscribe before reading, so nothing appended while we read is missed; fold the overlap once.
  let pending: (readonly HistoryRecord[])[] | undefined = [];
  const foldBatch = (batch: readonly HistoryRecord[]): void => {
    for (const r of batch) if (isWrite(r) && r.rev > store.rev) store.fold(r);
  };
  const sub: Subscription = log.appended$.subscribe((batch) => {
    if (pending !== undefined) pending.push(batch);
    else foldBatch(batch);
  });
  try {
    for await (const r of log.read(store.rev)) if (isWrite(r) && r.rev > store.rev) store.fold(r);
    for (const batch of pending) foldBatch(batch);
    pending = undefined;
  } catch (e) {
    sub.unsubscribe();
    throw e;
  }
  return Object.assign(store, { close: () => sub.unsubscribe() });
}
