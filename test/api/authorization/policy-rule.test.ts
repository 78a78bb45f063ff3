import { describe, expect, it } from 'vitest';
import type { PolicyRule, RequestAttributes } from '../../../src/api/authorization/policy-rule.js';
import { policyRuleOf, ruleAllows } from '../../../src/api/authorization/policy-rule.js';

const res = (verb: string, group: string, resource: string, extra: Partial<{ subresource: string; namespace: string; name: string }> = {}): RequestAttributes => ({
  kind: 'resource',
  verb,
  group,
  resource,
  namespace: extra.namespace ?? 'default',
  name: extra.name ?? '',
  ...(extra.subresource === undefined ? {} : { subresource: extra.subresource }),
});
const path = (verb: string, p: string): RequestAttributes => ({ kind: 'nonResource', verb, path: p });

describe('ruleAllows (Kubernetes 1.32 rule matching)', () => {
  const cases: readonly [string, PolicyRule, RequestAttributes, boolean][] = [
    ['exact verb, group, resource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('get', '', 'pods'), true],
    ['other verb', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, res('list', '', 'pods'), false],
    ['other group', { verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }, res('get', '', 'pods'), false],
    ['wildcard verb', { verbs: ['*'], apiGroups: [''], resources: ['pods'] }, res('deletecollection', '', 'pods'), true],
    ['wildcard group', { verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }, res('get', 'apps', 'deployments'), true],
    ['wildcard resource covers subresources', { verbs: ['update'], apiGroups: [''], resources: ['*'] }, res('update', '', 'pods', { subresource: 'status' }), true],
    ['resource does not cover its subresource', { verbs: ['update'], apiGroups: [''], resources: ['pods'] }, res('update', '', 'pods', { subresource: 'status' }), false],
    ['subresource rule', { verbs: ['update'], apiGroups: [''], resources: ['pods/status'] }, res('update', '', 'pods', { subresource: 'status' }), true],
    ['subresource rule does not cover the resource', { verbs: ['update'], apiGroups: [''], resources: ['pods/status'] }, res('update', '', 'pods'), false],
    ['*/scale covers any scale', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, res('get', 'apps', 'deployments', { subresource: 'scale' }), true],
    ['*/scale does not cover status', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, res('get', 'apps', 'deployments', { subresource: 'status' }), false],
    ['*/scale does not cover the resource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, res('get', 'apps', 'deployments'), false],
    ['resourceNames match', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('get', '', 'configmaps', { name: 'a' }), true],
    ['resourceNames mismatch', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('get', '', 'configmaps', { name: 'b' }), false],
    ['resourceNames never cover an unnamed request', { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, res('list', '', 'configmaps'), false],
    ['no apiGroups matches nothing', { verbs: ['get'], resources: ['pods'] }, res('get', '', 'pods'), false],
    ['resource rule never grants a path', { verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, path('get', '/version'), false],
    ['exact URL', { verbs: ['get'], nonResourceURLs: ['/version'] }, path('get', '/version'), true],
    ['URL prefix wildcard', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, path('get', '/apis/apps/v1'), true],
    ['URL prefix needs the slash', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, path('get', '/apis'), false],
    ['URL wildcard', { verbs: ['*'], nonResourceURLs: ['*'] }, path('post', '/anything'), true],
    ['URL rule never grants a resource', { verbs: ['*'], nonResourceURLs: ['*'] }, res('get', '', 'pods'), false],
  ];
  for (const [title, rule, req, want] of cases) {
    it(title, () => expect(ruleAllows(rule, req)).toBe(want));
  }
});

describe('policyRuleOf', () => {
  it('keeps string lists and drops a rule without verbs', () => {
    expect(policyRuleOf({ verbs: ['get', 3], apiGroups: [''], resources: ['pods'] })).toEqual({ verbs: ['get'], apiGroups: [''], resources: ['pods'] });
    expect(policyRuleOf({ apiGroups: [''] })).toBeUndefined();
    expect(policyRuleOf('x')).toBeUndefined();
  });
});
