import { describe, expect, it } from 'vitest';
import { bookmarkCommand, bookmarksCommand } from '../../src/cli/commands/bookmark.js';
import { historyCommand } from '../../src/cli/commands/history.js';
import { reportError } from '../../src/cli/fail.js';
import { BOOKMARK_ACTOR } from '../../src/debug/index.js';
import { openFileLog } from '../../src/log/index.js';
import type { HistoryRecord } from '../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../src/model/index.js';
import type { Ran } from './capture.js';
import { cli, tempHistory } from './capture.js';

const EPOCH = Date.parse('2026-01-01T00:00:00Z');

/** A history file of six ConfigMap creates, revision r written at r × 10 s. */
async function sixWrites(clock: 'virtual' | 'wall'): Promise<string> {
  const file = tempHistory();
  const log = await openFileLog(file, { mode: 'write', header: { format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: EPOCH, clock } });
  for (let i = 1; i <= 6; i++) {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' } };
    await log.append([{ type: 'write', time: i * 10_000, actor: 'user:alice', cause: [], observedRev: i - 1, verb: 'create', key: `core/configmaps/default/cm-${i}`, prevRev: 0, change: { op: 'put', object } }]);
  }
  await log.close();
  return file;
}

async function records(file: string): Promise<HistoryRecord[]> {
  const log = await openFileLog(file, { mode: 'read' });
  const all: HistoryRecord[] = [];
  for await (const r of log.read()) all.push(r);
  await log.close();
  return all;
}

async function ran(f: (io: { out: (s: string) => void; err: (s: string) => void }) => Promise<number>): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) };
  const code = await f(io).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('chronokube bookmark and bookmarks', () => {
  it('names revisions by number, time, HEAD and another bookmark, each one annotation record and nothing else', async () => {
    const history = await sixWrites('virtual');
    expect(await ran((io) => bookmarkCommand(io, 'deploy', { history, at: '2' }))).toEqual({ code: 0, out: 'bookmark deploy at revision 2', err: '' });
    expect((await ran((io) => bookmarkCommand(io, 'outage', { history, at: '2026-01-01T00:00:45Z' }))).out).toBe('bookmark outage at revision 4');
    expect((await ran((io) => bookmarkCommand(io, 'latest', { history }))).out).toBe('bookmark latest at revision 6');
    expect((await ran((io) => bookmarkCommand(io, 'same-as-outage', { history, at: 'out' }))).out).toBe('bookmark same-as-outage at revision 4');
    const all = await records(history);
    expect(all.filter((r) => r.type === 'write')).toHaveLength(6);
    const marks = all.filter((r) => r.type === 'annotation');
    expect(marks).toHaveLength(4);
    // On a virtual clock the record takes the newest write's time, never moving that clock on.
    expect(marks[0]).toEqual({ type: 'annotation', atRev: 6, time: 60_000, actor: BOOKMARK_ACTOR, annotation: { kind: 'bookmark', name: 'deploy', rev: 2 } });

    const table = await ran((io) => bookmarksCommand(io, { history }));
    expect(table.out.split('\n').map((l) => l.split(/\s+/).join(' '))).toEqual([
      'NAME REV TIME',
      'deploy 2 2026-01-01T00:00:20Z',
      'outage 4 2026-01-01T00:00:40Z',
      'same-as-outage 4 2026-01-01T00:00:40Z',
      'latest 6 2026-01-01T00:01:00Z',
    ]);
    expect(JSON.parse((await ran((io) => bookmarksCommand(io, { history, output: 'json' }))).out)).toContainEqual({ name: 'deploy', rev: 2, time: '2026-01-01T00:00:20Z' });
  });

  it('moves a bookmark named again, and other commands take the name as a revision', async () => {
    const history = await sixWrites('virtual');
    await ran((io) => bookmarkCommand(io, 'deploy', { history, at: '2' }));
    expect((await ran((io) => bookmarkCommand(io, 'deploy', { history, at: '3' }))).out).toBe('bookmark deploy moved from revision 2 to 3');
    await ran((io) => bookmarkCommand(io, 'done', { history, at: '5' }));
    expect(JSON.parse((await ran((io) => bookmarksCommand(io, { history, output: 'json' }))).out)).toEqual([
      { name: 'deploy', rev: 3, time: '2026-01-01T00:00:30Z' },
      { name: 'done', rev: 5, time: '2026-01-01T00:00:50Z' },
    ]);
    const ranged = await ran((io) => historyCommand(io, { history, from: 'deploy', to: 'done', output: 'json' }));
    expect(ranged.out.split('\n').map((l) => (JSON.parse(l) as { rev: number }).rev)).toEqual([3, 4, 5]);
    expect((await ran((io) => historyCommand(io, { history, from: 'd' }))).err).toBe('error: --from d is ambiguous: it begins the bookmarks deploy (rev 3), done (rev 5); give the whole name');
  });

  it('stamps a wall-clock history with the wall clock', async () => {
    const history = await sixWrites('wall');
    const before = Date.now() - EPOCH;
    await ran((io) => bookmarkCommand(io, 'now', { history, at: '1' }));
    const mark = (await records(history)).find((r) => r.type === 'annotation');
    expect(mark?.time).toBeGreaterThanOrEqual(before);
    expect(mark?.time).toBeLessThanOrEqual(Date.now() - EPOCH);
  });

  it('refuses names that read as revisions, times or HEAD, a missing history, a revision past the head and an unknown bookmark', async () => {
    const history = await sixWrites('virtual');
    const refused = (name: string): string => `error: a bookmark name starts with a letter and has only letters, digits, ".", "_" and "-" (and is not HEAD), got "${name}"`;
    for (const name of ['42', '2026-01-01', 'HEAD', 'two words', '-x', '']) expect((await ran((io) => bookmarkCommand(io, name, { history }))).err).toBe(refused(name));
    expect((await ran((io) => bookmarkCommand(io, 'x', { history: `${history}.missing` }))).err).toBe(`error: no history at ${history}.missing: pass --history FILE`);
    expect((await ran((io) => bookmarkCommand(io, 'x', { history, at: '7' }))).err).toBe('error: --at 7 is beyond the last revision of this history (6)');
    expect((await ran((io) => bookmarkCommand(io, 'x', { history, at: 'nothing' }))).err).toBe('error: --at wants a revision number or an RFC 3339 time, got "nothing"');
    await ran((io) => bookmarkCommand(io, 'first', { history, at: '1' }));
    expect((await ran((io) => bookmarkCommand(io, 'x', { history, at: 'nothing' }))).err).toBe('error: --at nothing is neither a revision, a time nor a bookmark of this history; its bookmarks: first (rev 1)');
    expect((await records(history)).filter((r) => r.type === 'annotation')).toHaveLength(1);
  });

  it('says when a history has no bookmarks', async () => {
    const history = await sixWrites('virtual');
    expect(await ran((io) => bookmarksCommand(io, { history }))).toEqual({ code: 0, out: '', err: 'no bookmarks in this history: `chronokube bookmark NAME --at REV` adds one' });
    expect((await ran((io) => bookmarksCommand(io, { history, output: 'json' }))).out).toBe('[]');
    expect((await ran((io) => bookmarksCommand(io, { history, output: 'wide' }))).err).toBe('error: bookmarks prints -o table or -o json, not "wide"');
  });
});

describe('bookmark names through the command line', () => {
  it('are registered verbs, and every --at, --from and --good takes a bookmark name', async () => {
    const history = await sixWrites('virtual');
    expect(await cli('bookmark', 'before-cm-4', '--history', history, '--at', '3')).toEqual({ code: 0, out: 'bookmark before-cm-4 at revision 3', err: '' });
    const listed = await cli('bookmarks', '--history', history);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/before-cm-4\s+3\b/);
    const get = await cli('get', 'cm', '--history', history, '--at', 'before-cm-4', '-o', 'name');
    expect(get.out.split('\n')).toEqual(['configmap/cm-1', 'configmap/cm-2', 'configmap/cm-3']);
    const diff = await cli('diff', 'before-cm-4', 'HEAD', '--history', history, '-o', 'json');
    expect(diff.code).toBe(0);
    expect((JSON.parse(diff.out) as { path: string }[]).map((op) => op.path)).toEqual(['/core/configmaps/default/cm-4', '/core/configmaps/default/cm-5', '/core/configmaps/default/cm-6']);
    const unknown = await cli('get', 'cm', '--history', history, '--at', 'nope');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('before-cm-4');
  });
});
