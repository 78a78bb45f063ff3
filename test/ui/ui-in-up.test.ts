/**
 * The web debugger inside `chronokube up`: served on the API's port under
 * /ui/ behind the API's token (traded for a cookie on the first visit), the
 * Kubernetes paths untouched; and, in headless Chromium, a page that
 * follows the running cluster — a Deployment created through the API
 * appears without a reload, and a cursor moved off the head stays put while
 * the history grows. Fails — never skips — when chromium is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upCommand } from '../../src/cli/commands/up.js';
import { createHttpServer } from '../../src/http/index.js';
import { harness } from '../api/harness.js';

const ARTIFACTS = join(import.meta.dirname, 'artifacts');

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let data = '';
let url = '';
/** The UI's URL as `up` announces it: the plain-HTTP one, since the test asks for --ui-port. */
let uiUrl = '';
/** The UI under /ui/ on the API's port. */
let mountUrl = '';
let token = '';
let ca = '';
const printed: string[] = [];
let stop: AbortController;
let running: Promise<number> | undefined;
let browser: Browser | undefined;

/** One HTTPS request to the cluster, trusting its self-signed certificate. */
function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(`${url}${path}`, { method, ca, headers: { ...headers, ...(text === undefined ? {} : { 'Content-Type': 'application/json' }) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const bearer = (): Record<string, string> => ({ Authorization: `Bearer ${token}` });

async function until<T>(f: () => T | undefined | Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function chromiumPath(): string {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is required for the UI tests: apt-get install -y chromium (see .ci/run)');
  }
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  data = mkdtempSync(join(tmpdir(), 'chronokube-up-ui-'));
  stop = new AbortController();
  let info: { url: string; ui?: string } | undefined;
  running = upCommand({ out: (s) => printed.push(s), err: () => undefined }, { data, nodes: 1, port: 0, uiPort: 0, onListening: (i) => (info = i) }, stop.signal);
  const listening = await until(() => info, 30_000, 'up to listen');
  url = listening.url;
  uiUrl = listening.ui ?? '';
  token = readFileSync(join(data, 'token'), 'utf8').trim();
  ca = readFileSync(join(data, 'tls.crt'), 'utf8');
  mountUrl = `${url}/ui/?token=${token}`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  stop.abort();
  expect(await running).toBe(0);
}, 30_000);

describe('the web UI served by chronokube up', () => {
  it('prints the UI URL with the token, and keeps the Kubernetes paths as they were', async () => {
    expect(uiUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/\\?token=${token}$`));
    await until(() => printed.find((l) => l.includes(uiUrl)), 5_000, 'the UI URL to be printed');
    const version = await call('GET', '/version');
    expect(version.status).toBe(200);
    expect(JSON.parse(version.body)).toMatchObject({ major: '1' });
    expect((await call('GET', '/api/v1/namespaces')).status).toBe(401);
    const namespaces = await call('GET', '/api/v1/namespaces', bearer());
    expect(namespaces.status).toBe(200);
    expect((JSON.parse(namespaces.body) as { items: { metadata: { name: string } }[] }).items.map((n) => n.metadata.name)).toContain('default');
    // The UI's own endpoints live under /ui/ only: /api/meta is the Kubernetes core group's path, and not found there.
    const kubeMeta = await call('GET', '/api/meta', bearer());
    expect(kubeMeta.status).toBe(404);
    expect(JSON.parse(kubeMeta.body)).toMatchObject({ kind: 'Status', code: 404 });
  });

  it('admits the API token only: a URL token becomes a cookie and leaves the address', async () => {
    const bare = await call('GET', '/ui?rev=3');
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/ui/?rev=3');
    const anonymous = await call('GET', '/ui/');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toContain('?token=');
    expect((await call('GET', '/ui/api/meta')).status).toBe(401);
    expect((await call('GET', '/ui/?token=not-the-token')).status).toBe(401);
    expect((await call('GET', '/ui/api/meta', { Authorization: 'Bearer not-the-token' })).status).toBe(401);
    expect((await call('GET', '/ui/', { Cookie: `chronokube-ui-${new URL(url).port}=not-the-token` })).status).toBe(401);

    const traded = await call('GET', `/ui/?token=${token}&rev=3&object=core%2Fnamespaces%2F_%2Fdefault`);
    expect(traded.status).toBe(303);
    expect(traded.headers.location).toBe('/ui/?rev=3&object=core%2Fnamespaces%2F_%2Fdefault');
    const cookie = String(traded.headers['set-cookie']?.[0] ?? '');
    expect(cookie.split('; ')).toEqual([`chronokube-ui-${new URL(url).port}=${token}`, 'Path=/ui/', 'HttpOnly', 'SameSite=Strict', 'Secure']);
    const page = await call('GET', '/ui/', { Cookie: cookie.split(';')[0] ?? '' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="app.js">');
    const js = await call('GET', '/ui/app.js', bearer());
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');

    const meta = await call('GET', '/ui/api/meta', bearer());
    expect(meta.status).toBe(200);
    const m = JSON.parse(meta.body) as { live: boolean; history: string; head: number; first: number };
    expect(m).toMatchObject({ live: true, history: 'history.ckh', first: 0 });
    expect(m.head).toBeGreaterThan(0);
    // The live store keeps growing: a write through the API is in the UI's next answer.
    const cm = await call('POST', '/api/v1/namespaces/default/configmaps', bearer(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'probe' }, data: { a: '1' } });
    expect(cm.status, cm.body).toBe(201);
    const rev = Number((JSON.parse(cm.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
    const after = JSON.parse((await call('GET', '/ui/api/meta', bearer())).body) as { head: number };
    expect(after.head).toBeGreaterThanOrEqual(rev);
    const frame = JSON.parse((await call('GET', `/ui/api/frame?rev=${rev}&key=core/configmaps/default/probe`, bearer())).body) as { write: { actor: string; key: string } };
    expect(frame.write).toMatchObject({ actor: 'client:admin', key: 'core/configmaps/default/probe' });
  });

  it('mounts handlers only outside the Kubernetes paths', async () => {
    const { api } = await harness();
    const handle = (): void => undefined;
    for (const prefix of ['/api', '/apis/x', '/version', '/openapi', '/healthz', '/ui/', 'ui', '/', '/u i']) {
      expect(() => createHttpServer({ api, mounts: [{ prefix, handle }] }), prefix).toThrow(/cannot mount a handler/);
    }
    expect(() => createHttpServer({ api, mounts: [{ prefix: '/ui', handle }, { prefix: '/debug/pprof', handle }] })).not.toThrow();
  });

  it('serves the same UI over plain HTTP on loopback with --ui-port, behind the same token', async () => {
    const root = new URL(uiUrl).origin;
    expect((await fetch(`${root}/`)).status).toBe(401);
    const traded = await fetch(uiUrl, { redirect: 'manual' });
    expect(traded.status).toBe(303);
    expect(traded.headers.get('location')).toBe('/');
    const cookie = traded.headers.get('set-cookie') ?? '';
    expect(cookie.split('; ')).toEqual([`chronokube-ui-${new URL(uiUrl).port}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict']);
    const page = await fetch(`${root}/`, { headers: { Cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="app.js">');
    const meta = (await (await fetch(`${root}/api/meta`, { headers: bearer() })).json()) as { live: boolean; head: number };
    expect(meta.live).toBe(true);
    expect(meta.head).toBeGreaterThan(0);
  });

  it('follows the cluster in the browser: a new Deployment appears without a reload; a cursor off the head stays put', async () => {
    const context = await (browser as Browser).newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(mountUrl);
      // The token was traded for the cookie: the address names the UI, not the token.
      expect(page.url()).toBe(`${url}/ui/`);
      await page.waitForSelector('body[data-ready="1"][data-following="1"]', { timeout: 15_000 });
      expect(await page.textContent('#live')).toBe('● live');

      const created = await context.request.post(`${url}/apis/apps/v1/namespaces/default/deployments`, {
        headers: bearer(),
        data: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web' },
          spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
        },
      });
      expect(created.status()).toBe(201);
      const rev = Number(((await created.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
      // No reload: the page polls, sees the head move, and, being at the head, moves with it.
      await page.waitForSelector('#treebody [data-key="apps/deployments/default/web"]', { timeout: 15_000 });
      await page.waitForFunction((r) => Number(document.body.dataset['rev']) >= r, rev, { timeout: 10_000 });
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'up-live.png') });

      // Off the head, new events grow the timeline but leave the cursor where the user put it.
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('body[data-following="0"]');
      const held = Number(await page.evaluate(() => document.body.dataset['rev']));
      const headBefore = Number(await page.evaluate(() => document.body.dataset['head']));
      const more = await context.request.post(`${url}/api/v1/namespaces/default/configmaps`, { headers: bearer(), data: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later' } } });
      expect(more.status()).toBe(201);
      const later = Number(((await more.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
      await page.waitForFunction((r) => Number(document.body.dataset['head']) >= r, later, { timeout: 10_000 });
      expect(Number(await page.evaluate(() => document.body.dataset['head']))).toBeGreaterThan(headBefore);
      expect(Number(await page.evaluate(() => document.body.dataset['rev']))).toBe(held);
      expect(await page.textContent('#live')).toContain('End follows');
      // End goes back to the head, and following resumes.
      await page.keyboard.press('End');
      await page.waitForSelector('body[data-following="1"]');
      expect(Number(await page.evaluate(() => document.body.dataset['rev']))).toBeGreaterThanOrEqual(later);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
