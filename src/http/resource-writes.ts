/**
 * POST, PUT, PATCH and DELETE on resource paths, each one api call. The
 * actor of every write is `client:USER`; its `observedRev` is the newest
 * revision this server delivered to that user, its `cause` what the client
 * named in the cause header. Codes follow kube-apiserver: 201 for a
 * creation (also by server-side apply), 200 for the rest.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedTarget, Target } from '../api/index.js';
import type { KubeObject, RequestContext } from '../model/index.js';
import { methodNotAllowed, statusOf, StatusError } from '../model/index.js';
import { decodeBody, readBody } from './body-reader.js';
import { managerFromUserAgent } from './client-revisions.js';
import { checkApplyBody, checkObjectBody, checkPatchBody, currentOf, setWarnings } from './field-validation.js';
import type { Caller, HttpContext } from './http-context.js';
import { patchKindOf } from './patch-media-types.js';
import { decodeReview, isProtobuf } from './review-protobuf.js';
import { handleReview, impersonatedGroups, isReview } from './review-writes.js';
import { deleteOptions, listOptions, writeOptions } from './query-options.js';
import { sendJson, successStatus } from './status-response.js';

/** Kinds whose immediate deletion answers with the deleted object rather than a Success Status (kube-apiserver's ReturnDeletedObject). */
const RETURNS_DELETED_OBJECT = new Set(['/pods', '/services', 'apiextensions.k8s.io/customresourcedefinitions']);

/**
 * Subresources a POST may address, and what a created one answers with:
 * kube-apiserver's binding and eviction answer a Success Status, a
 * ServiceAccount's `token` the TokenRequest with its token.
 */
const CREATABLE_SUBRESOURCES: ReadonlyMap<string, 'status' | 'object'> = new Map([
  ['binding', 'status'],
  ['eviction', 'status'],
  ['token', 'object'],
]);

function requestContext(ctx: HttpContext, caller: Caller, fieldManager: string | undefined, dryRun: boolean): RequestContext {
  const observedRev = ctx.revisions.observed(caller.user);
  const manager = fieldManager ?? managerFromUserAgent(caller.userAgent);
  return {
    actor: `client:${caller.user}`,
    ...(caller.cause === undefined ? {} : { cause: caller.cause }),
    ...(observedRev === undefined ? {} : { observedRev }),
    ...(manager === undefined ? {} : { fieldManager: manager }),
    ...(dryRun ? { dryRun: true } : {}),
  };
}

async function raw(ctx: HttpContext, req: IncomingMessage): Promise<Buffer> {
  return readBody(req, ctx.bodyLimit);
}

export async function handleWrite(
  ctx: HttpContext,
  caller: Caller,
  req: IncomingMessage,
  res: ServerResponse,
  q: URLSearchParams,
  target: Target,
  resolved: ResolvedTarget,
): Promise<void> {
  const method = req.method ?? '';
  const api = ctx.api;
  if (method === 'POST' && isReview(resolved) && target.name === undefined) {
    const o = writeOptions(q, false);
    const raw = await readBody(req, ctx.bodyLimit);
    const review = isProtobuf(req.headers['content-type']) ? decodeReview(raw) : decodeBody(raw, req.headers['content-type']);
    handleReview(ctx, caller, res, resolved, review, requestContext(ctx, caller, o.fieldManager, o.dryRun));
    return;
  }
  if (caller.extraGroups) throw impersonatedGroups();
  switch (method) {
    case 'POST': {
      if (target.name !== undefined && (target.subresource === undefined || !CREATABLE_SUBRESOURCES.has(target.subresource))) {
        throw methodNotAllowed(`the server does not allow this method on the requested resource`);
      }
      const o = writeOptions(q, false);
      const checked = checkObjectBody(o.fieldValidation, resolved, await raw(ctx, req), req.headers['content-type']);
      setWarnings(res, checked.warnings);
      const created = await api.create(target, checked.body, requestContext(ctx, caller, o.fieldManager, o.dryRun));
      if (target.subresource !== undefined && CREATABLE_SUBRESOURCES.get(target.subresource) === 'status') {
        sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
        return;
      }
      sendJson(res, 201, created);
      return;
    }
    case 'PUT': {
      requireName(target, method);
      const o = writeOptions(q, false);
      const checked = checkObjectBody(o.fieldValidation, resolved, await raw(ctx, req), req.headers['content-type']);
      setWarnings(res, checked.warnings);
      sendJson(res, 200, await api.update(target, checked.body, requestContext(ctx, caller, o.fieldManager, o.dryRun)));
      return;
    }
    case 'PATCH': {
      requireName(target, method);
      const kind = patchKindOf(req.headers['content-type'], resolved.info.custom);
      const o = writeOptions(q, kind.type === 'apply');
      const body = await raw(ctx, req);
      const rctx = requestContext(ctx, caller, o.fieldManager, o.dryRun);
      if (kind.type === 'apply') {
        if (rctx.fieldManager === undefined) throw new StatusError(statusOf('BadRequest', 'PATCH with apply requires a fieldManager'));
        const checked = checkApplyBody(o.fieldValidation, resolved, body, req.headers['content-type']);
        setWarnings(res, checked.warnings);
        const existed = exists(ctx, target);
        const applied = await api.apply(target, checked.body, rctx, { force: o.force });
        sendJson(res, existed ? 200 : 201, applied);
        return;
      }
      const current = currentOf((t) => api.get(t), target);
      const checked = checkPatchBody(o.fieldValidation, resolved, current, kind.patchType, body, req.headers['content-type']);
      setWarnings(res, checked.warnings);
      sendJson(res, 200, await api.patch(target, kind.patchType, checked.body, rctx));
      return;
    }
    case 'DELETE': {
      if (target.subresource !== undefined) throw methodNotAllowed('the server does not allow this method on the requested resource');
      const raw = await readBody(req, ctx.bodyLimit);
      const opts = deleteOptions(q, raw.length === 0 ? {} : decodeBody(raw, req.headers['content-type']));
      const { dryRun, ...options } = opts;
      const rctx = requestContext(ctx, caller, undefined, dryRun);
      if (target.name === undefined) {
        const lo = listOptions(q);
        const deleted = await api.deleteCollection(
          target,
          {
            ...(lo.labelSelector === undefined ? {} : { labelSelector: lo.labelSelector }),
            ...(lo.fieldSelector === undefined ? {} : { fieldSelector: lo.fieldSelector }),
          },
          rctx,
          options,
        );
        const apiVersion = resolved.info.group === '' ? resolved.info.version : `${resolved.info.group}/${resolved.info.version}`;
        sendJson(res, 200, { apiVersion, kind: resolved.info.listKind, metadata: {}, items: deleted });
        return;
      }
      const outcome = await api.delete(target, rctx, options);
      if (!outcome.removed || RETURNS_DELETED_OBJECT.has(`${resolved.info.group}/${resolved.info.plural}`)) {
        sendJson(res, 200, outcome.object);
        return;
      }
      sendJson(res, 200, successStatus(deletedDetails(resolved, outcome.object)));
      return;
    }
    default:
      throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
}

function requireName(target: Target, method: string): void {
  if (target.name === undefined) throw methodNotAllowed(`${method} is not allowed on a collection`);
}

function exists(ctx: HttpContext, target: Target): boolean {
  try {
    const { subresource: _sub, ...object } = target;
    ctx.api.get(object);
    return true;
  } catch {
    return false;
  }
}

function deletedDetails(resolved: ResolvedTarget, obj: KubeObject): { name: string; group: string; kind: string; uid?: string } {
  return {
    name: obj.metadata.name ?? '',
    group: resolved.info.group,
    kind: resolved.info.plural,
    ...(obj.metadata.uid === undefined ? {} : { uid: obj.metadata.uid }),
  };
}
