/**
 * The file backend: the default log of a running cluster on one machine.
 * (Just over 400 lines: open, append, read and compact share the open file
 * handle, the lock and the in-memory seek index, so they stay one class;
 * framing, codecs, sealing and checkpoints live in their own files.)
 *
 * On disk (see frame.ts for the framing, record-codec.ts for frame contents):
 * - `FILE` — the history, a plain public format: the header frame, then (only
 *   in a compacted file) the base checkpoint frame, then one frame per
 *   atomic batch of records. Nothing else lives in it, so `replays/` files,
 *   `grep` and `jq` read it directly.
 * - `FILE.lock` — the writer's pid while a writer has it open (file-lock.ts).
 * - `FILE.checkpoints` — saved checkpoints with the history offset to seek to
 *   (checkpoint-file.ts). A cache beside the history, never inside it: delete
 *   it or damage it and nothing is lost. The seek index of an open log is
 *   built in memory while the file is scanned at open.
 *
 * Decided once: checkpoints and indexes live BESIDE the history file; the
 * history holds only the header and records. Compaction rewrites the history
 * atomically (write a temporary file, fsync, rename over, fsync the folder)
 * with the base checkpoint as the frame right after the header.
 *
 * Durability: an append is acknowledged (its promise resolves, `appended$`
 * emits) only after the fsync covering it (group commit, group-fsync.ts).
 * After a crash every acknowledged record is there; a torn tail is cut when
 * the file is next opened for writing, and reported. Damage followed by
 * intact frames is never skipped: opening for writing refuses, reading stops
 * before it with a warning. Only process crashes are tested, not power loss.
 *
 * Readers (`mode: 'read'`) take no lock, never write, and may follow a file a
 * writer is appending to: they stop at the last complete frame.
 *
 * @example
 * const log = await openFileLog('cluster.history', { mode: 'write', header });
 * await log.append([write]);
 * await log.close();
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Subject, type Observable } from 'rxjs';
import { HISTORY_FORMAT_VERSION, type HistoryHeader, type HistoryRecord, type PendingRecord } from '../model/index.js';
import { CheckpointFile } from './checkpoint-file.js';
import { compactHistory } from './file-compaction.js';
import { acquireFileLock, type FileLock } from './file-lock.js';
import { encodeFrame } from './frame.js';
import { FrameReader } from './frame-reader.js';
import { fsyncDir } from './fs-durable.js';
import { GroupWriter } from './group-fsync.js';
import { checkNewHeader } from './header-codec.js';
import type { EncryptionKeys, HeaderEncryption } from './encryption-config.js';
import { checkKeys } from './encryption-config.js';
import { scanHistory, INDEX_SPACING, type HistoryScan, type IndexEntry } from './history-scan.js';
import type { AppendCondition, Checkpoint, Log } from './log.js';
import { checkCheckpointRev, checkReadable, isAfter } from './positions.js';
import { openCheckpoint, openRecord, sealCheckpoint, sealRecord } from './record-cipher.js';
import { batchJson, decodeRecords } from './record-codec.js';
import type { Sequencer } from './sequencer.js';

export interface FileLogOptions {
  /** `write`: take the lock, repair a torn tail, append. `read`: no lock, never writes. */
  readonly mode: 'write' | 'read';
  /** Written as the first frame when opening for writing creates the file. */
  readonly header?: HistoryHeader;
  /** Hears repairs and ignored damage (tail cut, stale lock taken over, bad sidecar). Default: `process.emitWarning`. */
  readonly onWarning?: (message: string) => void;
  /**
   * Secrets at rest (see record-cipher.ts, encryption-config.ts): records and
   * checkpoint entries that can hold a Secret's data are sealed with
   * `encryption.write` and opened with any key of `encryption.read`. A file
   * whose header names aesgcm keys cannot be opened without one of them.
   */
  readonly encryption?: EncryptionKeys;
}

export async function openFileLog(path: string, options: FileLogOptions): Promise<Log> {
  const warn = options.onWarning ?? ((m: string) => process.emitWarning(m, { type: 'ChronokubeLogWarning' }));
  if (options.mode === 'read') {
    const fh = await open(path, 'r');
    try {
      const scan = await scanHistory(path, fh);
      checkKeys(path, scan.header, options.encryption);
      if (scan.stop.kind === 'corrupt' || scan.stop.kind === 'invalid' || scan.later !== undefined) warn(stopMessage(path, scan));
      const sidecar = await CheckpointFile.open(path, false, warn);
      return new FileLog(path, fh, scan, scan.goodEnd, undefined, sidecar, warn, options.encryption);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }
  const lock = await acquireFileLock(path, warn);
  let fh: FileHandle | undefined;
  try {
    await unlink(`${path}.compact.tmp`).catch(() => undefined);
    const write = options.encryption?.write;
    const encryption: HeaderEncryption | undefined = write === undefined ? undefined : { provider: 'aesgcm', keys: [write.name] };
    fh = await openOrCreate(path, options.header === undefined || encryption === undefined ? options.header : ({ ...options.header, encryption } as HistoryHeader));
    const scan = await scanHistory(path, fh);
    checkKeys(path, scan.header, options.encryption);
    if (scan.header.version !== HISTORY_FORMAT_VERSION) {
      throw new Error(
        `${path}: history format version ${scan.header.version} is older than the current ${HISTORY_FORMAT_VERSION}; open it read-only (appending would mix versions)`,
      );
    }
    if (scan.stop.kind !== 'end') {
      if (scan.stop.kind === 'invalid' || scan.later !== undefined) throw new Error(stopMessage(path, scan));
      await fh.truncate(scan.goodEnd);
      await fh.datasync();
      warn(
        `${path}: cut a torn tail of ${scan.size - scan.goodEnd} bytes at byte offset ${scan.goodEnd} (${scan.stop.reason}); ` +
          `the log ends at revision ${scan.seq.assignedHead}`,
      );
    }
    const sidecar = await CheckpointFile.open(path, true, warn);
    return new FileLog(path, fh, scan, scan.goodEnd, lock, sidecar, warn, options.encryption);
  } catch (e) {
    await fh?.close();
    await lock.release();
    throw e;
  }
}

function stopMessage(path: string, scan: HistoryScan): string {
  const { stop, later } = scan;
  const what = stop.kind === 'invalid' ? 'an invalid frame' : 'a damaged frame';
  const follows = later === undefined ? '' : `, yet intact frames follow (at byte offset ${later}): corruption in the middle, not a torn tail`;
  return (
    `${path}: ${what} at byte offset ${stop.offset} (${stop.reason})${follows}; ` +
    `records are readable up to revision ${scan.seq.assignedHead}. Opening for writing refuses such a file; ` +
    `open it read-only or restore it from a copy`
  );
}

async function openOrCreate(path: string, header: HistoryHeader | undefined): Promise<FileHandle> {
  try {
    return await open(path, 'r+');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (header === undefined) throw new Error(`${path} does not exist; pass a header to create it`);
  checkNewHeader(path, header);
  const tmp = `${path}.create.tmp`;
  const out = await open(tmp, 'w');
  await out.write(encodeFrame(JSON.stringify(header)), 0);
  await out.datasync();
  await out.close();
  await rename(tmp, path);
  await fsyncDir(dirname(path));
  return open(path, 'r+');
}

/** The offset to start reading at for records after `afterRev`: the last indexed frame wholly before them. */
function seekOffset(index: readonly IndexEntry[], dataStart: number, afterRev: number): number {
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((index[mid] as IndexEntry).atRev < afterRev) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? dataStart : (index[lo - 1] as IndexEntry).offset;
}

class FileLog implements Log {
  private readonly subject = new Subject<readonly HistoryRecord[]>();
  readonly appended$: Observable<readonly HistoryRecord[]> = this.subject.asObservable();
  readonly header: HistoryHeader;
  private readonly upgrade: HistoryScan['upgrade'];
  private readonly seq: Sequencer;
  private readonly writer: GroupWriter | undefined;
  private head: number;
  private compacted: number;
  private baseCheckpoint: Checkpoint | undefined;
  private index: IndexEntry[];
  private dataStart: number;
  private lastIndexed: number;
  private closing: Promise<void> | undefined;
  /** Bumped around each compaction, so a reader never pairs the new file with the old index. */
  private generation = 0;
  private compacting: Promise<unknown> | undefined;
  /** A reader never reads past damage found at open (Infinity: follow the file as it grows). */
  private readonly readLimit: number;

  constructor(
    readonly path: string,
    private fh: FileHandle,
    scan: HistoryScan,
    end: number,
    private readonly lock: FileLock | undefined,
    private readonly sidecar: CheckpointFile,
    private readonly warn: (message: string) => void,
    private readonly keys: EncryptionKeys | undefined = undefined,
  ) {
    // The key names in the file's header frame are the file's business (checkKeys); callers see the header they made.
    const { encryption: _names, ...header } = scan.header as HistoryHeader & { encryption?: HeaderEncryption };
    this.header = header;
    this.upgrade = scan.upgrade;
    this.seq = scan.seq;
    this.head = scan.seq.assignedHead;
    this.compacted = scan.base?.rev ?? 0;
    this.baseCheckpoint = scan.base === undefined ? undefined : openCheckpoint(scan.base, keys);
    this.index = scan.index;
    this.dataStart = scan.dataStart;
    this.lastIndexed = this.index.at(-1)?.offset ?? -Infinity;
    this.writer = lock === undefined ? undefined : new GroupWriter(fh, end, path);
    const damaged = scan.stop.kind === 'corrupt' || scan.stop.kind === 'invalid' || scan.later !== undefined;
    this.readLimit = damaged ? scan.stop.offset : Infinity;
  }

  headRev(): number {
    return this.head;
  }

  compactedRev(): number {
    return this.compacted;
  }

  keyRev(key: string): number {
    return this.seq.keyRev(key);
  }

  private refuse(what: string): Error | undefined {
    if (this.closing !== undefined) return new Error(`${this.path}: ${what} after the log was closed`);
    if (this.writer === undefined) return new Error(`${this.path} is open read-only: cannot ${what}`);
    return undefined;
  }

  append(records: readonly PendingRecord[], conditions: readonly AppendCondition[] = []): Promise<readonly HistoryRecord[]> {
    const refused = this.refuse('append');
    if (refused !== undefined || this.writer === undefined) return Promise.reject(refused);
    if (this.writer.broken !== undefined) return Promise.reject(new Error(`${this.path}: the log stopped after an I/O error: ${this.writer.broken.message}`));
    const conflict = this.seq.check(conditions);
    if (conflict !== undefined) return Promise.reject(conflict);
    let stored: HistoryRecord[];
    try {
      stored = this.seq.assign(records);
    } catch (e) {
      return Promise.reject(e);
    }
    if (stored.length === 0) return this.writer.exclusive(async () => stored);
    const head = this.seq.assignedHead;
    const writer = this.writer;
    return new Promise((resolve, reject) => {
      const ack = {
        durable: (offset: number) => {
          if (offset - this.lastIndexed >= INDEX_SPACING) {
            this.index.push({ atRev: this.head, offset });
            this.lastIndexed = offset;
          }
          this.head = head;
          this.subject.next(stored);
          resolve(stored);
        },
        failed: reject,
      };
      try {
        const key = this.keys?.write;
        writer.write(batchJson(key === undefined ? stored : stored.map((r) => sealRecord(r, key))), ack);
      } catch (e) {
        // Not encodable (too large, not JSON): nothing was queued, so take the revisions back.
        this.seq.undoLast();
        reject(e);
      }
    });
  }

  async *read(afterRev: number = this.compacted): AsyncIterable<HistoryRecord> {
    if (this.closing !== undefined) throw new Error(`${this.path}: read after the log was closed`);
    checkReadable(afterRev, this.compacted);
    const source = await this.readSource();
    try {
      checkReadable(afterRev, this.compacted);
      const reader = new FrameReader(source.fh, seekOffset(source.index, source.dataStart, afterRev), source.limit);
      for (let f = await reader.next(); f !== undefined; f = await reader.next()) {
        const records = decodeRecords(f.value, this.upgrade);
        if (typeof records === 'string') {
          this.warn(`${this.path}: stopped reading at byte offset ${f.offset}: ${records}`);
          return;
        }
        for (const r of records) if (isAfter(r, afterRev)) yield openRecord(r, this.keys);
      }
      if (reader.stop?.kind === 'corrupt') {
        this.warn(`${this.path}: stopped reading at byte offset ${reader.stop.offset}: ${reader.stop.reason}`);
      }
    } finally {
      if (source.owned) await source.fh.close();
    }
  }

  /**
   * Where a read runs. A writer's reads use their own descriptor and stop at
   * the durable end, so a compaction meanwhile (which renames a new file into
   * place) leaves them on the old file, consistent with the index they took.
   */
  private async readSource(): Promise<{ fh: FileHandle; owned: boolean; limit: number; index: readonly IndexEntry[]; dataStart: number }> {
    if (this.writer === undefined) return { fh: this.fh, owned: false, limit: this.readLimit, index: this.index, dataStart: this.dataStart };
    for (;;) {
      while (this.compacting !== undefined) await this.compacting.catch(() => undefined);
      const generation = this.generation;
      const fh = await open(this.path, 'r');
      if (generation === this.generation && this.compacting === undefined) {
        return { fh, owned: true, limit: this.writer.end, index: this.index, dataStart: this.dataStart };
      }
      await fh.close();
    }
  }

  base(): Promise<Checkpoint | undefined> {
    return Promise.resolve(this.baseCheckpoint);
  }

  async compact(checkpoint: Checkpoint): Promise<void> {
    const refused = this.refuse('compact');
    if (refused !== undefined || this.writer === undefined) throw refused;
    const writer = this.writer;
    checkCheckpointRev(checkpoint.rev, this.compacted, this.seq.assignedHead);
    await writer.exclusive(async () => {
      const done = compactHistory({
        path: this.path,
        fh: this.fh,
        header: this.header,
        upgrade: this.upgrade,
        checkpoint: this.sealed(checkpoint),
        start: seekOffset(this.index, this.dataStart, checkpoint.rev),
        end: writer.end,
        onRename: () => {
          this.generation++;
        },
      });
      this.compacting = done;
      try {
        const r = await done;
        await this.fh.close();
        this.fh = r.fh;
        writer.replaceFile(r.fh, r.end);
        const moved = (o: number): number => (o >= r.copyFrom ? o + r.delta : r.dataStart);
        this.index = [{ atRev: checkpoint.rev, offset: r.dataStart }, ...this.index.filter((e) => e.offset >= r.copyFrom).map((e) => ({ atRev: e.atRev, offset: moved(e.offset) }))];
        this.lastIndexed = this.index.at(-1)?.offset ?? r.dataStart;
        this.dataStart = r.dataStart;
        this.compacted = checkpoint.rev;
        this.baseCheckpoint = checkpoint;
        this.seq.compactKeys(checkpoint);
        const kept = [];
        for (const rev of this.sidecar.revs(checkpoint.rev)) {
          const s = await this.sidecar.load(rev);
          if (s !== undefined) kept.push({ checkpoint: s.checkpoint, offset: moved(s.offset), compactedRev: checkpoint.rev });
        }
        await this.sidecar.rewrite(kept);
      } finally {
        this.generation++;
        this.compacting = undefined;
      }
    });
  }

  async saveCheckpoint(checkpoint: Checkpoint): Promise<void> {
    const refused = this.refuse('save a checkpoint');
    if (refused !== undefined || this.writer === undefined) throw refused;
    checkCheckpointRev(checkpoint.rev, this.compacted, this.seq.assignedHead);
    await this.writer.exclusive(async () => {
      const offset = await this.offsetAfter(checkpoint.rev);
      await this.sidecar.save({ checkpoint: this.sealed(checkpoint), offset, compactedRev: this.compacted });
    });
  }

  /** Offset of the first frame holding a record after write `rev` (the durable end if none). */
  private async offsetAfter(rev: number): Promise<number> {
    const end = this.writer?.end ?? Infinity;
    const reader = new FrameReader(this.fh, seekOffset(this.index, this.dataStart, rev), end);
    for (let f = await reader.next(); f !== undefined; f = await reader.next()) {
      const records = decodeRecords(f.value, this.upgrade);
      if (typeof records !== 'string' && records.some((r) => isAfter(r, rev))) return f.offset;
    }
    return reader.position;
  }

  async checkpointRevs(): Promise<readonly number[]> {
    return this.sidecar.revs(this.compacted);
  }

  async loadCheckpoint(rev: number): Promise<Checkpoint | undefined> {
    if (rev < this.compacted) return undefined;
    const saved = (await this.sidecar.load(rev))?.checkpoint;
    return saved === undefined ? undefined : openCheckpoint(saved, this.keys);
  }

  /** A checkpoint as stored: Secret entries sealed when writing with a key. */
  private sealed(checkpoint: Checkpoint): Checkpoint {
    const key = this.keys?.write;
    return key === undefined ? checkpoint : sealCheckpoint(checkpoint, key);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    try {
      if (this.writer !== undefined && this.writer.broken === undefined) await this.writer.exclusive(async () => undefined).catch(() => undefined);
    } finally {
      await this.sidecar.close();
      await this.fh.close();
      await this.lock?.release();
      this.subject.complete();
    }
  }
}
