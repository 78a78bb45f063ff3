import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createHttpServer, loadOrCreateCert, loadOrCreateToken, renderKubeconfig, selfSignedCert, tokenAuthenticator } from '../../src/http/index.js';
import { harness } from '../api/harness.js';

const NOW = Date.UTC(2026, 0, 1);

function get(port: number, path: string, ca: string, token?: string): Promise<{ code: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('TLS and tokens', () => {
  it('generates a self-signed certificate for loopback names that verifies itself, valid ten years', () => {
    const { cert } = selfSignedCert(NOW, ['10.0.0.5', 'api.example']);
    const x = new X509Certificate(cert);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.ca).toBe(true);
    expect(x.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:10.0.0.5, DNS:api.example');
    expect(new Date(x.validFrom).getTime()).toBe(NOW - 3600_000);
    expect(new Date(x.validTo).getTime()).toBe(NOW + 10 * 365 * 24 * 3600 * 1000);
  });

  it('serves HTTPS that a client trusting the certificate reaches with the token, and 401 without', async () => {
    const h = await harness();
    const tls = selfSignedCert(NOW);
    const server = createHttpServer({ api: h.api, tls, authenticate: tokenAuthenticator({ tok: 'alice' }) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      expect((await get(port, '/api/v1/namespaces', tls.cert, 'tok')).code).toBe(200);
      const denied = await get(port, '/api/v1/namespaces', tls.cert);
      expect([denied.code, JSON.parse(denied.body).reason]).toEqual([401, 'Unauthorized']);
      await expect(get(port, '/version', selfSignedCert(NOW).cert)).rejects.toThrow(/self[- ]signed|unable to verify/i);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('keeps the token and certificate across restarts, private to the user', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chronokube-tls-'));
    const token = loadOrCreateToken(join(dir, 'token'));
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(loadOrCreateToken(join(dir, 'token'))).toBe(token);
    expect(statSync(join(dir, 'token')).mode & 0o077).toBe(0);
    const a = loadOrCreateCert(dir, NOW);
    expect(loadOrCreateCert(dir, NOW)).toEqual(a);
    expect(statSync(join(dir, 'tls.key')).mode & 0o077).toBe(0);
    expect(readFileSync(join(dir, 'tls.crt'), 'utf8')).toBe(a.cert);
  });

  it('writes a kubeconfig with the server, CA data, token and a current context', () => {
    const k = parse(renderKubeconfig({ server: 'https://127.0.0.1:6443', token: 't0k', certificateAuthority: 'PEM' })) as Record<string, unknown>;
    expect(k).toMatchObject({
      kind: 'Config',
      'current-context': 'chronokube',
      clusters: [{ name: 'chronokube', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': Buffer.from('PEM').toString('base64') } }],
      users: [{ name: 'chronokube-admin', user: { token: 't0k' } }],
      contexts: [{ name: 'chronokube', context: { cluster: 'chronokube', user: 'chronokube-admin', namespace: 'default' } }],
    });
  });

  it('maps only exact bearer tokens to users', () => {
    const auth = tokenAuthenticator({ abc: 'alice', xyz: 'bob' });
    expect(auth('Bearer abc')).toBe('alice');
    expect(auth('bearer xyz')).toBe('bob');
    expect(auth('Bearer abcd')).toBeUndefined();
    expect(auth('Basic abc')).toBeUndefined();
    expect(auth(undefined)).toBeUndefined();
  });
});
