/**
 * POST of an access or identity review (`kubectl auth can-i`, `kubectl auth
 * whoami`): authorized like any create (everyone authenticated may create
 * the self reviews, through `system:basic-user`), answered from the
 * authorizer for the caller as authenticated or impersonated, 201 Created,
 * nothing written to the history.
 */
import type { ServerResponse } from 'node:http';
import type { ResolvedTarget } from '../api/index.js';
import { answerReview, isRbacAuthorizer, isReviewKind } from '../api/index.js';
import type { RequestContext } from '../model/index.js';
import { badRequest } from '../model/index.js';
import type { StatusError } from '../model/index.js';
import type { Caller, HttpContext } from './http-context.js';
import { sendJson } from './status-response.js';

const REVIEW_GROUPS = new Set(['authorization.k8s.io', 'authentication.k8s.io']);

export function isReview(t: ResolvedTarget): boolean {
  return REVIEW_GROUPS.has(t.info.group) && isReviewKind(t.info.kind) && t.subresource === undefined;
}

/** The 400 for impersonated groups outside access reviews (see impersonation.ts). */
export function impersonatedGroups(): StatusError {
  return badRequest('impersonating groups other than the user\'s own is supported only for access and identity reviews');
}

export function handleReview(ctx: HttpContext, caller: Caller, res: ServerResponse, t: ResolvedTarget, body: unknown, rctx: RequestContext): void {
  const kind = t.info.kind;
  if (!isReviewKind(kind)) throw badRequest(`${kind} is not a review`);
  // The caller needs `create` on the review resource itself; with impersonated groups, they decide.
  const authz = ctx.api.deps.authorize;
  if (caller.extraGroups && isRbacAuthorizer(authz)) {
    authz.check(caller.identity, { kind: 'resource', verb: 'create', group: t.info.group, resource: t.info.plural, namespace: t.namespace, name: '' });
  } else {
    ctx.api.authorize(rctx, 'create', t);
  }
  const answer = answerReview(kind, body, caller.identity, isRbacAuthorizer(authz) ? authz : undefined, t.namespace);
  sendJson(res, 201, answer);
}
