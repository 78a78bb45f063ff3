import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceAccountTokenSigner } from '../../../src/api/token-signer.js';
import { DEFAULT_SERVICE_ACCOUNT_ISSUER, rsaTokenSigner, useServiceAccountTokenSigner } from '../../../src/api/token-signer.js';
import { EXPIRATION_EXTENSION_SECONDS } from '../../../src/api/verbs/token-request.js';
import type { KubeObject } from '../../../src/model/index.js';
import { binding, rbacHarness, userSubject } from '../authorization/rbac-harness.js';
import type { Harness } from '../harness.js';
import { EPOCH, harness, pod, pods, refused } from '../harness.js';

const ops = { actor: 'user:ops' };
const SA = { group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default' };
const tokenOf = (name: string, namespace = 'default') => ({ ...SA, namespace, name, subresource: 'token' });
const request = (spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata, spec });

interface Issued {
  metadata: { name: string; namespace: string; creationTimestamp: string };
  spec: { audiences: string[]; expirationSeconds: number; boundObjectRef: unknown };
  status: { token: string; expirationTimestamp: string };
}
type Claims = Record<string, unknown> & { exp: number; iat: number; nbf: number; 'kubernetes.io': Record<string, unknown> };

let pem = '';
beforeAll(() => {
  pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
});

async function withSigner(seed = 1): Promise<Harness & { signer: ServiceAccountTokenSigner }> {
  const h = await harness(seed);
  const signer = rsaTokenSigner(pem);
  useServiceAccountTokenSigner(h.api, signer);
  await h.api.create(SA, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }, ops);
  return { ...h, signer };
}

async function issue(h: Harness, body: unknown = request(), name = 'robot'): Promise<Issued> {
  return (await h.api.create(tokenOf(name), body, ops)) as unknown as Issued;
}

const claimsOf = (signer: ServiceAccountTokenSigner, token: string): Claims => {
  const c = signer.verify(token);
  if (c === undefined) throw new Error('the token does not verify');
  return c as Claims;
};

describe('serviceaccounts/token (TokenRequest)', () => {
  it('issues a signed token with Kubernetes claims, defaults and expiry, and writes nothing', async () => {
    const h = await withSigner();
    h.clock.advanceTo(90_500);
    const robot = h.api.get({ ...SA, name: 'robot' });
    const rev = h.store.rev;
    const out = await issue(h);
    expect(h.store.rev).toBe(rev);
    expect(out.metadata).toEqual({ name: 'robot', namespace: 'default', creationTimestamp: '2026-01-01T00:01:30Z' });
    expect(out.spec).toEqual({ audiences: [DEFAULT_SERVICE_ACCOUNT_ISSUER], expirationSeconds: 3600, boundObjectRef: null });
    expect(out.status.expirationTimestamp).toBe('2026-01-01T01:01:30Z');
    const [header] = out.status.token.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'RS256', kid: h.signer.keyId });
    const claims = claimsOf(h.signer, out.status.token);
    const now = Math.floor((EPOCH + 90_500) / 1000);
    expect(Object.keys(claims)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    expect(claims).toMatchObject({ aud: [DEFAULT_SERVICE_ACCOUNT_ISSUER], iat: now, nbf: now, exp: now + 3600, iss: DEFAULT_SERVICE_ACCOUNT_ISSUER, sub: 'system:serviceaccount:default:robot' });
    expect(claims['jti']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(claims['kubernetes.io']).toEqual({ namespace: 'default', serviceaccount: { name: 'robot', uid: robot.metadata.uid } });
  });

  it('takes the audiences and expiration asked for; 600 s and 2^32 s are the bounds (422 outside, worded as Kubernetes)', async () => {
    const h = await withSigner();
    const out = await issue(h, request({ audiences: ['vault', 'api'], expirationSeconds: 600 }));
    const claims = claimsOf(h.signer, out.status.token);
    expect(claims['aud']).toEqual(['vault', 'api']);
    expect(claims.exp - claims.iat).toBe(600);
    expect((await issue(h, request({ expirationSeconds: 2 ** 32 }))).spec.expirationSeconds).toBe(2 ** 32);
    const short = await refused(() => issue(h, request({ expirationSeconds: 599 })), 'Invalid');
    expect(short).toMatchObject({
      code: 422,
      message: 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes',
      details: { name: '', group: 'authentication.k8s.io', kind: 'TokenRequest' },
    });
    const long = await refused(() => issue(h, request({ expirationSeconds: 2 ** 32 + 1 })), 'Invalid');
    expect(long.message).toBe('TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds');
    expect((await refused(() => issue(h, request({ expirationSeconds: '1h' })), 'BadRequest')).message).toMatch(/cannot unmarshal string .*expirationSeconds of type int64/);
  });

  it('refuses an unknown ServiceAccount (404), a mismatched name (422) and another kind (400)', async () => {
    const h = await withSigner();
    expect(await refused(() => issue(h, request(), 'nobody'), 'NotFound')).toMatchObject({ code: 404, message: 'serviceaccounts "nobody" not found' });
    const named = await refused(() => issue(h, request({}, { name: 'other' })), 'Invalid');
    expect(named.message).toBe('TokenRequest.authentication.k8s.io "robot" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified');
    expect((await issue(h, request({}, { name: 'robot', namespace: 'default' }))).metadata.name).toBe('robot');
    await refused(() => issue(h, { apiVersion: 'v1', kind: 'Pod' }), 'BadRequest');
  });

  it('binds to a pod running as the account, naming its node; refuses another account, a stale uid and a missing pod', async () => {
    const h = await withSigner();
    await h.api.create({ group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } }, ops);
    const node = h.api.get({ group: '', version: 'v1', resource: 'nodes', name: 'node-1' });
    const p = await h.api.create(pods(), pod('web', {}, { serviceAccountName: 'robot', nodeName: 'node-1' }), ops);
    await h.api.create(pods(), pod('other', {}, { serviceAccountName: 'default' }), ops);
    const ref = { apiVersion: 'v1', kind: 'Pod', name: 'web', uid: p.metadata.uid };
    const out = await issue(h, request({ boundObjectRef: ref }));
    expect(out.spec.boundObjectRef).toEqual(ref);
    expect(claimsOf(h.signer, out.status.token)['kubernetes.io']).toMatchObject({
      pod: { name: 'web', uid: p.metadata.uid },
      node: { name: 'node-1', uid: node.metadata.uid },
    });
    const wrongAccount = await refused(() => issue(h, request({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'other' } })), 'BadRequest');
    expect(wrongAccount.message).toBe('cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.');
    const stale = await refused(() => issue(h, request({ boundObjectRef: { ...ref, uid: 'old-uid' } })), 'Conflict');
    expect(stale.message).toBe(
      'Operation cannot be fulfilled on Pod "web": the UID in the bound object reference (old-uid) does not match the UID in record. The object might have been deleted and then recreated',
    );
    expect((await refused(() => issue(h, request({ boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'gone' } })), 'NotFound')).message).toBe('pods "gone" not found');
  });

  it('extends a pod-bound 3607 s token with API audiences to a year, warning after 3607 s', async () => {
    const h = await withSigner();
    await h.api.create(pods(), pod('web', {}, { serviceAccountName: 'robot' }), ops);
    const bound = { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web' }, expirationSeconds: 3607 };
    const out = await issue(h, request(bound));
    const claims = claimsOf(h.signer, out.status.token);
    expect(claims.exp - claims.iat).toBe(EXPIRATION_EXTENSION_SECONDS);
    expect(claims['kubernetes.io']['warnafter']).toBe(claims.iat + 3607);
    expect(out.status.expirationTimestamp).toBe('2026-01-01T01:00:07Z');
    const other = claimsOf(h.signer, (await issue(h, request({ ...bound, audiences: ['vault'] }))).status.token);
    expect(other.exp - other.iat).toBe(3607);
    expect(other['kubernetes.io']['warnafter']).toBeUndefined();
  });

  it('binds to a Secret or a Node; any other kind is 400 naming its group, version and kind', async () => {
    const h = await withSigner();
    const secret = await h.api.create({ ...SA, resource: 'secrets' }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }, ops);
    const node = await h.api.create({ group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } }, ops);
    const s = claimsOf(h.signer, (await issue(h, request({ boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 's' } }))).status.token);
    expect(s['kubernetes.io']['secret']).toEqual({ name: 's', uid: secret.metadata.uid });
    const n = claimsOf(h.signer, (await issue(h, request({ boundObjectRef: { kind: 'Node', apiVersion: 'v1', name: 'n' } }))).status.token);
    expect(n['kubernetes.io']['node']).toEqual({ name: 'n', uid: node.metadata.uid });
    const cm = await refused(() => issue(h, request({ boundObjectRef: { kind: 'ConfigMap', apiVersion: 'v1', name: 'c' } })), 'BadRequest');
    expect(cm.message).toBe('cannot bind token to object of type /v1, Kind=ConfigMap');
    const apps = await refused(() => issue(h, request({ boundObjectRef: { kind: 'Pod', apiVersion: 'apps/v1', name: 'c' } })), 'BadRequest');
    expect(apps.message).toBe('cannot bind token to object of type apps/v1, Kind=Pod');
  });

  it('is deterministic: the same seed, clock and key give the same token', async () => {
    const a = await withSigner(7);
    const b = await withSigner(7);
    expect((await issue(a)).status.token).toBe((await issue(b)).status.token);
    const c = await withSigner(8);
    expect((await issue(c)).status.token).not.toBe((await issue(a)).status.token);
  });

  it('is not served without a signing key (404, as kube-apiserver without an issuer)', async () => {
    const h = await harness();
    await h.api.create(SA, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }, ops);
    expect((await refused(() => issue(h), 'NotFound')).message).toBe('the server could not find the requested resource');
  });

  it('needs create on serviceaccounts/token: 403 without it, allowed through the edit role', async () => {
    const h = await rbacHarness();
    useServiceAccountTokenSigner(h.api, rsaTokenSigner(pem));
    await h.api.create(SA, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } }, { actor: 'user:scenario' });
    const alice = { actor: 'client:alice' };
    const denied = await refused(() => h.api.create(tokenOf('robot'), request(), alice), 'Forbidden');
    expect(denied.message).toContain('cannot create resource "serviceaccounts/token" in API group "" in the namespace "default"');
    await h.grant(binding('default', 'alice-edit', 'ClusterRole', 'edit', [userSubject('alice')]));
    const out = (await h.api.create(tokenOf('robot'), request(), alice)) as KubeObject as unknown as Issued;
    expect(out.status.token.split('.')).toHaveLength(3);
  });
});
