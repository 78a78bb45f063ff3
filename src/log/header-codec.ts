/**
 * The history header (the first frame of every history file) and
 * upgrade-on-read. Users keep recorded histories for years, so a reader
 * opens every older format version it knows and refuses only newer or
 * unknown ones, naming the file, its version and the newest supported.
 *
 * `UPGRADES` is the table of version → function lifting one raw record of
 * that version to the next version. Only version 1 exists, so it is empty;
 * format version N+1 adds the entry for N, and every older file is lifted
 * step by step on read. Writing appends only to a file of the current
 * version (appending new records to an old file would mix versions).
 */
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, type HistoryHeader } from '../model/index.js';

/** Lifts one raw record of version `v` to version `v + 1`. */
export type RecordUpgrade = (raw: Record<string, unknown>) => Record<string, unknown>;

export const UPGRADES: ReadonlyMap<number, RecordUpgrade> = new Map();

/** Versions this build reads: 1 through the current one. */
export const OLDEST_READABLE_VERSION = 1;

export interface DecodedHeader {
  readonly header: HistoryHeader;
  /** Lifts a raw record of the file's version to the current one (identity for current files). */
  readonly upgrade: (raw: Record<string, unknown>) => Record<string, unknown>;
}

function fail(file: string, why: string): never {
  throw new Error(`${file}: ${why}`);
}

/** Validates the first frame's value and builds the upgrade chain for the file's version. */
export function decodeHeader(file: string, value: object): DecodedHeader {
  const h = value as Partial<Record<keyof HistoryHeader, unknown>>;
  if (Array.isArray(value) || h.format !== HISTORY_FORMAT) {
    const format = Array.isArray(value) ? 'an array' : JSON.stringify(h.format ?? null);
    fail(file, `not a chronokube history: its first frame has format ${format}, expected "${HISTORY_FORMAT}"`);
  }
  const v = h.version;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    fail(file, `history format version ${JSON.stringify(v ?? null)} is not a version number; the newest supported is ${HISTORY_FORMAT_VERSION}`);
  }
  if (v > HISTORY_FORMAT_VERSION) {
    fail(
      file,
      `history format version ${v} is newer than this chronokube supports (newest supported: ${HISTORY_FORMAT_VERSION}); upgrade chronokube to read it`,
    );
  }
  if (v < OLDEST_READABLE_VERSION) {
    fail(file, `history format version ${v} is unknown (this chronokube reads versions ${OLDEST_READABLE_VERSION} to ${HISTORY_FORMAT_VERSION})`);
  }
  if (typeof h.epoch !== 'number' || (h.clock !== 'virtual' && h.clock !== 'wall')) {
    fail(file, 'the history header lacks a numeric epoch or a clock of "virtual" or "wall"');
  }
  const steps: RecordUpgrade[] = [];
  for (let from = v; from < HISTORY_FORMAT_VERSION; from++) {
    const step = UPGRADES.get(from);
    if (step === undefined) fail(file, `no upgrade from history format version ${from} to ${from + 1}`);
    steps.push(step);
  }
  const upgrade =
    steps.length === 0
      ? (raw: Record<string, unknown>) => raw
      : (raw: Record<string, unknown>) => steps.reduce((r, step) => step(r), raw);
  return { header: value as HistoryHeader, upgrade };
}

/** Checks a header a caller asks us to write to a new file. */
export function checkNewHeader(file: string, header: HistoryHeader): void {
  if (header.format !== HISTORY_FORMAT || header.version !== HISTORY_FORMAT_VERSION) {
    fail(
      file,
      `a new history is written as format "${HISTORY_FORMAT}" version ${HISTORY_FORMAT_VERSION}, not "${String(header.format)}" version ${String(header.version)}`,
    );
  }
}
