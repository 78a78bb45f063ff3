/**
 * Opens a history file for the debugger: the file log read-only (shared,
 * never modified), the store folded from it, and its fault records (which
 * `why` links timers to). The caller closes it.
 */
import { basename, resolve } from 'node:path';
import type { Log } from '../log/index.js';
import { openFileLog } from '../log/index.js';
import type { FaultRecord } from '../model/index.js';
import type { Store } from '../store/index.js';
import { openStore } from '../store/index.js';

export interface OpenedHistory {
  readonly path: string;
  readonly name: string;
  readonly log: Log;
  readonly store: Store;
  readonly faults: readonly FaultRecord[];
  readonly epoch: number;
  close(): Promise<void>;
}

export async function openHistory(path: string, warn: (m: string) => void = () => undefined): Promise<OpenedHistory> {
  const file = resolve(path);
  const log = await openFileLog(file, { mode: 'read', onWarning: warn });
  try {
    const store = await openStore(log);
    const faults: FaultRecord[] = [];
    for await (const r of log.read()) if (r.type === 'fault') faults.push(r);
    return { path: file, name: basename(file), log, store, faults, epoch: log.header.epoch, close: () => log.close() };
  } catch (e) {
    await log.close();
    throw e;
  }
}
