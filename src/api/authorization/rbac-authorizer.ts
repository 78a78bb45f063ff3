/**
 * kube-apiserver's authorizer chain with `--authorization-mode=Node,RBAC`,
 * over the RBAC objects in the store at head:
 *
 * 1. members of `system:masters` may do anything (the privileged-group
 *    authorizer that precedes every mode);
 * 2. a kubelet (`system:node:N` in `system:nodes`) gets the `system:node`
 *    rules — an approximation of the Node authorizer, which would further
 *    narrow them to the objects related to that node;
 * 3. RBAC: any rule of a role bound to the user, one of its groups or its
 *    ServiceAccount (cluster-wide, or in the request's namespace) allows.
 *
 * A denial throws Kubernetes' 403 (forbidden-message.ts). Fast by design:
 * the index is rebuilt only when a write since the last request touched an
 * RBAC object (found by reading those writes' keys, about one comparison
 * per write), and decisions are cached per user and request until then.
 *
 * @example
 * const authorizer = rbacAuthorizer(store);
 * const api = createApi({ log, store, clock, ids, authorizer });
 * authorizer.decide(userOf('user:alice'), { kind: 'resource', verb: 'list', group: '', resource: 'pods', namespace: 'default', name: '' });
 */
import type { RequestContext } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import type { AuthorizationRequest, Authorizer } from './authorizer.js';
import { NODE_RULES } from './cluster-roles.js';
import { forbiddenError } from './forbidden-message.js';
import type { PolicyRule, RequestAttributes } from './policy-rule.js';
import { ruleAllows } from './policy-rule.js';
import { RbacIndex } from './rbac-index.js';
import type { UserInfo, UserOfOptions } from './user-info.js';
import { MASTERS, NODE_PREFIX, NODES, userOf as defaultUserOf } from './user-info.js';

export interface Decision {
  readonly allowed: boolean;
  /** Why not (RBAC's missing-role errors), or '' — appended to the 403 message as Kubernetes does. */
  readonly reason: string;
}

/** The rules a user has in a namespace, as a SelfSubjectRulesReview reports them. */
export interface UserRules {
  readonly rules: readonly PolicyRule[];
  readonly incomplete: boolean;
  readonly evaluationError?: string;
}

export interface RbacAuthorizerOptions extends UserOfOptions {
  /** Maps an actor to a user (default `userOf` with the given masters). */
  readonly userOf?: (actor: string) => UserInfo;
}

/** An `Authorizer` for the API, plus the questions access reviews and the HTTP front ask. */
export interface RbacAuthorizer extends Authorizer {
  readonly rbac: true;
  userOf(actor: string): UserInfo;
  decide(user: UserInfo, req: RequestAttributes): Decision;
  /** Throws the 403 unless `user` may make `req`. */
  check(user: UserInfo, req: RequestAttributes): void;
  rulesFor(user: UserInfo, namespace: string): UserRules;
  /** A ClusterRole's effective rules (aggregation applied); [] when it does not exist. */
  clusterRoleRules(name: string): readonly PolicyRule[];
}

/** True for an authorizer built by `rbacAuthorizer` (so the HTTP front can ask it about paths and reviews). */
export function isRbacAuthorizer(a: unknown): a is RbacAuthorizer {
  return typeof a === 'function' && (a as { rbac?: unknown }).rbac === true;
}

const RBAC_KEY_PREFIX = 'rbac.authorization.k8s.io/';
const MAX_CACHED = 50_000;
const ALLOWED: Decision = Object.freeze({ allowed: true, reason: '' });

type StoreLike = Pick<Store, 'rev' | 'compactedRev' | 'head' | 'write'>;

export function resourceAttributes(req: AuthorizationRequest): RequestAttributes {
  return { kind: 'resource', ...req };
}

export function rbacAuthorizer(store: StoreLike, opts: RbacAuthorizerOptions = {}): RbacAuthorizer {
  const toUser = opts.userOf ?? ((actor: string) => defaultUserOf(actor, opts));
  let index: RbacIndex | undefined;
  let checkedRev = -1;
  let cachedDecisions = 0;
  const users = new Map<string, UserInfo>();

  const current = (): RbacIndex => {
    const rev = store.rev;
    if (index !== undefined && rev !== checkedRev) {
      let stale = checkedRev < store.compactedRev || rev < checkedRev;
      for (let r = checkedRev + 1; !stale && r <= rev; r++) {
        const w = store.write(r);
        stale = w === undefined || w.key.startsWith(RBAC_KEY_PREFIX);
      }
      if (stale) index = undefined;
    }
    checkedRev = rev;
    if (index === undefined) {
      index = new RbacIndex(store.head());
      perUser.clear();
      cachedDecisions = 0;
    }
    return index;
  };

  const evaluate = (idx: RbacIndex, user: UserInfo, req: RequestAttributes): Decision => {
    if (user.groups.includes(NODES) && user.name.startsWith(NODE_PREFIX) && NODE_RULES.some((r) => ruleAllows(r, req))) return { allowed: true, reason: '' };
    let allowed = false;
    const errors: string[] = [];
    idx.visitRules(user, req.kind === 'resource' ? req.namespace : '', (rule, error) => {
      if (error !== undefined) errors.push(error);
      else if (rule !== undefined && ruleAllows(rule, req)) allowed = true;
      return !allowed;
    });
    if (allowed) return { allowed, reason: '' };
    const reason = errors.length === 0 ? '' : `RBAC: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`;
    return { allowed, reason };
  };

  /** Per user (name and groups): whether names matter to its rules, and its cached decisions. */
  const perUser = new Map<string, { names: boolean; decisions: Map<string, Decision> }>();
  const userKeys = new WeakMap<UserInfo, string>();
  const keyOfUser = (user: UserInfo): string => {
    let k = userKeys.get(user);
    if (k === undefined) {
      k = `${user.name}\u0000${user.groups.join('\u0000')}`;
      userKeys.set(user, k);
    }
    return k;
  };

  const decide = (user: UserInfo, req: RequestAttributes): Decision => {
    // The privileged group never needs the index (and the bootstrap policy's own writes stay linear).
    if (user.groups.includes(MASTERS)) return ALLOWED;
    const idx = current();
    const uk = keyOfUser(user);
    let entry = perUser.get(uk);
    if (entry === undefined) {
      if (cachedDecisions >= MAX_CACHED) {
        perUser.clear();
        cachedDecisions = 0;
      }
      entry = { names: idx.usesResourceNames(user), decisions: new Map() };
      perUser.set(uk, entry);
    }
    const key =
      req.kind === 'resource'
        ? `r\u0000${req.verb}\u0000${req.group}\u0000${req.resource}\u0000${req.subresource ?? ''}\u0000${req.namespace}${entry.names ? `\u0000${req.name}` : ''}`
        : `n\u0000${req.verb}\u0000${req.path}`;
    const cached = entry.decisions.get(key);
    if (cached !== undefined) return cached;
    const d = evaluate(idx, user, req);
    if (cachedDecisions >= MAX_CACHED) {
      entry.decisions.clear();
      cachedDecisions = 0;
    }
    entry.decisions.set(key, d);
    cachedDecisions++;
    return d;
  };

  const userOf = (actor: string): UserInfo => {
    let u = users.get(actor);
    if (u === undefined) {
      u = toUser(actor);
      users.set(actor, u);
    }
    return u;
  };

  const check = (user: UserInfo, req: RequestAttributes): void => {
    const d = decide(user, req);
    if (!d.allowed) throw forbiddenError(user.name, req, d.reason);
  };

  const rulesFor = (user: UserInfo, namespace: string): UserRules => {
    if (user.groups.includes(MASTERS)) return { rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false };
    const rules: PolicyRule[] = user.groups.includes(NODES) && user.name.startsWith(NODE_PREFIX) ? [...NODE_RULES] : [];
    const errors: string[] = [];
    current().visitRules(user, namespace, (rule, error) => {
      if (error !== undefined) errors.push(error);
      else if (rule !== undefined) rules.push(rule);
      return true;
    });
    return { rules, incomplete: errors.length > 0, ...(errors.length === 0 ? {} : { evaluationError: errors.join(', ') }) };
  };

  const authorize = (ctx: RequestContext, req: AuthorizationRequest): void => check(userOf(ctx.actor), resourceAttributes(req));
  const clusterRoleRules = (name: string): readonly PolicyRule[] => current().clusterRoleRules(name) ?? [];
  return Object.assign(authorize, { rbac: true as const, userOf, decide, check, rulesFor, clusterRoleRules });
}
