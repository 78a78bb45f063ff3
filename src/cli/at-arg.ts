/**
 * `--at REV|TIME`: a revision number, `HEAD` (the newest, `HEAD~N` N before it), or an RFC 3339 time meaning the last
 * revision written at or before it (write times never decrease, so this is
 * a binary search over revisions).
 */
import type { Store } from '../store/index.js';
import { CliError } from './session.js';

export function resolveAt(store: Store, epoch: number, at: string | undefined): number {
  if (at === undefined || at === 'HEAD') return store.rev;
  const back = /^HEAD~([0-9]+)$/.exec(at);
  if (back !== null) return Math.max(store.compactedRev, store.rev - Number(back[1]));
  if (/^[0-9]+$/.test(at)) {
    const rev = Number(at);
    if (rev > store.rev) throw new CliError(`--at ${at} is beyond the last revision of this history (${store.rev})`);
    if (rev < store.compactedRev) throw new CliError(`--at ${at} is before the compacted revision ${store.compactedRev}: that part of the history is gone`);
    return rev;
  }
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new CliError(`--at wants a revision number or an RFC 3339 time, got "${at}"`);
  const t = ms - epoch;
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
