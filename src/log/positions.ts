/**
 * Where records and checkpoints sit relative to write revisions, shared by
 * every backend. A non-write record's `atRev` is the write just before it,
 * so "everything after write N" is: writes above N, and non-writes at N or
 * later. Along the log this predicate is monotone (false then true), which
 * is what lets backends binary-search or seek to a start.
 */
import { badRequest, expired, type HistoryRecord } from '../model/index.js';

/** Whether `r` comes after write `afterRev` in log order. */
export function isAfter(r: HistoryRecord, afterRev: number): boolean {
  return r.type === 'write' ? r.rev > afterRev : r.atRev >= afterRev;
}

/** A read from before the compacted revision is 410 Expired, worded as Kubernetes words it. */
export function checkReadable(afterRev: number, compactedRev: number): void {
  if (!Number.isInteger(afterRev) || afterRev < 0) throw badRequest(`invalid revision to read after: ${afterRev}`);
  if (afterRev < compactedRev) throw expired(afterRev, compactedRev);
}

/** A checkpoint or compaction point must lie between the compacted revision and the head. */
export function checkCheckpointRev(rev: number, compactedRev: number, headRev: number): void {
  if (!Number.isInteger(rev) || rev < 0) throw badRequest(`invalid checkpoint revision: ${rev}`);
  if (rev < compactedRev) throw expired(rev, compactedRev);
  if (rev > headRev) throw badRequest(`checkpoint revision ${rev} is beyond the head revision ${headRev}`);
}
