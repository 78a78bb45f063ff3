/**
 * Which revision a read is served at, following Kubernetes' resourceVersion
 * semantics: unset — the newest (a consistent read); `0` — any (the newest
 * here, since the store is never behind); `N` with `NotOlderThan` (the
 * default) — the newest, but 504 if N is in the future; `N` with `Exact` — the
 * state at N, 410 Expired once compacted.
 */
import { badRequest, expired, statusOf, StatusError } from '../model/index.js';
import type { Store } from '../store/index.js';

export type ResourceVersionMatch = 'NotOlderThan' | 'Exact';

export function parseRevision(rv: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(rv)) throw badRequest(`invalid resourceVersion "${rv}": must be a non-negative integer`);
  return Number(rv);
}

export function readRevision(store: Store, resourceVersion?: string, match?: string): number {
  if (match !== undefined && match !== '' && match !== 'NotOlderThan' && match !== 'Exact') {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  if (resourceVersion === undefined || resourceVersion === '') {
    if (match !== undefined && match !== '') throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
    return store.rev;
  }
  const rev = parseRevision(resourceVersion);
  if (rev > store.rev) {
    throw new StatusError(
      statusOf('Timeout', `Too large resource version: ${rev}, current: ${store.rev}`, { retryAfterSeconds: 1 }),
    );
  }
  if (match === 'Exact') {
    if (rev === 0) throw badRequest('resourceVersionMatch "Exact" is forbidden for resourceVersion "0"');
    if (rev < store.compactedRev) throw expired(rev, store.compactedRev);
    return rev;
  }
  return store.rev;
}
