/**
 * The authorization hook every request passes before the API acts on it,
 * as kube-apiserver's authorizer chain: who (the actor, mapped to a user
 * and groups by the authorizer), what verb, on which resource, subresource,
 * namespace and name. The default allows everything (an API built as a
 * library for tests and offline tools); RBAC plugs in here.
 *
 * A denial is a thrown 403 Forbidden `Status`: nothing is written, and a
 * controller's denied command is recorded as an attempt by the controller
 * manager like any other refusal.
 */
import type { RequestContext } from '../../model/index.js';

/** Kubernetes' request verbs (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`). */
export type RequestVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface AuthorizationRequest {
  readonly verb: RequestVerb;
  /** The API group ('' for core). */
  readonly group: string;
  /** The plural resource name (`pods`). */
  readonly resource: string;
  readonly subresource?: string;
  /** '' for cluster-scoped resources and cluster-wide requests. */
  readonly namespace: string;
  /** '' for requests that name no object (list, watch, create without a name). */
  readonly name: string;
}

/** Throws a 403 Forbidden Status when `ctx`'s actor may not make `req`. */
export type Authorizer = (ctx: RequestContext, req: AuthorizationRequest) => void;

export const allowAll: Authorizer = () => undefined;
