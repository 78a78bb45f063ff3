/**
 * The UI's token gate on its own, over plain HTTP: which credentials pass
 * (a URL token once, then its cookie; a bearer header), what the handler
 * behind it sees, and the refusals (HTML for a page, JSON for the page's
 * requests).
 */
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenAuthenticator } from '../../src/http/index.js';
import { UI_COOKIE, uiTokenGate } from '../../src/ui/ui-token-gate.js';

const TOKEN = 'tok/with+odd=chars';
let server: Server;
let base = '';
let cookieName = '';
const seen: string[] = [];

beforeAll(async () => {
  const gate = uiTokenGate(
    (req, res, path) => {
      seen.push(`${path} ${req.url ?? ''}`);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`handled ${path}`);
    },
    { authenticate: tokenAuthenticator({ [TOKEN]: 'admin' }), cookiePath: '/dbg/', secure: false },
  );
  server = createServer((req, res) => gate(req, res, new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/dbg/, '')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  cookieName = `${UI_COOKIE}-${port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> => fetch(`${base}${path}`, { headers, redirect: 'manual' });

describe('uiTokenGate', () => {
  it('trades a URL token for a cookie scoped to the UI, keeping the rest of the URL', async () => {
    const traded = await get(`/dbg/?rev=7&token=${encodeURIComponent(TOKEN)}&object=a%2Fb`);
    expect(traded.status).toBe(303);
    expect(traded.headers.get('location')).toBe('/dbg/?rev=7&object=a%2Fb');
    expect(traded.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = traded.headers.get('set-cookie') ?? '';
    // Plain HTTP: no Secure flag, or the browser would never send it back.
    expect(cookie.split('; ')).toEqual([`${cookieName}=${encodeURIComponent(TOKEN)}`, 'Path=/dbg/', 'HttpOnly', 'SameSite=Strict']);
    expect(seen).toEqual([]);
    const page = await get('/dbg/?rev=7', { Cookie: `other=1; ${cookie.split(';')[0] ?? ''}` });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('handled /');
    expect(seen).toEqual(['/ /dbg/?rev=7']);
  });

  it('lets a bearer header through, and refuses everything else with 401', async () => {
    const api = await get('/dbg/api/meta', { Authorization: `Bearer ${TOKEN}` });
    expect(await api.text()).toBe('handled /api/meta');
    const before = seen.length;
    const refusals = await Promise.all([
      get('/dbg/api/meta'),
      get('/dbg/api/meta', { Authorization: 'Bearer wrong' }),
      get('/dbg/api/meta', { Authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` }),
      get('/dbg/api/meta', { Cookie: `${cookieName}=wrong` }),
      // Another port's cookie (another cluster on this machine) is not this server's.
      get('/dbg/api/meta', { Cookie: `${UI_COOKIE}-1=${encodeURIComponent(TOKEN)}` }),
      get('/dbg/api/meta', { Cookie: `${cookieName}=%E0%A4%A` }),
      get('/dbg/?token=wrong'),
      get('/dbg/'),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 401]);
    expect(seen.length).toBe(before);
    expect(refusals[0]?.headers.get('content-type')).toContain('application/json');
    expect(((await refusals[0]?.json()) as { error: string }).error).toMatch(/^Unauthorized: .*\?token=/);
    expect(refusals[7]?.headers.get('content-type')).toContain('text/html');
    expect(await refusals[7]?.text()).toContain('401 Unauthorized');
    // A wrong bearer header is not rescued by a right cookie: the header says who the caller claims to be.
    expect((await get('/dbg/api/meta', { Authorization: 'Bearer wrong', Cookie: `${cookieName}=${encodeURIComponent(TOKEN)}` })).status).toBe(401);
  });
});
