/**
 * `list`: objects of a kind (in one namespace or all), filtered by label and
 * field selectors, at the revision `resourceVersion`/`resourceVersionMatch`
 * name, paged with `limit`/`continue` — every page from the same snapshot.
 */
import type { KubeObject } from '../../model/index.js';
import { badRequest, expired, objectKey, statusOf, StatusError } from '../../model/index.js';
import { decodeContinue, encodeContinue } from '../continue-token.js';
import type { ApiDeps } from '../deps.js';
import { readRevision } from '../read-revision.js';
import type { SelectorParams } from '../selection.js';
import { selectionFilter } from '../selection.js';
import type { ResolvedKind } from '../target.js';

export interface ListOptions extends SelectorParams {
  readonly namespace?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
  readonly limit?: number;
  readonly continue?: string;
}

export interface ObjectList {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  readonly items: readonly KubeObject[];
}

export function list(deps: ApiDeps, k: ResolvedKind, opts: ListOptions = {}): ObjectList {
  const filter = selectionFilter(k.info, opts);
  let rev: number;
  let after: string | undefined;
  if (opts.continue !== undefined && opts.continue !== '') {
    if (opts.resourceVersion !== undefined && opts.resourceVersion !== '' && opts.resourceVersion !== '0') {
      throw badRequest('specifying resource version is not allowed when using continue');
    }
    const token = decodeContinue(opts.continue);
    if (token.rev < deps.store.compactedRev) throw tooOldContinue(token.rev, deps.store.compactedRev);
    rev = token.rev;
    after = token.after;
  } else {
    rev = readRevision(deps.store, opts.resourceVersion, opts.resourceVersionMatch);
  }
  const limit = opts.limit ?? 0;
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`limit must be a non-negative integer, got ${limit}`);

  const view = rev === deps.store.rev ? deps.store.head() : deps.store.at(rev);
  const scope = {
    group: k.info.group,
    resource: k.info.plural,
    ...(k.info.namespaced && opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
  };
  let items = view.list(scope, filter);
  if (after !== undefined) items = items.slice(firstAfter(items, after, k));
  const apiVersion = k.info.group === '' ? k.info.version : `${k.info.group}/${k.info.version}`;
  const metadata: ObjectList['metadata'] = { resourceVersion: String(rev) };
  if (limit > 0 && items.length > limit) {
    const page = items.slice(0, limit);
    const last = page[page.length - 1] as KubeObject;
    metadata.continue = encodeContinue({ rev, after: keyOf(k, last) });
    if (filter === undefined) metadata.remainingItemCount = items.length - limit;
    items = page;
  }
  return { apiVersion, kind: k.info.listKind, metadata, items };
}

function keyOf(k: ResolvedKind, o: KubeObject): string {
  return objectKey({ group: k.info.group, resource: k.info.plural, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' });
}

/** Index of the first item whose key sorts after `after` (items are in key order). */
function firstAfter(items: readonly KubeObject[], after: string, k: ResolvedKind): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(k, items[mid] as KubeObject) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function tooOldContinue(rev: number, compacted: number): StatusError {
  const base = expired(rev, compacted).status;
  return new StatusError(
    statusOf(
      base.reason,
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    ),
  );
}
