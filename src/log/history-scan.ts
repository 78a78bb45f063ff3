/**
 * The scan a history file gets when it is opened: header (with version
 * check), optional base checkpoint, then every frame, checking that write
 * revisions are gapless and non-write positions consistent, collecting each
 * key's latest revision (for conditional appends) and a sparse offset index
 * (so `read(afterRev)` seeks instead of scanning from the start). It stops
 * at the first frame that is not intact and reports where, why, and whether
 * any intact frame follows (corruption in the middle) or not (a torn tail).
 */
import type { FileHandle } from 'node:fs/promises';
import type { HistoryHeader, HistoryRecord } from '../model/index.js';
import { decodeHeader, type DecodedHeader } from './header-codec.js';
import { findFrameAfter, FrameReader, type FrameStop } from './frame-reader.js';
import type { Checkpoint } from './log.js';
import { decodeBase, decodeRecords, isBaseFrame } from './record-codec.js';
import { Sequencer } from './sequencer.js';

/** The frame at `offset` starts right after write `atRev` (every record in it is after that write). */
export interface IndexEntry {
  readonly atRev: number;
  readonly offset: number;
}

/** Index one frame every this many bytes: a seek then reads at most this much before its target. */
export const INDEX_SPACING = 256 * 1024;

export interface StopInfo {
  readonly offset: number;
  /** `invalid`: an intact frame whose content breaks the log's rules (never cut, never skipped). */
  readonly kind: FrameStop['kind'] | 'invalid';
  readonly reason: string;
}

export interface HistoryScan {
  readonly header: HistoryHeader;
  readonly upgrade: DecodedHeader['upgrade'];
  readonly headerEnd: number;
  readonly base: Checkpoint | undefined;
  /** Offset of the first record frame. */
  readonly dataStart: number;
  readonly seq: Sequencer;
  readonly index: IndexEntry[];
  /** Offset just after the last intact frame. */
  readonly goodEnd: number;
  readonly stop: StopInfo;
  /** Offset of an intact frame after a bad one (undefined: nothing intact follows). */
  readonly later: number | undefined;
  readonly size: number;
}

export async function scanHistory(file: string, fh: FileHandle): Promise<HistoryScan> {
  const size = (await fh.stat()).size;
  if (size === 0) throw new Error(`${file}: the file is empty (no history header)`);
  const reader = new FrameReader(fh, 0);
  const first = await reader.next();
  if (first === undefined) {
    const s = reader.stop;
    throw new Error(`${file}: the history header (first frame) is unreadable: ${s?.reason ?? 'unknown'}`);
  }
  const { header, upgrade } = decodeHeader(file, first.value);
  let base: Checkpoint | undefined;
  let dataStart = first.end;
  let frame = await reader.next();
  if (frame !== undefined && isBaseFrame(frame.value)) {
    base = decodeBase(frame.value);
    dataStart = frame.end;
    frame = await reader.next();
  }
  const seq = new Sequencer(base?.rev ?? 0);
  if (base !== undefined) seq.compactKeys(base);
  const index: IndexEntry[] = [];
  let goodEnd = dataStart;
  let lastIndexed = -Infinity;
  let invalid: StopInfo | undefined;
  for (; frame !== undefined; frame = await reader.next()) {
    const records = decodeRecords(frame.value, upgrade);
    const problem = typeof records === 'string' ? records : positionProblem(records, seq);
    if (typeof records === 'string' || problem !== undefined) {
      invalid = { offset: frame.offset, kind: 'invalid', reason: problem ?? 'unreadable records' };
      break;
    }
    if (frame.offset - lastIndexed >= INDEX_SPACING) {
      index.push({ atRev: seq.assignedHead, offset: frame.offset });
      lastIndexed = frame.offset;
    }
    for (const r of records) {
      if (r.type === 'write') seq.noteWrite(r.key, r.rev);
    }
    goodEnd = frame.end;
  }
  const stop: StopInfo = invalid ?? reader.stop ?? { offset: goodEnd, kind: 'end', reason: 'end of file' };
  const later = stop.kind === 'end' || stop.kind === 'invalid' ? undefined : await findFrameAfter(fh, stop.offset, size);
  return { header, upgrade, headerEnd: first.end, base, dataStart, seq, index, goodEnd, stop, later, size };
}

/** Why the records of one frame do not continue the log at `seq`'s head (undefined: they do). */
function positionProblem(records: readonly HistoryRecord[], seq: Sequencer): string | undefined {
  let head = seq.assignedHead;
  for (const r of records) {
    if (r.type === 'write') {
      if (r.rev !== head + 1) return `write revision ${r.rev} does not follow revision ${head}`;
      head = r.rev;
    } else if (r.atRev !== head) {
      return `a ${r.type} record at revision ${r.atRev} after write revision ${head}`;
    }
  }
  return undefined;
}
