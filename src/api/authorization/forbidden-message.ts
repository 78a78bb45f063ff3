/**
 * The 403 a denied request gets, worded exactly as kube-apiserver words it
 * (responsewriters.Forbidden and apierrors.NewForbidden):
 *
 *   pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"
 *   nodes "n1" is forbidden: User "bob" cannot get resource "nodes" in API group "" at the cluster scope
 *   forbidden: User "carol" cannot get path "/apis"
 *
 * followed by `: REASON` when the authorizer gave one (RBAC's missing-role
 * errors).
 */
import type { StatusError } from '../../model/index.js';
import { qualifiedResource, statusOf, StatusError as StatusErrorClass } from '../../model/index.js';
import type { RequestAttributes } from './policy-rule.js';

export function forbiddenMessage(user: string, req: RequestAttributes): string {
  if (req.kind === 'nonResource') return `User ${JSON.stringify(user)} cannot ${req.verb} path ${JSON.stringify(req.path)}`;
  const resource = req.subresource === undefined || req.subresource === '' ? req.resource : `${req.resource}/${req.subresource}`;
  const base = `User ${JSON.stringify(user)} cannot ${req.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(req.group)}`;
  return req.namespace === '' ? `${base} at the cluster scope` : `${base} in the namespace ${JSON.stringify(req.namespace)}`;
}

/** The thrown 403 for `user` denied `req`, with `reason` appended when there is one. */
export function forbiddenError(user: string, req: RequestAttributes, reason = ''): StatusError {
  const msg = forbiddenMessage(user, req) + (reason === '' ? '' : `: ${reason}`);
  if (req.kind === 'nonResource') return new StatusErrorClass(statusOf('Forbidden', `forbidden: ${msg}`, {}));
  const gr = qualifiedResource({ group: req.group, resource: req.resource });
  const message = req.name === '' ? `${gr} is forbidden: ${msg}` : `${gr} ${JSON.stringify(req.name)} is forbidden: ${msg}`;
  return new StatusErrorClass(statusOf('Forbidden', message, { ...(req.name === '' ? {} : { name: req.name }), group: req.group, kind: req.resource }));
}
