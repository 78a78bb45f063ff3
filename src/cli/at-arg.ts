/**
 * `--at REV|TIME|NAME`: a revision number, `HEAD` (the newest, `HEAD~N` N
 * before it), an RFC 3339 time meaning the last revision written at or before
 * it (write times never decrease, so this is a binary search over
 * revisions), or the name of a bookmark kept in the history (`chronokube
 * bookmark`). A bookmark may be named by a prefix shared with no other one.
 *
 * Times are parsed strictly (`2026-01-01`, `2026-01-01T00:04:00Z`, with an
 * offset or a fraction; no offset means UTC), never by `Date.parse`'s
 * lenient guessing, which reads `release-1` as a date. Anything else is
 * taken as a bookmark name; `chronokube bookmark` makes names that start
 * with a letter (`BOOKMARK_NAME`), so none can be read as a revision or a
 * time, and `HEAD` stays reserved.
 *
 * Bookmarks live in the log, not the store: `resolveAt` is synchronous and
 * knows them only when passed or loaded for that store (`loadBookmarks`);
 * `resolveAtIn` reads them from the log only when the argument is a name,
 * and `prepareAt` does so ahead of synchronous `resolveAt` calls.
 */
import { bookmarksOf } from '../debug/index.js';
import type { Log } from '../log/index.js';
import { assertNever } from '../model/index.js';
import type { Store } from '../store/index.js';
import { CliError } from './session.js';

export interface Bookmark {
  readonly name: string;
  readonly rev: number;
}

/** What an `--at` argument says, before it meets a history. */
export type AtRef =
  | { readonly type: 'head'; readonly back: number }
  | { readonly type: 'rev'; readonly rev: number }
  | { readonly type: 'time'; readonly ms: number }
  | { readonly type: 'name'; readonly name: string };

/** A bookmark name: a letter, then letters, digits, `.`, `_` or `-`. */
export const BOOKMARK_NAME = /^[A-Za-z][A-Za-z0-9._-]*$/;

const RFC3339 = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}:\d{2})?)?$/;

/** Classifies an `--at` argument; a malformed time or name is a CliError. */
export function parseAt(at: string): AtRef {
  if (at === 'HEAD') return { type: 'head', back: 0 };
  const back = /^HEAD~([0-9]+)$/.exec(at);
  if (back !== null) return { type: 'head', back: Number(back[1]) };
  if (/^[0-9]+$/.test(at)) return { type: 'rev', rev: Number(at) };
  const t = RFC3339.exec(at);
  if (t !== null) {
    const [, date, clock, zone] = t;
    const ms = clock === undefined ? Date.parse(`${date}T00:00:00Z`) : Date.parse(`${date}T${clock}${zone ?? 'Z'}`);
    if (Number.isNaN(ms)) throw new CliError(`--at ${at} is not a valid RFC 3339 time`);
    return { type: 'time', ms };
  }
  if (at.trim() === '') throw new CliError(`--at wants a revision number or an RFC 3339 time, got "${at}"`);
  // Anything else may name a bookmark (those made elsewhere need not follow BOOKMARK_NAME).
  return { type: 'name', name: at };
}

const loaded = new WeakMap<Store, readonly Bookmark[]>();

/** Reads the history's bookmarks and remembers them for `resolveAt` on this store. */
export async function loadBookmarks(source: { readonly store: Store; readonly log: Log }): Promise<readonly Bookmark[]> {
  const known = loaded.get(source.store);
  if (known !== undefined) return known;
  const found = await bookmarksOf(source.log.read());
  loaded.set(source.store, found);
  return found;
}

/**
 * Loads the history's bookmarks for the synchronous `resolveAt` when any of
 * `ats` is a name (and only then: reading the log costs a pass over it).
 * Malformed arguments are left for `resolveAt` to report under their flag.
 */
export async function prepareAt(source: { readonly store: Store; readonly log: Log }, ...ats: readonly (string | undefined)[]): Promise<void> {
  const named = ats.some((at) => {
    if (at === undefined) return false;
    try {
      return parseAt(at).type === 'name';
    } catch {
      return false;
    }
  });
  if (named) await loadBookmarks(source);
}

/** Resolves `at` against a history, reading its bookmarks from the log only when `at` is a name. */
export async function resolveAtIn(source: { readonly store: Store; readonly log: Log }, at: string | undefined): Promise<number> {
  const bookmarks = at !== undefined && parseAt(at).type === 'name' ? await loadBookmarks(source) : undefined;
  return resolveAt(source.store, source.log.header.epoch, at, bookmarks);
}

/**
 * The revision `at` names (the head when undefined). A name is looked up in
 * `bookmarks`, or else in those loaded for this store; unknown and ambiguous
 * names are errors listing the bookmarks.
 */
export function resolveAt(store: Store, epoch: number, at: string | undefined, bookmarks?: readonly Bookmark[]): number {
  if (at === undefined) return store.rev;
  const ref = parseAt(at);
  switch (ref.type) {
    case 'head':
      return Math.max(store.compactedRev, store.rev - ref.back);
    case 'rev':
      return checkRev(store, at, ref.rev);
    case 'time':
      return revAtOrBefore(store, ref.ms - epoch);
    case 'name': {
      const mark = findBookmark(at, bookmarks ?? loaded.get(store) ?? []);
      return checkRev(store, at, mark.rev);
    }
    default:
      return assertNever(ref, '--at');
  }
}

function checkRev(store: Store, at: string, rev: number): number {
  if (rev > store.rev) throw new CliError(`--at ${at} is beyond the last revision of this history (${store.rev})`);
  if (rev < store.compactedRev) throw new CliError(`--at ${at} is before the compacted revision ${store.compactedRev}: that part of the history is gone`);
  return rev;
}

function revAtOrBefore(store: Store, t: number): number {
  let lo = store.compactedRev;
  let hi = store.rev;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const w = store.write(mid);
    if (w !== undefined && w.time <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function listed(marks: readonly Bookmark[]): string {
  return marks.map((b) => `${b.name} (rev ${b.rev})`).join(', ');
}

/** The bookmark named exactly `name`, or the only one it is a prefix of. */
export function findBookmark(name: string, bookmarks: readonly Bookmark[]): Bookmark {
  const exact = bookmarks.find((b) => b.name === name);
  if (exact !== undefined) return exact;
  const prefixed = bookmarks.filter((b) => b.name.startsWith(name));
  const only = prefixed[0];
  if (only !== undefined && prefixed.length === 1) return only;
  if (prefixed.length > 1) throw new CliError(`--at ${name} is ambiguous: it begins the bookmarks ${listed(prefixed)}; give the whole name`);
  if (bookmarks.length === 0) throw new CliError(`--at wants a revision number or an RFC 3339 time, got "${name}"`);
  throw new CliError(`--at ${name} is neither a revision, a time nor a bookmark of this history; its bookmarks: ${listed(bookmarks)}`);
}
