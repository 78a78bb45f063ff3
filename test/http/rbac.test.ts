import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, tokenAuthenticator } from '../../src/http/index.js';
import type { RbacHarness } from '../api/authorization/rbac-harness.js';
import { binding, rbacHarness, role, userSubject } from '../api/authorization/rbac-harness.js';
import { call } from './harness.js';

const ADMIN = { authorization: 'Bearer admin-token' };
const ALICE = { authorization: 'Bearer alice-token' };
const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const ssar = (verb: string, resource: string, namespace = 'default') => ({
  apiVersion: 'authorization.k8s.io/v1',
  kind: 'SelfSubjectAccessReview',
  spec: { resourceAttributes: { verb, resource, namespace } },
});

describe('the HTTP front with RBAC', () => {
  let h: RbacHarness;
  let base = '';
  let close: () => Promise<void>;
  beforeAll(async () => {
    h = await rbacHarness();
    await h.grant(
      role('default', 'cm-writer', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get'] }]),
      binding('default', 'alice-cm', 'Role', 'cm-writer', [userSubject('alice')]),
    );
    const server = createHttpServer({ api: h.api, authenticate: tokenAuthenticator({ 'admin-token': 'admin', 'alice-token': 'alice' }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  });
  afterAll(() => close());

  it('authorizes reads: a list alice may not make is a 403 Status with Kubernetes\' message', async () => {
    const a = await call(base, '/api/v1/namespaces/default/pods', { headers: ALICE });
    expect(a.code).toBe(403);
    expect(a.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      message: 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"',
      details: { kind: 'pods' },
    });
    expect((await call(base, '/api/v1/namespaces/default/pods?watch=true', { headers: ALICE })).code).toBe(403);
    expect((await call(base, '/api/v1/namespaces/default/pods', { headers: ADMIN })).code).toBe(200);
  });

  it('authorizes writes and records them as the client; discovery is open to the authenticated, other paths are not', async () => {
    const created = await call(base, '/api/v1/namespaces/default/configmaps', { method: 'POST', headers: ALICE, json: { metadata: { name: 'from-alice' } } });
    expect(created.code).toBe(201);
    expect(h.store.writes({ key: 'core/configmaps/default/from-alice' })[0]?.actor).toBe('client:alice');
    const denied = await call(base, '/api/v1/namespaces/default/pods', { method: 'POST', headers: ALICE, json: POD });
    expect(denied.code).toBe(403);
    expect((await call(base, '/apis', { headers: ALICE })).code).toBe(200);
    expect((await call(base, '/version')).code).toBe(200);
    const metrics = await call(base, '/metrics', { headers: ALICE });
    expect(metrics.code).toBe(403);
    expect(metrics.body.message).toBe('forbidden: User "alice" cannot get path "/metrics"');
    expect((await call(base, '/metrics', { headers: ADMIN })).code).toBe(404);
  });

  it('answers SelfSubjectAccessReviews for the caller, 201 and nothing written', async () => {
    const rev = h.store.rev;
    const no = await call(base, SSAR, { method: 'POST', headers: ALICE, json: ssar('create', 'pods') });
    expect(no.code).toBe(201);
    expect(no.body).toMatchObject({ kind: 'SelfSubjectAccessReview', status: { allowed: false } });
    const yes = await call(base, SSAR, { method: 'POST', headers: ALICE, json: ssar('create', 'configmaps') });
    expect(yes.body).toMatchObject({ status: { allowed: true } });
    expect(h.store.rev).toBe(rev);
    const who = await call(base, '/apis/authentication.k8s.io/v1/selfsubjectreviews', { method: 'POST', headers: ALICE, json: {} });
    expect(who.body).toMatchObject({ status: { userInfo: { username: 'alice', groups: ['system:authenticated'] } } });
  });

  it('impersonation needs the impersonate verb and then runs as the impersonated user', async () => {
    const asAlice = { ...ADMIN, 'impersonate-user': 'alice' };
    expect((await call(base, '/api/v1/namespaces/default/pods', { headers: asAlice })).code).toBe(403);
    const review = await call(base, SSAR, { method: 'POST', headers: asAlice, json: ssar('get', 'configmaps') });
    expect(review.body).toMatchObject({ status: { allowed: true } });
    const bob = await call(base, '/api/v1/namespaces/default/configmaps', { headers: { ...ALICE, 'impersonate-user': 'bob' } });
    expect(bob.code).toBe(403);
    expect(bob.body.message).toBe('users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope');
    const sa = await call(base, '/api/v1/namespaces/default/configmaps', { headers: { ...ALICE, 'impersonate-user': 'system:serviceaccount:default:builder' } });
    expect(sa.body.message).toBe(
      'serviceaccounts "builder" is forbidden: User "alice" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "default"',
    );
  });

  it('impersonated groups count in access reviews and are refused elsewhere', async () => {
    const asDevs = { ...ADMIN, 'impersonate-user': 'carol', 'impersonate-group': 'system:masters' };
    const review = await call(base, SSAR, { method: 'POST', headers: asDevs, json: ssar('delete', 'nodes', '') });
    expect(review.body).toMatchObject({ status: { allowed: true } });
    expect((await call(base, '/api/v1/namespaces/default/pods', { headers: asDevs })).code).toBe(400);
    expect((await call(base, '/api/v1/pods', { headers: { ...ADMIN, 'impersonate-group': 'x' } })).code).toBe(400);
  });
});
