/**
 * `chronokube bookmark NAME [--at REV|TIME|NAME]` names a revision (the head
 * by default) in the history itself, as an annotation record every reader
 * sees; bookmarking a name again moves it. `chronokube bookmarks` lists
 * them: name, revision and the time of the write at that revision. Any
 * `--at` that resolves through `resolveAtIn` then takes the name.
 *
 * The history is opened for appending without the API (no bootstrap
 * writes): a bookmark adds one annotation record and nothing else. The
 * record's time is the wall clock for a wall-clock history, and the newest
 * write's time for a virtual-time one (so it never moves that clock on).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { printTable, rfc3339 } from '../../api/index.js';
import type { Table } from '../../api/index.js';
import { addBookmark, bookmarksOf } from '../../debug/index.js';
import { openFileLog } from '../../log/index.js';
import { wallClock } from '../../runtime/index.js';
import { openStore } from '../../store/index.js';
import { BOOKMARK_NAME, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import { CliError, DEFAULT_HISTORY, encryptionOption, withSession } from '../session.js';

export interface BookmarkOptions {
  readonly history?: string;
  readonly at?: string;
}

export async function bookmarkCommand(io: CliIo, name: string, opts: BookmarkOptions): Promise<number> {
  if (!BOOKMARK_NAME.test(name) || name === 'HEAD') {
    throw new CliError(`a bookmark name starts with a letter and has only letters, digits, ".", "_" and "-" (and is not HEAD), got "${name}"`);
  }
  const file = resolve(opts.history ?? DEFAULT_HISTORY);
  if (!existsSync(file)) throw new CliError(`no history at ${file}: pass --history FILE`);
  const log = await openFileLog(file, { mode: 'write', onWarning: io.err, ...encryptionOption() });
  try {
    const store = await openStore(log);
    try {
      const marks = await bookmarksOf(log.read());
      const rev = resolveAt(store, log.header.epoch, opts.at, marks);
      const moved = marks.find((b) => b.name === name);
      const time = log.header.clock === 'wall' ? wallClock(log.header.epoch).now() : (store.write(store.rev)?.time ?? 0);
      await addBookmark(log, name, rev, time);
      io.out(moved === undefined ? `bookmark ${name} at revision ${rev}` : `bookmark ${name} moved from revision ${moved.rev} to ${rev}`);
      return 0;
    } finally {
      store.close();
    }
  } finally {
    await log.close();
  }
}

export interface BookmarksOptions {
  readonly history?: string;
  readonly output?: string;
}

export async function bookmarksCommand(io: CliIo, opts: BookmarksOptions): Promise<number> {
  const output = opts.output ?? 'table';
  if (output !== 'table' && output !== 'json') throw new CliError(`bookmarks prints -o table or -o json, not "${output}"`);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const epoch = session.log.header.epoch;
    const marks = (await bookmarksOf(session.log.read())).map((b) => {
      const w = session.store.write(b.rev);
      return { ...b, ...(w === undefined ? {} : { time: rfc3339(epoch, w.time) }) };
    });
    if (output === 'json') {
      io.out(JSON.stringify(marks));
      return 0;
    }
    if (marks.length === 0) {
      io.err('no bookmarks in this history: `chronokube bookmark NAME --at REV` adds one');
      return 0;
    }
    io.out(printTable(bookmarkTable(marks.map((b) => [b.name, String(b.rev), b.time ?? '-']))).trimEnd());
    return 0;
  });
}

function bookmarkTable(rows: readonly string[][]): Table {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: ['Name', 'Rev', 'Time'].map((name) => ({ name, type: 'string', format: '', description: '', priority: 0 })),
    rows: rows.map((cells) => ({ cells })),
  };
}
