/**
 * The access and identity reviews of `authorization.k8s.io/v1` and
 * `authentication.k8s.io/v1`, answered as kube-apiserver answers them: the
 * request body comes back with its `status` filled, nothing is stored.
 *
 * - SelfSubjectAccessReview: may the requester do this? (`kubectl auth can-i`)
 * - SubjectAccessReview: may `spec.user` / `spec.groups` do this?
 * - LocalSubjectAccessReview: the same, confined to the path's namespace.
 * - SelfSubjectRulesReview: the requester's rules in `spec.namespace` (`kubectl auth can-i --list`).
 * - SelfSubjectReview: who the requester is (`kubectl auth whoami`).
 *
 * Without an RBAC authorizer (a library API) everything is allowed, as the
 * API itself allows it.
 *
 * @example
 * answerReview('SelfSubjectAccessReview', { spec: { resourceAttributes: { verb: 'create', resource: 'pods', namespace: 'default' } } }, user, rbac)
 * // { ..., status: { allowed: false } }
 */
import type { KubeObject } from '../../model/index.js';
import { assertNever, badRequest, invalid } from '../../model/index.js';
import type { RequestAttributes } from './policy-rule.js';
import type { Decision, UserRules } from './rbac-authorizer.js';
import type { UserInfo } from './user-info.js';

export const REVIEW_KINDS = ['SelfSubjectAccessReview', 'SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectRulesReview', 'SelfSubjectReview'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** What answering needs from the authorizer (an `RbacAuthorizer`), or undefined for allow-all. */
export interface Reviewer {
  decide(user: UserInfo, req: RequestAttributes): Decision;
  rulesFor(user: UserInfo, namespace: string): UserRules;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

const GROUP_OF: Readonly<Record<ReviewKind, string>> = {
  SelfSubjectAccessReview: 'authorization.k8s.io',
  SubjectAccessReview: 'authorization.k8s.io',
  LocalSubjectAccessReview: 'authorization.k8s.io',
  SelfSubjectRulesReview: 'authorization.k8s.io',
  SelfSubjectReview: 'authentication.k8s.io',
};

export function isReviewKind(kind: string): kind is ReviewKind {
  return (REVIEW_KINDS as readonly string[]).includes(kind);
}

/** The attributes a review's spec asks about; 422 unless exactly one of resourceAttributes and nonResourceAttributes is given. */
function attributesOf(kind: ReviewKind, spec: Json): RequestAttributes {
  const ra = spec.resourceAttributes;
  const na = spec.nonResourceAttributes;
  if (ra !== undefined && na !== undefined) {
    throw invalid(kind, GROUP_OF[kind], '', [{ reason: 'FieldValueInvalid', field: 'spec.nonResourceAttributes', message: `Invalid value: ${JSON.stringify(na)}: cannot be specified in combination with resourceAttributes` }]);
  }
  if (ra === undefined && na === undefined) {
    throw invalid(kind, GROUP_OF[kind], '', [{ reason: 'FieldValueInvalid', field: 'spec.resourceAttributes', message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified' }]);
  }
  if (na !== undefined) return { kind: 'nonResource', verb: str(obj(na).verb), path: str(obj(na).path) };
  const r = obj(ra);
  const sub = str(r.subresource);
  return { kind: 'resource', verb: str(r.verb), group: str(r.group), resource: str(r.resource), ...(sub === '' ? {} : { subresource: sub }), namespace: str(r.namespace), name: str(r.name) };
}

function accessStatus(d: Decision): Json {
  return { allowed: d.allowed, ...(d.reason === '' ? {} : { reason: d.reason }) };
}

const ALLOW_ALL: Reviewer = {
  decide: () => ({ allowed: true, reason: '' }),
  rulesFor: () => ({ rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false }),
};

/**
 * Answers a review posted by `requester` (the authenticated, possibly
 * impersonated, user); `namespace` is the path's, for LocalSubjectAccessReview.
 */
export function answerReview(kind: ReviewKind, body: unknown, requester: UserInfo, reviewer: Reviewer | undefined, namespace = ''): KubeObject {
  const b = obj(body);
  const spec = obj(b.spec);
  const r = reviewer ?? ALLOW_ALL;
  const out = (status: Json, specOut: Json = spec, meta: Json = obj(b.metadata)): KubeObject => ({
    kind,
    apiVersion: `${GROUP_OF[kind]}/v1`,
    metadata: meta as KubeObject['metadata'],
    spec: specOut,
    status,
  });
  switch (kind) {
    case 'SelfSubjectAccessReview':
      return out(accessStatus(r.decide(requester, attributesOf(kind, spec))));
    case 'SubjectAccessReview': {
      const user = str(spec.user);
      const groups = strings(spec.groups);
      if (user === '' && groups.length === 0) {
        throw invalid(kind, GROUP_OF[kind], '', [{ reason: 'FieldValueInvalid', field: 'spec.user', message: 'Invalid value: "": at least one of user or group must be specified' }]);
      }
      return out(accessStatus(r.decide({ name: user, groups }, attributesOf(kind, spec))));
    }
    case 'LocalSubjectAccessReview': {
      const meta = obj(b.metadata);
      const metaNs = str(meta.namespace) === '' ? namespace : str(meta.namespace);
      const ra = obj(spec.resourceAttributes);
      const raNs = str(ra.namespace) === '' ? metaNs : str(ra.namespace);
      if (namespace === '') throw badRequest('namespace is required on this type: ');
      if (metaNs !== namespace || raNs !== namespace) throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`);
      if (spec.nonResourceAttributes !== undefined) {
        throw invalid(kind, GROUP_OF[kind], '', [{ reason: 'FieldValueInvalid', field: 'spec.nonResourceAttributes', message: `Invalid value: ${JSON.stringify(spec.nonResourceAttributes)}: disallowed on this kind of request` }]);
      }
      const user = str(spec.user);
      const groups = strings(spec.groups);
      const specOut = { ...spec, resourceAttributes: { ...ra, namespace } };
      return out(accessStatus(r.decide({ name: user, groups }, attributesOf(kind, specOut))), specOut, { ...meta, namespace });
    }
    case 'SelfSubjectRulesReview': {
      const ns = str(spec.namespace);
      if (ns === '') throw badRequest('no namespace on request');
      const rules = r.rulesFor(requester, ns);
      return out({
        resourceRules: rules.rules
          .filter((p) => p.nonResourceURLs === undefined || p.nonResourceURLs.length === 0)
          .map((p) => ({ verbs: [...p.verbs], ...(p.apiGroups === undefined ? {} : { apiGroups: [...p.apiGroups] }), ...(p.resources === undefined ? {} : { resources: [...p.resources] }), ...(p.resourceNames === undefined ? {} : { resourceNames: [...p.resourceNames] }) })),
        nonResourceRules: rules.rules.filter((p) => (p.nonResourceURLs ?? []).length > 0).map((p) => ({ verbs: [...p.verbs], nonResourceURLs: [...(p.nonResourceURLs ?? [])] })),
        incomplete: rules.incomplete,
        ...(rules.evaluationError === undefined ? {} : { evaluationError: rules.evaluationError }),
      });
    }
    case 'SelfSubjectReview':
      return { kind, apiVersion: `${GROUP_OF[kind]}/v1`, metadata: obj(b.metadata) as KubeObject['metadata'], status: { userInfo: { username: requester.name, groups: [...requester.groups] } } };
    default:
      return assertNever(kind, 'review kind');
  }
}
