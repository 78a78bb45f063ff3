/**
 * Impersonation (`kubectl --as`, `--as-group`), as kube-apiserver's
 * impersonation filter does it: the authenticated user must be allowed the
 * `impersonate` verb on `users` (or `serviceaccounts` in the account's
 * namespace, for `system:serviceaccount:NS:NAME`) and on `groups`, all in the
 * core group; otherwise 403 naming what it may not impersonate. The request
 * then runs as the impersonated user, whose groups are the requested ones
 * plus a ServiceAccount's own groups and `system:authenticated`.
 *
 * Groups other than those chronokube derives from the name itself can only
 * be honoured where the HTTP front evaluates the user directly (access
 * reviews): a write is recorded with an actor (`client:NAME`), and an actor
 * names a user, not a set of groups. Elsewhere such a request gets 400.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestAttributes, UserInfo } from '../api/index.js';
import { userNamed } from '../api/index.js';
import { badRequest } from '../model/index.js';

const SA_PREFIX = 'system:serviceaccount:';

export interface Impersonation {
  /** Who the request runs as. */
  readonly user: UserInfo;
  /** Whether it asked for groups an actor cannot carry (only reviews may use it). */
  readonly extraGroups: boolean;
}

function headerValues(req: IncomingMessage, name: string): string[] {
  const v = req.headers[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

/** What impersonating `name` asks the authorizer. */
function userAttributes(name: string): RequestAttributes {
  if (name.startsWith(SA_PREFIX)) {
    const [namespace = '', sa = ''] = name.slice(SA_PREFIX.length).split(':');
    return { kind: 'resource', verb: 'impersonate', group: '', resource: 'serviceaccounts', namespace, name: sa };
  }
  return { kind: 'resource', verb: 'impersonate', group: '', resource: 'users', namespace: '', name };
}

/**
 * The user a request runs as: `authenticated` itself, or whom its
 * Impersonate-* headers name once `check` allowed each (check throws 403).
 */
export function impersonation(req: IncomingMessage, authenticated: UserInfo, check: (user: UserInfo, attrs: RequestAttributes) => void): Impersonation {
  const users = headerValues(req, 'impersonate-user');
  const groups = headerValues(req, 'impersonate-group');
  const others = Object.keys(req.headers).filter((h) => h === 'impersonate-uid' || h.startsWith('impersonate-extra-'));
  if (users.length === 0) {
    if (groups.length > 0 || others.length > 0) throw badRequest(`requested impersonation of groups or extra fields without impersonating a user`);
    return { user: authenticated, extraGroups: false };
  }
  const name = users[0] ?? '';
  check(authenticated, userAttributes(name));
  for (const g of groups) check(authenticated, { kind: 'resource', verb: 'impersonate', group: '', resource: 'groups', namespace: '', name: g });
  const derived = userNamed(name);
  const extraGroups = groups.some((g) => !derived.groups.includes(g));
  const user = groups.length === 0 ? derived : userNamed(name, groups);
  return { user, extraGroups };
}
