/**
 * Named bookmarks on revisions, kept with the history as `annotation`
 * records (never folded), so every reader of the file sees them. A name
 * bookmarked again moves to the new revision.
 */
import type { Log } from '../log/index.js';
import type { HistoryRecord } from '../model/index.js';

export const BOOKMARK_ACTOR = 'user:debugger';

/** The bookmark a recording leaves on the last revision of the state it listed at its start (what re-simulation starts from). */
export const INITIAL_STATE_BOOKMARK = 'initial-state';

/** Every bookmark name and its revision (the latest record per name wins), sorted by revision then name. */
export async function bookmarksOf(records: AsyncIterable<HistoryRecord> | Iterable<HistoryRecord>): Promise<{ readonly name: string; readonly rev: number }[]> {
  const byName = new Map<string, number>();
  for await (const r of records) if (r.type === 'annotation' && r.annotation.kind === 'bookmark') byName.set(r.annotation.name, r.annotation.rev);
  return [...byName].map(([name, rev]) => ({ name, rev })).sort((a, b) => a.rev - b.rev || a.name.localeCompare(b.name));
}

/** Appends a bookmark (the log must be open for writing); `time` is the record's time on the run's clock. */
export async function addBookmark(log: Log, name: string, rev: number, time: number, actor = BOOKMARK_ACTOR): Promise<void> {
  if (name.trim() === '') throw new Error('a bookmark needs a name');
  if (rev < 0 || rev > log.headRev()) throw new Error(`cannot bookmark revision ${rev}: the history has revisions up to ${log.headRev()}`);
  await log.append([{ type: 'annotation', time, actor, annotation: { kind: 'bookmark', name, rev } }]);
}
