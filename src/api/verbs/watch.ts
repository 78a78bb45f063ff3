/**
 * `watch`: a stream of ADDED/MODIFIED/DELETED events in revision order.
 * Without a resourceVersion (or with `0`) it starts with an ADDED event per
 * existing object, then follows; with `N` it sends every write after N (410
 * Expired as an ERROR event once N is compacted). `sendInitialEvents` adds the
 * BOOKMARK annotated `k8s.io/initial-events-end` after the initial events, as
 * Kubernetes' streaming lists do.
 */
import type { Observable } from 'rxjs';
import { concat, from } from 'rxjs';
import type { KubeObject, WatchEvent } from '../../model/index.js';
import { badRequest } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import { parseRevision } from '../read-revision.js';
import type { SelectorParams } from '../selection.js';
import { selectionFilter } from '../selection.js';
import type { ResolvedKind } from '../target.js';

export interface WatchRequest extends SelectorParams {
  readonly namespace?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
  readonly allowWatchBookmarks?: boolean;
  readonly sendInitialEvents?: boolean;
  /** Emits whenever a BOOKMARK should be sent (the HTTP front ticks it); needs `allowWatchBookmarks`. */
  readonly bookmarks$?: Observable<unknown>;
}

export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

export function watch(deps: ApiDeps, k: ResolvedKind, req: WatchRequest = {}): Observable<WatchEvent> {
  const filter = selectionFilter(k.info, req);
  const scope = {
    group: k.info.group,
    resource: k.info.plural,
    ...(k.info.namespaced && req.namespace !== undefined ? { namespace: req.namespace } : {}),
  };
  const bookmarks =
    req.allowWatchBookmarks === true && req.bookmarks$ !== undefined ? { bookmarks$: req.bookmarks$ } : {};
  const rv = req.resourceVersion ?? '';
  if (req.sendInitialEvents === true) {
    if (req.allowWatchBookmarks !== true) throw badRequest('sendInitialEvents requires allowWatchBookmarks=true');
    if (req.resourceVersionMatch !== 'NotOlderThan') {
      throw badRequest('sendInitialEvents requires resourceVersionMatch=NotOlderThan');
    }
  }
  const fromHead = rv === '' || rv === '0' || req.sendInitialEvents === true;
  if (!fromHead) {
    return deps.store.watch({ scope, afterRev: parseRevision(rv), ...(filter === undefined ? {} : { filter }), ...bookmarks });
  }
  const rev = deps.store.rev;
  const initial: WatchEvent[] = deps.store
    .head()
    .list(scope, filter)
    .map((object) => ({ type: 'ADDED', object, rev: Number(object.metadata.resourceVersion ?? rev) }));
  if (req.sendInitialEvents === true) initial.push(initialEventsEnd(k, rev));
  return concat(
    from(initial),
    deps.store.watch({ scope, afterRev: rev, ...(filter === undefined ? {} : { filter }), ...bookmarks }),
  );
}

function initialEventsEnd(k: ResolvedKind, rev: number): WatchEvent {
  const object: KubeObject = {
    apiVersion: k.info.group === '' ? k.info.version : `${k.info.group}/${k.info.version}`,
    kind: k.info.kind,
    metadata: { resourceVersion: String(rev), annotations: { [INITIAL_EVENTS_END]: 'true' } },
  };
  return { type: 'BOOKMARK', object, rev };
}
