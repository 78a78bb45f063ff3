import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, loadOrCreateCert, tokenAuthenticator, writeKubeconfig } from '../../src/http/index.js';
import { EPOCH } from '../api/harness.js';
import type { RbacHarness } from '../api/authorization/rbac-harness.js';
import { binding, rbacHarness, userSubject } from '../api/authorization/rbac-harness.js';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

describe('kubectl auth can-i and RBAC denials (real kubectl)', () => {
  let h: RbacHarness;
  let close: () => Promise<void>;
  let kubectl: (...args: string[]) => Promise<Run>;
  beforeAll(async () => {
    h = await rbacHarness();
    const dir = mkdtempSync(join(tmpdir(), 'chronokube-can-i-'));
    // kubectl sends a bearer token only over HTTPS.
    const tls = loadOrCreateCert(dir, EPOCH, ['127.0.0.1']);
    const server = createHttpServer({ api: h.api, tls, authenticate: tokenAuthenticator({ 'admin-token': 'admin' }) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const kubeconfig = join(dir, 'kubeconfig');
    writeKubeconfig(kubeconfig, { server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, token: 'admin-token', certificateAuthority: tls.cert });
    kubectl = (...args) =>
      new Promise((resolve) => {
        execFile('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args], { timeout: 60_000 }, (error, out, err) => {
          resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 127, out: out.trim(), err: err.trim() });
        });
      });
    close = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  });
  afterAll(() => close());

  it('answers yes for the admin and no for an unbound user (exit code 1)', async () => {
    const admin = await kubectl('auth', 'can-i', 'create', 'pods');
    expect(admin).toMatchObject({ code: 0, out: 'yes' });
    expect(await kubectl('auth', 'can-i', 'create', 'pods', '--as=alice')).toMatchObject({ code: 1, out: 'no' });
  });

  it('follows a new RoleBinding, per namespace and verb', async () => {
    await h.grant(binding('default', 'alice-view', 'ClusterRole', 'view', [userSubject('alice')]));
    expect((await kubectl('auth', 'can-i', 'list', 'pods', '--as=alice', '-n', 'default')).out).toBe('yes');
    expect((await kubectl('auth', 'can-i', 'list', 'pods', '--as=alice', '-n', 'kube-system')).out).toBe('no');
    expect((await kubectl('auth', 'can-i', 'delete', 'deployments.apps', '--as=alice', '-n', 'default')).out).toBe('no');
    expect((await kubectl('auth', 'can-i', 'list', 'pods', '--as=system:serviceaccount:kube-system:replicaset-controller', '-A')).out).toBe('yes');
  });

  it('lists the rules (can-i --list) and says who is asking (auth whoami)', async () => {
    const list = await kubectl('auth', 'can-i', '--list', '--as=bob', '-n', 'default');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/);
    expect(list.out).toMatch(/\[\/version\]\s+\[\]\s+\[get\]/);
    const who = await kubectl('auth', 'whoami', '--as=bob', '-o', 'json');
    expect(who.code).toBe(0);
    expect(JSON.parse(who.out)).toMatchObject({ kind: 'SelfSubjectReview', status: { userInfo: { username: 'bob', groups: ['system:authenticated'] } } });
  });

  it('shows the 403 of a denied request as Kubernetes does', async () => {
    const r = await kubectl('get', 'pods', '-n', 'kube-system', '--as=alice');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "kube-system"');
  });
});
