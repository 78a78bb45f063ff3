/**
 * GET on resource paths: get one object (or its `status`/`scale`), list a
 * collection, or watch either — as JSON or as a meta.k8s.io/v1 Table when
 * the client asks for one. A list at `resourceVersion=N` with
 * `resourceVersionMatch=Exact` is the state at revision N (time travel with
 * Kubernetes' own semantics); a GET's resourceVersion means "not older than".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Observable } from 'rxjs';
import type { ResolvedTarget, Target, WatchRequest } from '../api/index.js';
import { toTable } from '../api/index.js';
import type { IncludeObject } from '../api/index.js';
import type { KubeObject, RequestContext, WatchEvent } from '../model/index.js';
import { badRequest, splitApiVersion, statusOf, StatusError } from '../model/index.js';
import type { Caller, HttpContext } from './http-context.js';
import { impersonatedGroups } from './review-writes.js';
import { handlePodLog } from './pod-log-stream.js';
import { boolParam, intParam, listOptions } from './query-options.js';
import { sendJson } from './status-response.js';
import type { ResponseForm } from './table-negotiation.js';
import { streamWatch } from './watch-stream.js';

const READABLE_SUBRESOURCES = new Set(['status', 'scale', 'log']);

export function handleGet(
  ctx: HttpContext,
  caller: Caller,
  req: IncomingMessage,
  res: ServerResponse,
  q: URLSearchParams,
  target: Target,
  resolved: ResolvedTarget,
  form: ResponseForm,
): void {
  if (target.subresource !== undefined && !READABLE_SUBRESOURCES.has(target.subresource)) {
    throw new StatusError(statusOf('NotFound', `the server could not find the requested resource (get ${resolved.info.plural}/${target.subresource})`));
  }
  if (caller.extraGroups) throw impersonatedGroups();
  // Reads are authorized as the caller (writes are, in the api's verbs).
  const rctx: RequestContext = { actor: `client:${caller.user}` };
  if (target.subresource === 'log') {
    ctx.api.authorize(rctx, 'get', resolved);
    handlePodLog(ctx, req, res, q, target);
    return;
  }
  const include = includeObjectOf(q);
  if (boolParam(q, 'watch')) {
    if (target.subresource !== undefined) throw badRequest(`watch is not supported on the ${target.subresource} subresource`);
    watchResource(ctx, caller, rctx, req, res, q, target, resolved, form, include);
    return;
  }
  if (target.name !== undefined) {
    const rv = q.get('resourceVersion');
    const obj = ctx.api.get(target, rv === null ? {} : { resourceVersion: rv }, rctx);
    sendJson(res, 200, form === 'table' ? tableOf([obj], ctx, include, kindOfObject(obj, resolved)) : obj);
    return;
  }
  const list = ctx.api.list(target, listOptions(q), rctx);
  ctx.revisions.delivered(caller.user, Number(list.metadata.resourceVersion));
  if (form === 'table') {
    sendJson(
      res,
      200,
      toTable(resolved.info, list.items, {
        now: ctx.now(),
        includeObject: include,
        resourceVersion: list.metadata.resourceVersion,
        ...(list.metadata.continue === undefined ? {} : { continue: list.metadata.continue }),
      }),
    );
    return;
  }
  sendJson(res, 200, list);
}

function kindOfObject(obj: KubeObject, resolved: ResolvedTarget): { group: string; kind: string } {
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return resolved.info;
  return { group: splitApiVersion(obj.apiVersion).group, kind: obj.kind };
}

function tableOf(objects: readonly KubeObject[], ctx: HttpContext, include: IncludeObject, kind: { group: string; kind: string }): unknown {
  return toTable(kind, objects, { now: ctx.now(), includeObject: include });
}

function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw badRequest(`includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`);
}

function watchResource(
  ctx: HttpContext,
  caller: Caller,
  rctx: RequestContext,
  req: IncomingMessage,
  res: ServerResponse,
  q: URLSearchParams,
  target: Target,
  resolved: ResolvedTarget,
  form: ResponseForm,
  include: IncludeObject,
): void {
  const opts = listOptions(q);
  // A watch on an object path watches the collection narrowed to that name, as kube-apiserver does.
  const byName = target.name === undefined ? undefined : `metadata.name=${target.name}`;
  const fieldSelector = [opts.fieldSelector, byName].filter((s) => s !== undefined && s !== '').join(',');
  const allowBookmarks = boolParam(q, 'allowWatchBookmarks');
  const request: WatchRequest = {
    ...(opts.labelSelector === undefined ? {} : { labelSelector: opts.labelSelector }),
    ...(fieldSelector === '' ? {} : { fieldSelector }),
    ...(opts.resourceVersion === undefined ? {} : { resourceVersion: opts.resourceVersion }),
    ...(opts.resourceVersionMatch === undefined ? {} : { resourceVersionMatch: opts.resourceVersionMatch }),
    allowWatchBookmarks: allowBookmarks,
    sendInitialEvents: boolParam(q, 'sendInitialEvents'),
    ...(allowBookmarks ? { bookmarks$: ticks(ctx.bookmarkIntervalMs) } : {}),
  };
  const { name: _name, ...collection } = target;
  // Errors in the request itself (bad selector, bad resourceVersion) throw here, before the 200 is sent.
  const events$ = ctx.api.watch(collection, request, rctx);
  const timeoutSeconds = intParam(q, 'timeoutSeconds');
  streamWatch({
    req,
    res,
    events$,
    timeoutMs: timeoutSeconds === undefined || timeoutSeconds <= 0 ? ctx.defaultWatchTimeoutMs : timeoutSeconds * 1000,
    maxQueuedBytes: ctx.maxQueuedBytes,
    onDelivered: (rev) => ctx.revisions.delivered(caller.user, rev),
    ...(form === 'table' ? { encode: (e: WatchEvent) => (e.type === 'ERROR' || e.type === 'BOOKMARK' ? e.object : tableOf([e.object], ctx, include, resolved.info)) } : {}),
  });
}

/** A timer Observable for bookmarks: the HTTP server's socket handling is allowed wall-clock timers. */
function ticks(ms: number): Observable<number> {
  return new Observable<number>((sub) => {
    let n = 0;
    const t = setInterval(() => sub.next(n++), ms);
    return () => clearInterval(t);
  });
}
