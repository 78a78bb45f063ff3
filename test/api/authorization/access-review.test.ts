import { describe, expect, it } from 'vitest';
import { answerReview } from '../../../src/api/authorization/access-review.js';
import { userOf } from '../../../src/api/authorization/user-info.js';
import { asStatus } from '../../../src/model/index.js';
import { binding, rbacHarness, userSubject } from './rbac-harness.js';

const ssar = (resourceAttributes: Record<string, string>) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } });
const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return asStatus(e);
  }
  throw new Error('expected a refusal');
};

describe('answerReview', () => {
  it('SelfSubjectAccessReview answers for the requester, resource and non-resource', async () => {
    const h = await rbacHarness();
    await h.grant(binding('default', 'alice-view', 'ClusterRole', 'view', [userSubject('alice')]));
    const alice = userOf('user:alice');
    const yes = answerReview('SelfSubjectAccessReview', ssar({ verb: 'list', resource: 'pods', namespace: 'default' }), alice, h.rbac);
    expect(yes).toMatchObject({ kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', status: { allowed: true } });
    expect(answerReview('SelfSubjectAccessReview', ssar({ verb: 'create', resource: 'pods', namespace: 'default' }), alice, h.rbac).status).toEqual({ allowed: false });
    expect(answerReview('SelfSubjectAccessReview', ssar({ verb: 'list', resource: 'pods', namespace: 'kube-system' }), alice, h.rbac).status).toEqual({ allowed: false });
    const nonRes = { spec: { nonResourceAttributes: { verb: 'get', path: '/apis' } } };
    expect(answerReview('SelfSubjectAccessReview', nonRes, alice, h.rbac).status).toEqual({ allowed: true });
  });

  it('refuses a spec with both or neither attribute kinds (422)', () => {
    const u = userOf('user:alice');
    expect(thrown(() => answerReview('SelfSubjectAccessReview', { spec: {} }, u, undefined))).toMatchObject({ code: 422, reason: 'Invalid' });
    const both = { spec: { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { verb: 'get', path: '/' } } };
    expect(thrown(() => answerReview('SelfSubjectAccessReview', both, u, undefined))?.message).toContain('cannot be specified in combination with resourceAttributes');
  });

  it('SubjectAccessReview and LocalSubjectAccessReview answer for the named subject', async () => {
    const h = await rbacHarness();
    await h.grant(binding('default', 'bob-edit', 'ClusterRole', 'edit', [userSubject('bob')]));
    const asker = userOf('user:scenario');
    const sar = { spec: { user: 'bob', resourceAttributes: { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'default' } } };
    expect(answerReview('SubjectAccessReview', sar, asker, h.rbac).status).toEqual({ allowed: true });
    expect(answerReview('SubjectAccessReview', { spec: { groups: ['system:masters'], resourceAttributes: { verb: 'delete', resource: 'nodes' } } }, asker, h.rbac).status).toEqual({ allowed: true });
    expect(thrown(() => answerReview('SubjectAccessReview', { spec: { resourceAttributes: { verb: 'get' } } }, asker, h.rbac))?.message).toContain('at least one of user or group must be specified');
    const lsar = { metadata: { namespace: 'default' }, spec: { user: 'bob', resourceAttributes: { verb: 'update', resource: 'secrets' } } };
    const local = answerReview('LocalSubjectAccessReview', lsar, asker, h.rbac, 'default');
    expect(local).toMatchObject({ metadata: { namespace: 'default' }, spec: { resourceAttributes: { namespace: 'default' } }, status: { allowed: true } });
    expect(thrown(() => answerReview('LocalSubjectAccessReview', { spec: { user: 'bob', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'other' } } }, asker, h.rbac, 'default'))).toMatchObject({
      code: 400,
      message: 'spec.resourceAttributes.namespace must match namespace: default',
    });
  });

  it('SelfSubjectRulesReview lists the rules; SelfSubjectReview says who is asking', async () => {
    const h = await rbacHarness();
    const alice = userOf('user:alice');
    const rules = answerReview('SelfSubjectRulesReview', { spec: { namespace: 'default' } }, alice, h.rbac);
    const status = rules.status as { resourceRules: { resources?: string[] }[]; nonResourceRules: { nonResourceURLs: string[] }[]; incomplete: boolean };
    expect(status.incomplete).toBe(false);
    expect(status.resourceRules.some((r) => r.resources?.includes('selfsubjectaccessreviews'))).toBe(true);
    expect(status.nonResourceRules.some((r) => r.nonResourceURLs.includes('/version'))).toBe(true);
    expect(thrown(() => answerReview('SelfSubjectRulesReview', { spec: {} }, alice, h.rbac))).toMatchObject({ code: 400, message: 'no namespace on request' });
    expect(answerReview('SelfSubjectReview', {}, alice, h.rbac).status).toEqual({ userInfo: { username: 'alice', groups: ['system:authenticated'] } });
  });
});
