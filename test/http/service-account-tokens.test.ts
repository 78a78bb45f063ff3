import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rsaTokenSigner, useServiceAccountTokenSigner } from '../../src/api/token-signer.js';
import type { ServiceAccountTokenSigner } from '../../src/api/token-signer.js';
import type { Authenticator } from '../../src/http/auth.js';
import { anyAuthenticator, tokenAuthenticator } from '../../src/http/auth.js';
import { loadOrCreateSigningKey, serviceAccountTokenAuthenticator } from '../../src/http/service-account-tokens.js';
import type { WriteRecord } from '../../src/model/index.js';
import type { HttpHarness } from './harness.js';
import { call, httpHarness } from './harness.js';

const ADMIN = { authorization: 'Bearer admin-token' };
const SA_PATH = '/api/v1/namespaces/default/serviceaccounts';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const tokenRequest = (spec: Record<string, unknown> = {}) => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec });

const newPem = (): string => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let pem = '';
let otherPem = '';
beforeAll(() => {
  pem = newPem();
  otherPem = newPem();
});

describe('service account tokens over HTTP', () => {
  let h: HttpHarness;
  let signer: ServiceAccountTokenSigner;
  beforeEach(async () => {
    let auth: Authenticator = () => undefined;
    h = await httpHarness({ authenticate: (a) => auth(a) });
    signer = rsaTokenSigner(pem);
    useServiceAccountTokenSigner(h.api, signer);
    auth = anyAuthenticator(tokenAuthenticator({ 'admin-token': 'admin' }), serviceAccountTokenAuthenticator(h.api, signer));
    expect((await call(h.base, SA_PATH, { method: 'POST', headers: ADMIN, json: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } } })).code).toBe(201);
  });
  afterEach(() => h.close());

  async function issue(spec: Record<string, unknown> = {}, name = 'robot'): Promise<string> {
    const r = await call(h.base, `${SA_PATH}/${name}/token`, { method: 'POST', headers: ADMIN, json: tokenRequest(spec) });
    expect(r.code, JSON.stringify(r.body)).toBe(201);
    return (r.body as { status: { token: string } }).status.token;
  }
  const whoami = async (headers: Record<string, string>) =>
    call(h.base, '/apis/authentication.k8s.io/v1/selfsubjectreviews', { method: 'POST', headers, json: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });

  it('answers 201 with the TokenRequest and its token, and records nothing', async () => {
    const rev = h.store.rev;
    const r = await call(h.base, `${SA_PATH}/robot/token`, { method: 'POST', headers: ADMIN, json: tokenRequest({ expirationSeconds: 1200 }) });
    expect(r.code).toBe(201);
    expect(r.body).toMatchObject({ kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { name: 'robot', namespace: 'default' }, spec: { expirationSeconds: 1200 } });
    expect((r.body as { status: { token: string } }).status.token.split('.')).toHaveLength(3);
    expect(h.store.rev).toBe(rev);
    const short = await call(h.base, `${SA_PATH}/robot/token`, { method: 'POST', headers: ADMIN, json: tokenRequest({ expirationSeconds: 300 }) });
    expect(short.code).toBe(422);
    expect(short.body.message).toBe('TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes');
    const missing = await call(h.base, `${SA_PATH}/nobody/token`, { method: 'POST', headers: ADMIN, json: tokenRequest() });
    expect(missing).toMatchObject({ code: 404, body: { reason: 'NotFound', message: 'serviceaccounts "nobody" not found' } });
    // Other subresources still refuse POST.
    expect((await call(h.base, '/apis/apps/v1/namespaces/default/deployments/web/scale', { method: 'POST', headers: ADMIN, json: {} })).code).toBe(405);
  });

  it('authenticates the token as the service account, whose writes carry its actor', async () => {
    const token = await issue();
    const me = await whoami(bearer(token));
    expect(me.code).toBe(201);
    expect((me.body as { status: { userInfo: unknown } }).status.userInfo).toEqual({
      username: 'system:serviceaccount:default:robot',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });
    const made = await call(h.base, '/api/v1/namespaces/default/configmaps', { method: 'POST', headers: bearer(token), json: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'by-robot' } } });
    expect(made.code).toBe(201);
    const write = h.store.writes({}).find((w: WriteRecord) => w.key.endsWith('/configmaps/default/by-robot'));
    expect(write?.actor).toBe('client:system:serviceaccount:default:robot');
  });

  it('refuses (401) a tampered token, another key, another audience and a garbled header', async () => {
    const token = await issue();
    const [head, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url')}.${sig}`;
    const flipped = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const otherKey = rsaTokenSigner(otherPem);
    for (const bad of [forged, flipped, otherKey.sign(claims), await issue({ audiences: ['vault'] }), 'not-a-jwt']) {
      const r = await whoami(bearer(bad));
      expect(r).toMatchObject({ code: 401, body: { kind: 'Status', reason: 'Unauthorized', message: 'Unauthorized' } });
    }
  });

  it('expires on the server clock after exp, with a minute of leeway', async () => {
    const token = await issue({ expirationSeconds: 600 });
    const issuedAt = h.clock.now();
    h.clock.advanceTo(issuedAt + 659_000);
    expect((await whoami(bearer(token))).code).toBe(201);
    h.clock.advanceTo(issuedAt + 662_000);
    expect((await whoami(bearer(token))).code).toBe(401);
  });

  it('dies with its ServiceAccount (also when one of the same name is made again) and with its bound pod', async () => {
    await call(h.base, '/api/v1/namespaces/default/pods', {
      method: 'POST',
      headers: ADMIN,
      json: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { serviceAccountName: 'robot', containers: [{ name: 'c', image: 'nginx' }] } },
    });
    const podBound = await issue({ boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web' } });
    const plain = await issue();
    expect((await whoami(bearer(podBound))).code).toBe(201);
    expect((await call(h.base, '/api/v1/namespaces/default/pods/web?gracePeriodSeconds=0', { method: 'DELETE', headers: ADMIN })).code).toBe(200);
    expect((await whoami(bearer(podBound))).code).toBe(401);
    expect((await whoami(bearer(plain))).code).toBe(201);
    expect((await call(h.base, `${SA_PATH}/robot`, { method: 'DELETE', headers: ADMIN })).code).toBe(200);
    expect((await whoami(bearer(plain))).code).toBe(401);
    await call(h.base, SA_PATH, { method: 'POST', headers: ADMIN, json: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } } });
    expect((await whoami(bearer(plain))).code).toBe(401);
  });
});

describe('loadOrCreateSigningKey', () => {
  it('creates a private RSA key once (mode 0600) and reads the same one back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronokube-sa-key-'));
    const path = join(dir, 'data', 'sa.key');
    const pemText = loadOrCreateSigningKey(path);
    expect(pemText).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSigningKey(path)).toBe(pemText);
    expect(readFileSync(path, 'utf8')).toBe(pemText);
    expect(rsaTokenSigner(pemText).keyId).toBe(rsaTokenSigner(loadOrCreateSigningKey(path)).keyId);
  });
});
