/**
 * Compaction of a history file: the records after the checkpoint's revision
 * are copied behind a new header and base-checkpoint frame into a temporary
 * file, which is fsynced and renamed over the history (then the folder is
 * fsynced). A crash at any point leaves either the old file or the new one,
 * both complete. Frames after the cut are copied byte for byte; only a batch
 * that straddles the cut is re-encoded with the records it keeps.
 */
import { open, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HistoryHeader } from '../model/index.js';
import { encodeFrame } from './frame.js';
import { FrameReader } from './frame-reader.js';
import { fsyncDir, writeAll } from './fs-durable.js';
import type { DecodedHeader } from './header-codec.js';
import type { Checkpoint } from './log.js';
import { isAfter } from './positions.js';
import { batchJson, decodeRecords, encodeBase } from './record-codec.js';

export interface CompactionInput {
  readonly path: string;
  readonly fh: FileHandle;
  readonly header: HistoryHeader;
  readonly upgrade: DecodedHeader['upgrade'];
  readonly checkpoint: Checkpoint;
  /** A frame boundary at or before the first record after the checkpoint. */
  readonly start: number;
  /** The durable end of the history. */
  readonly end: number;
  /** Called just before the rename makes the new file visible. */
  readonly onRename: () => void;
}

export interface CompactionResult {
  /** The new history, open for reading and writing. */
  readonly fh: FileHandle;
  readonly end: number;
  /** Offset of the first record frame in the new file. */
  readonly dataStart: number;
  /** Old offsets at or after `copyFrom` moved by `delta`; earlier ones are gone. */
  readonly copyFrom: number;
  readonly delta: number;
}

const COPY_CHUNK = 4 * 1024 * 1024;

export async function compactHistory(i: CompactionInput): Promise<CompactionResult> {
  const rev = i.checkpoint.rev;
  const reader = new FrameReader(i.fh, i.start, i.end);
  let copyFrom = i.end;
  let straddling = '';
  for (let f = await reader.next(); f !== undefined; f = await reader.next()) {
    const records = decodeRecords(f.value, i.upgrade);
    if (typeof records === 'string') throw new Error(`${i.path}: cannot compact, byte offset ${f.offset}: ${records}`);
    const kept = records.filter((r) => isAfter(r, rev));
    if (kept.length === 0) continue;
    if (kept.length < records.length) {
      straddling = encodeFrame(batchJson(kept));
      copyFrom = f.end;
    } else {
      copyFrom = f.offset;
    }
    break;
  }
  const head = encodeFrame(JSON.stringify(i.header)) + encodeBase(i.checkpoint);
  const dataStart = Buffer.byteLength(head);
  const prefix = Buffer.from(head + straddling);
  const tmp = `${i.path}.compact.tmp`;
  const out = await open(tmp, 'w');
  try {
    await writeAll(out, prefix, prefix.length, 0);
    const buf = Buffer.allocUnsafe(COPY_CHUNK);
    for (let pos = copyFrom; pos < i.end; ) {
      const { bytesRead } = await i.fh.read(buf, 0, Math.min(COPY_CHUNK, i.end - pos), pos);
      if (bytesRead === 0) throw new Error(`${i.path}: ended at byte offset ${pos} while compacting, before its durable end ${i.end}`);
      await writeAll(out, buf, bytesRead, prefix.length + pos - copyFrom);
      pos += bytesRead;
    }
    await out.datasync();
  } finally {
    await out.close();
  }
  i.onRename();
  await rename(tmp, i.path);
  await fsyncDir(dirname(i.path));
  const delta = prefix.length - copyFrom;
  return { fh: await open(i.path, 'r+'), end: i.end + delta, dataStart, copyFrom, delta };
}
