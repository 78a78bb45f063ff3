/**
 * What an importer returns — a complete history in memory — and how it goes
 * to disk: written whole to a temporary file beside the target, then renamed
 * over it, so a failed import never leaves half a history (and never
 * touches an existing file at the target).
 *
 * @example
 * const imported = importAudit(text, { file: 'audit.log' });
 * await writeImportedHistory('incident.ckh', imported);
 */
import { rename, rm, stat } from 'node:fs/promises';
import { openFileLog } from '../../log/index.js';
import type { HistoryHeader, HistoryRecord, PendingRecord } from '../../model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../model/index.js';

export interface ImportStats {
  /** Input lines (audit), events (watch) or objects (snapshot) read. */
  readonly read: number;
  readonly writes: number;
  readonly attempts: number;
  /** Inputs that do not change state (reads, other stages, no-op events). */
  readonly skipped: number;
  /** Writes whose body the source did not log. */
  readonly unknownBodies: number;
}

export interface ImportedHistory {
  readonly header: HistoryHeader;
  readonly records: readonly HistoryRecord[];
  readonly stats: ImportStats;
}

export function importHeader(epoch: number, format: string, file: string): HistoryHeader {
  return { format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch, clock: 'wall', meta: { importedBy: 'chronokube import', importFormat: format, importedFrom: file } };
}

/** Strips the positions the log assigns again (they come out the same: the log is empty and gapless). */
function pending(r: HistoryRecord): PendingRecord {
  if (r.type === 'write') {
    const { rev: _rev, ...rest } = r;
    return rest;
  }
  const { atRev: _atRev, ...rest } = r;
  return rest as PendingRecord;
}

const BATCH = 512;

/** Writes `imported` to `path` atomically; refuses to replace an existing file unless `overwrite`. */
export async function writeImportedHistory(path: string, imported: ImportedHistory, opts: { overwrite?: boolean } = {}): Promise<void> {
  if (opts.overwrite !== true && (await stat(path).catch(() => undefined)) !== undefined) {
    throw new Error(`${path} already exists; choose another --out (or pass --force to replace it)`);
  }
  const tmp = `${path}.import.tmp`;
  await rm(tmp, { force: true });
  await rm(`${tmp}.checkpoints`, { force: true });
  const log = await openFileLog(tmp, { mode: 'write', header: imported.header, onWarning: () => undefined });
  try {
    for (let i = 0; i < imported.records.length; i += BATCH) {
      await Promise.all(imported.records.slice(i, i + BATCH).map((r) => log.append([pending(r)])));
    }
  } catch (e) {
    await log.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await log.close();
  await rm(`${tmp}.checkpoints`, { force: true });
  await rename(tmp, path);
}
