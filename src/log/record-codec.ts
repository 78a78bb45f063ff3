/**
 * What the frames of a history file hold, after the header frame:
 *
 * - one record: `{"type":"write","rev":7,...}` (any `HistoryRecord`);
 * - an atomic batch of two or more records: `[{...},{...}]`, so a crash
 *   can never leave half a batch (the frame's checksum covers all of it);
 * - in a compacted file only, right after the header, the base checkpoint:
 *   `{"type":"base","rev":N,"entries":[...]}`, the state the records after
 *   revision N fold onto.
 */
import type { HistoryRecord } from '../model/index.js';
import { encodeFrame } from './frame.js';
import type { Checkpoint } from './log.js';

const RECORD_TYPES: ReadonlySet<string> = new Set(['write', 'fault', 'reconcile', 'attempt', 'perturbation', 'annotation']);

/** The JSON of one atomic batch's frame: the record itself, or an array of two or more. */
export function batchJson(records: readonly HistoryRecord[]): string {
  return JSON.stringify(records.length === 1 ? records[0] : records);
}

export function encodeBase(checkpoint: Checkpoint): string {
  return encodeFrame(JSON.stringify({ type: 'base', rev: checkpoint.rev, entries: checkpoint.entries }));
}

export function isBaseFrame(value: object): boolean {
  return !Array.isArray(value) && (value as { type?: unknown }).type === 'base';
}

export function decodeBase(value: object): Checkpoint {
  const v = value as { rev?: unknown; entries?: unknown };
  if (typeof v.rev !== 'number' || !Array.isArray(v.entries)) throw new Error('malformed base checkpoint frame');
  return { rev: v.rev, entries: v.entries as Checkpoint['entries'] };
}

type Upgrade = (raw: Record<string, unknown>) => Record<string, unknown>;

/**
 * The records of one frame, upgraded to the current format version, or a
 * string saying why the frame holds no records a reader can trust.
 */
export function decodeRecords(value: object, upgrade: Upgrade): HistoryRecord[] | string {
  const raws: unknown[] = Array.isArray(value) ? value : [value];
  if (raws.length === 0) return 'an empty batch frame';
  const out: HistoryRecord[] = [];
  for (const raw of raws) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'a batch element that is not a record';
    const r = upgrade(raw as Record<string, unknown>);
    const type = r['type'];
    if (typeof type !== 'string' || !RECORD_TYPES.has(type)) return `a frame of unknown type ${JSON.stringify(type ?? null)}`;
    const pos = type === 'write' ? r['rev'] : r['atRev'];
    if (typeof pos !== 'number' || !Number.isInteger(pos)) return `a ${type} record without an integer ${type === 'write' ? 'rev' : 'atRev'}`;
    if (type === 'write' && typeof r['key'] !== 'string') return 'a write record without a key';
    out.push(Object.freeze(r) as unknown as HistoryRecord);
  }
  return out;
}
