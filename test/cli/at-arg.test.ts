import { beforeAll, describe, expect, it } from 'vitest';
import { addBookmark } from '../../src/debug/index.js';
import type { Log } from '../../src/log/index.js';
import { createMemoryLog } from '../../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../src/model/index.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';
import { findBookmark, loadBookmarks, parseAt, prepareAt, resolveAt, resolveAtIn } from '../../src/cli/at-arg.js';

const EPOCH = Date.parse('2026-01-01T00:00:00Z');

/** A history of six ConfigMap creates, one every 10 s from time 10 s (revision r at r × 10 s). */
async function sixWrites(): Promise<{ log: Log; store: Store }> {
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: EPOCH, clock: 'virtual' });
  const store = await openStore(log);
  for (let i = 1; i <= 6; i++) {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' } };
    await log.append([{ type: 'write', time: i * 10_000, actor: 'user:alice', cause: [], observedRev: i - 1, verb: 'create', key: `core/configmaps/default/cm-${i}`, prevRev: 0, change: { op: 'put', object } }]);
  }
  return { log, store };
}

describe('--at arguments', () => {
  let h: { log: Log; store: Store };
  beforeAll(async () => {
    h = await sixWrites();
    await addBookmark(h.log, 'rollout-start', 2, 60_000);
    await addBookmark(h.log, 'rollout-end', 4, 60_000);
    await addBookmark(h.log, 'incident', 5, 60_000);
    await addBookmark(h.log, 'incident', 3, 60_000);
  });

  it('classifies revisions, HEAD~N, strict RFC 3339 times and names', () => {
    expect(parseAt('HEAD')).toEqual({ type: 'head', back: 0 });
    expect(parseAt('HEAD~2')).toEqual({ type: 'head', back: 2 });
    expect(parseAt('42')).toEqual({ type: 'rev', rev: 42 });
    expect(parseAt('2026-01-01T00:00:30Z')).toEqual({ type: 'time', ms: EPOCH + 30_000 });
    expect(parseAt('2026-01-01T01:00:30+01:00')).toEqual({ type: 'time', ms: EPOCH + 30_000 });
    // No offset means UTC, whatever the machine's zone; a bare date is midnight UTC.
    expect(parseAt('2026-01-01 00:00:30.5')).toEqual({ type: 'time', ms: EPOCH + 30_500 });
    expect(parseAt('2026-01-01')).toEqual({ type: 'time', ms: EPOCH });
    // Date.parse would read these as dates; here they are names.
    expect(parseAt('release-1')).toEqual({ type: 'name', name: 'release-1' });
    expect(parseAt('HEADS')).toEqual({ type: 'name', name: 'HEADS' });
    expect(() => parseAt('2026-02-31T99:00:00Z')).toThrow('--at 2026-02-31T99:00:00Z is not a valid RFC 3339 time');
    expect(parseAt('two words')).toEqual({ type: 'name', name: 'two words' });
    expect(() => parseAt(' ')).toThrow('--at wants a revision number or an RFC 3339 time, got " "');
  });

  it('resolves revisions, HEAD~N and times against the store', () => {
    expect(resolveAt(h.store, EPOCH, undefined)).toBe(6);
    expect(resolveAt(h.store, EPOCH, 'HEAD~2')).toBe(4);
    expect(resolveAt(h.store, EPOCH, 'HEAD~20')).toBe(0);
    expect(resolveAt(h.store, EPOCH, '3')).toBe(3);
    expect(resolveAt(h.store, EPOCH, '2026-01-01T00:00:35Z')).toBe(3);
    expect(resolveAt(h.store, EPOCH, '2026-01-01T00:00:40Z')).toBe(4);
    expect(resolveAt(h.store, EPOCH, '2026-01-01T00:00:05Z')).toBe(0);
    expect(() => resolveAt(h.store, EPOCH, '7')).toThrow('--at 7 is beyond the last revision of this history (6)');
  });

  it('reads bookmarks from the log, the latest record per name winning', async () => {
    expect(await resolveAtIn(h, 'incident')).toBe(3);
    expect(await resolveAtIn(h, 'rollout-end')).toBe(4);
    expect(await resolveAtIn(h, 'rollout-s')).toBe(2);
    expect(await resolveAtIn(h, '5')).toBe(5);
    expect(await loadBookmarks(h)).toEqual([
      { name: 'rollout-start', rev: 2 },
      { name: 'incident', rev: 3 },
      { name: 'rollout-end', rev: 4 },
    ]);
    // Once loaded for a store, the synchronous resolveAt knows them too.
    expect(resolveAt(h.store, EPOCH, 'inc')).toBe(3);
  });

  it('lists the bookmarks when a name is unknown or ambiguous', async () => {
    await expect(resolveAtIn(h, 'rollout')).rejects.toThrow('--at rollout is ambiguous: it begins the bookmarks rollout-start (rev 2), rollout-end (rev 4); give the whole name');
    await expect(resolveAtIn(h, 'outage')).rejects.toThrow(
      '--at outage is neither a revision, a time nor a bookmark of this history; its bookmarks: rollout-start (rev 2), incident (rev 3), rollout-end (rev 4)',
    );
  });

  it('prepares the synchronous resolveAt only when an argument is a name', async () => {
    const fresh = await sixWrites();
    await addBookmark(fresh.log, 'mark', 2, 0);
    await prepareAt(fresh, '3', undefined, 'HEAD~1', '2026-01-01', '2026-13-01', '');
    expect(() => resolveAt(fresh.store, EPOCH, 'mark')).toThrow('--at wants a revision number or an RFC 3339 time, got "mark"');
    await prepareAt(fresh, '3', 'mar');
    expect(resolveAt(fresh.store, EPOCH, 'mar')).toBe(2);
  });

  it('keeps the plain message for a history without bookmarks, and refuses a bookmark past the head', async () => {
    const bare = await sixWrites();
    await expect(resolveAtIn(bare, 'soon')).rejects.toThrow('--at wants a revision number or an RFC 3339 time, got "soon"');
    expect(() => resolveAt(bare.store, EPOCH, 'incident')).toThrow('--at wants a revision number or an RFC 3339 time, got "incident"');
    expect(() => findBookmark('late', [{ name: 'late', rev: 9 }])).not.toThrow();
    expect(() => resolveAt(bare.store, EPOCH, 'late', [{ name: 'late', rev: 9 }])).toThrow('--at late is beyond the last revision of this history (6)');
  });
});
