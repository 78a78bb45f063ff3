/**
 * `kubectl create token` end to end with the real kubectl against
 * `chronokube up` (RBAC on, the signing key generated in its data folder):
 * the token authenticates as the ServiceAccount, RBAC decides what it may
 * do, `--duration` sets its lifetime, and a tampered token is 401. Fails —
 * never skips — when kubectl is missing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubectlCluster } from './kubectl-harness.js';
import { startKubectlCluster } from './kubectl-harness.js';

let cluster: KubectlCluster;

interface Claims {
  readonly exp: number;
  readonly iat: number;
  readonly sub: string;
  readonly aud: readonly string[];
  readonly 'kubernetes.io': { readonly namespace: string; readonly serviceaccount: { readonly name: string; readonly uid: string } };
}
const claimsOf = (token: string): Claims => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Claims;

/** The `default` ServiceAccount appears once the ServiceAccount controller has run. */
async function defaultServiceAccount(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await cluster.kubectl('get', 'serviceaccount', 'default', '-o', 'name')).code === 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the default ServiceAccount never appeared');
}

beforeAll(async () => {
  cluster = await startKubectlCluster('chronokube-kubectl-token-', 1);
  await defaultServiceAccount();
}, 60_000);

afterAll(async () => {
  expect(await cluster.stop()).toBe(0);
});

describe('kubectl create token against chronokube up', () => {
  let token = '';

  it('finds kubectl on the PATH (the suite fails rather than skips without it)', async () => {
    const r = await cluster.kubectl('version', '--client');
    expect(r.code, `kubectl is required on the PATH: ${r.err}`).toBe(0);
  });

  it('creates a one-hour token for the default ServiceAccount, signed with the key kept in the data folder', async () => {
    token = await cluster.ok('create', 'token', 'default');
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const uid = await cluster.ok('get', 'serviceaccount', 'default', '-o', 'jsonpath={.metadata.uid}');
    const claims = claimsOf(token);
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.sub).toBe('system:serviceaccount:default:default');
    expect(claims.aud).toEqual(['https://kubernetes.default.svc.cluster.local']);
    expect(claims['kubernetes.io']).toEqual({ namespace: 'default', serviceaccount: { name: 'default', uid } });
    expect(existsSync(join(cluster.dir, 'data', 'sa.key'))).toBe(true);
  });

  it('auth whoami with --token shows the service account and its groups', async () => {
    const who = JSON.parse(await cluster.ok('--token', token, 'auth', 'whoami', '-o', 'json')) as { status: { userInfo: unknown } };
    expect(who.status.userInfo).toEqual({
      username: 'system:serviceaccount:default:default',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });
    expect(await cluster.ok('--token', token, 'auth', 'whoami')).toMatch(/^Username\s+system:serviceaccount:default:default$/m);
  });

  it('get pods is 403 until a RoleBinding allows it, then 200', async () => {
    const denied = await cluster.kubectl('--token', token, 'get', 'pods');
    expect(denied.code).toBe(1);
    expect(denied.err).toContain(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    await cluster.ok('create', 'rolebinding', 'default-view', '--clusterrole=view', '--serviceaccount=default:default');
    const allowed = await cluster.kubectl('--token', token, 'get', 'pods');
    expect(allowed.code, allowed.err).toBe(0);
    expect((await cluster.kubectl('--token', token, 'get', 'pods', '-n', 'kube-system')).code).toBe(1);
  });

  it('--duration=10m gives a ten-minute token; below ten minutes is refused as Kubernetes refuses it', async () => {
    const short = claimsOf(await cluster.ok('create', 'token', 'default', '--duration=10m'));
    expect(short.exp - short.iat).toBe(600);
    const tooShort = await cluster.kubectl('create', 'token', 'default', '--duration=5m');
    expect(tooShort.code).toBe(1);
    expect(tooShort.err).toContain('spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes');
    const nobody = await cluster.kubectl('create', 'token', 'nobody');
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain('serviceaccounts "nobody" not found');
  });

  it('a tampered token is 401', async () => {
    const [head, , sig] = token.split('.');
    const claims = claimsOf(token);
    const admin = { ...claims, sub: 'system:serviceaccount:kube-system:default', 'kubernetes.io': { ...claims['kubernetes.io'], namespace: 'kube-system' } };
    const forged = `${head}.${Buffer.from(JSON.stringify(admin)).toString('base64url')}.${sig}`;
    const r = await cluster.kubectl('--token', forged, 'get', 'pods');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Unauthorized/);
  });
});
