/**
 * The web debugger behind the API's bearer token, for the UI that
 * `chronokube up` serves beside the Kubernetes API. The UI shows every
 * object of the history, Secrets included, so it admits exactly whom the API
 * admits — but a browser sends no `Authorization` header when a link is
 * opened, so, as notebook servers do, `up` prints the UI's URL with
 * `?token=…`. The first visit trades the token for a cookie (HttpOnly,
 * SameSite=Strict, Secure over HTTPS, limited to the UI's path) and is
 * redirected to the same URL without it: the address bar, the browser's
 * history and the links a user shares never carry the token. The cookie's
 * name carries the server's port (`chronokube-ui-6443`): browsers share
 * cookies across the ports of one host, and two clusters on one machine must
 * not overwrite each other's. Scripts and curl may send
 * `Authorization: Bearer …` instead.
 *
 * @example
 * const ui = uiTokenGate(await createUiHandler(model), { authenticate, cookiePath: '/ui/', secure: true });
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '../http/index.js';
import type { UiHandler } from './ui-server.js';

export interface UiTokenGateOptions {
  /** The API's authenticator (maps an `Authorization` header to a user). */
  readonly authenticate: Authenticator;
  /** Where the browser sends the session cookie: the UI's mount, e.g. `/ui/`. */
  readonly cookiePath: string;
  /** Served over HTTPS: the cookie is marked Secure. */
  readonly secure: boolean;
}

/** The session cookie's name, before `-PORT`. */
export const UI_COOKIE = 'chronokube-ui';

/** The session cookie's name for the server that received `req`. */
export function uiCookieName(req: IncomingMessage): string {
  return `${UI_COOKIE}-${req.socket.localPort ?? 0}`;
}

export function uiTokenGate(handler: UiHandler, opts: UiTokenGateOptions): UiHandler {
  const bearer = (token: string): string | undefined => opts.authenticate(`Bearer ${token}`);
  return (req, res, path) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (bearer(offered) === undefined) return refuse(res, path, 'the token in the URL is not this cluster’s');
      url.searchParams.delete('token');
      const cookie = [`${uiCookieName(req)}=${encodeURIComponent(offered)}`, `Path=${opts.cookiePath}`, 'HttpOnly', 'SameSite=Strict', ...(opts.secure ? ['Secure'] : [])];
      res.writeHead(303, { Location: `${url.pathname}${url.search}`, 'Set-Cookie': cookie.join('; '), 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      return void res.end();
    }
    const header = req.headers.authorization;
    if (header !== undefined) {
      if (opts.authenticate(header) === undefined) return refuse(res, path, 'the bearer token is not this cluster’s');
      return handler(req, res, path);
    }
    const session = cookieValue(req, uiCookieName(req));
    if (session !== undefined && bearer(session) !== undefined) return handler(req, res, path);
    return refuse(res, path, 'open the URL `chronokube up` printed (it ends in ?token=…), or send Authorization: Bearer TOKEN');
  };
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** 401: a short page for a browser opening the UI, JSON for the page's own requests. */
function refuse(res: ServerResponse, path: string, why: string): void {
  if (path.startsWith('/api/')) {
    const body = JSON.stringify({ error: `Unauthorized: ${why}` });
    res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    return void res.end(body);
  }
  const text = why.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>chronokube · unauthorized</title></head><body><h1>401 Unauthorized</h1><p>${text}</p></body></html>`);
}
