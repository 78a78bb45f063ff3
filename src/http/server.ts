/**
 * The Kubernetes REST front: a `node:http` server translating paths, query
 * parameters and bodies into api calls and their results into JSON. It adds
 * no request semantics of its own: every verb is the api layer's. Errors
 * are always `Status` objects with their code; unknown paths are 404,
 * unsupported methods 405, bodies over 3 MiB 413, unknown media types 415,
 * unparsable bodies 400, and a missing or wrong bearer token 401.
 *
 * Other handlers can be mounted beside the API under path prefixes that no
 * Kubernetes path uses (`chronokube up` serves the web debugger at `/ui/`):
 * they see only their own requests and authenticate them themselves.
 *
 * @example
 * const server = createHttpServer({ api, authenticate: tokenAuthenticator({ [token]: 'admin' }) });
 * server.listen(6443, '127.0.0.1');
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Api, RbacAuthorizer } from '../api/index.js';
import { isRbacAuthorizer, userOf } from '../api/index.js';
import { methodNotAllowed, statusOf, StatusError, unauthorized } from '../model/index.js';
import type { Authenticator } from './auth.js';
import { MAX_REQUEST_BODY_BYTES } from './body-reader.js';
import { CAUSE_HEADER, ClientRevisions, parseCause } from './client-revisions.js';
import { Discovery } from './discovery.js';
import type { Caller, HttpContext } from './http-context.js';
import { openApiV3Document, openApiV3Root } from './openapi-v3.js';
import { impersonation } from './impersonation.js';
import { handleGet } from './resource-reads.js';
import { handleWrite } from './resource-writes.js';
import type { Route } from './router.js';
import { route } from './router.js';
import { sendError, sendJson } from './status-response.js';
import { negotiate } from './table-negotiation.js';
import { versionInfo } from './version-info.js';
import { DEFAULT_MAX_QUEUED_BYTES } from './watch-stream.js';

export interface HttpServerOptions {
  readonly api: Api;
  /** Bearer-token check; without one every request is `anonymousUser` (tests, trusted loopback use). */
  readonly authenticate?: Authenticator;
  /** The user of unauthenticated servers (default `admin`): writes are recorded as `client:admin`. */
  readonly anonymousUser?: string;
  readonly bodyLimit?: number;
  readonly bookmarkIntervalMs?: number;
  readonly defaultWatchTimeoutMs?: number;
  /** Per-watcher bound on unsent bytes before the watcher is dropped. */
  readonly maxQueuedBytes?: number;
  /** Serve HTTPS with this certificate and key (PEM); plain HTTP without. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Handlers served beside the API, each under its own path prefix. */
  readonly mounts?: readonly HttpMount[];
}

/**
 * A handler for every request whose path is `prefix` or lies below it; the
 * bare prefix is redirected to `prefix/` (so pages there can use relative
 * URLs). The handler does its own authentication: the API's bearer check
 * and RBAC do not apply to it.
 */
export interface HttpMount {
  /** Starts with `/`, no trailing slash, e.g. `/ui`. */
  readonly prefix: string;
  /** `path` is the request path below the prefix (`/` for the prefix itself). */
  readonly handle: (req: IncomingMessage, res: ServerResponse, path: string) => void | Promise<void>;
}

/** Paths anyone may read, as kube-apiserver's `system:public-info-viewer` role allows. */
const PUBLIC: ReadonlySet<Route['type']> = new Set(['version', 'health']);

/** First path segments kube-apiserver answers: a mount may not hide them. */
const KUBE_PATHS = new Set(['api', 'apis', 'version', 'openapi', 'healthz', 'livez', 'readyz', 'metrics', 'logs', '.well-known']);

export function createHttpServer(opts: HttpServerOptions): Server {
  for (const m of opts.mounts ?? []) {
    if (!/^(\/[A-Za-z0-9._-]+)+$/.test(m.prefix) || KUBE_PATHS.has(m.prefix.split('/')[1] ?? '')) {
      throw new Error(`cannot mount a handler at ${JSON.stringify(m.prefix)}: a prefix is /NAME[/NAME...] outside the Kubernetes paths`);
    }
  }
  const ctx: HttpContext = {
    api: opts.api,
    revisions: new ClientRevisions(),
    now: () => opts.api.deps.epoch + opts.api.deps.clock.now(),
    bodyLimit: opts.bodyLimit ?? MAX_REQUEST_BODY_BYTES,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
    defaultWatchTimeoutMs: opts.defaultWatchTimeoutMs ?? 30 * 60_000,
    maxQueuedBytes: opts.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES,
  };
  let cached: { rev: number; discovery: Discovery } | undefined;
  const discovery = (): Discovery => {
    const store = opts.api.store;
    if (cached?.rev !== store.rev) cached = { rev: store.rev, discovery: new Discovery(opts.api.deps.kinds.kinds(store.head())) };
    return cached.discovery;
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(ctx, opts, discovery, req, res).catch((e: unknown) => {
      if (res.headersSent) res.destroy();
      else sendError(res, e);
    });
  };
  const server: Server = opts.tls === undefined ? createServer(listener) : createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, listener);
  // A client that trickles its request gets cut off rather than holding a socket forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 30_000;
  return server;
}

async function handle(
  ctx: HttpContext,
  opts: HttpServerOptions,
  discovery: () => Discovery,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://chronokube.invalid');
  for (const m of opts.mounts ?? []) {
    if (url.pathname === m.prefix) {
      res.writeHead(308, { Location: `${m.prefix}/${url.search}` });
      res.end();
      return;
    }
    if (url.pathname.startsWith(`${m.prefix}/`)) return m.handle(req, res, url.pathname.slice(m.prefix.length));
  }
  const r = route(url.pathname);
  let user = opts.anonymousUser ?? 'admin';
  if (opts.authenticate !== undefined && !PUBLIC.has(r.type)) {
    const u = opts.authenticate(req.headers.authorization);
    if (u === undefined) throw unauthorized();
    user = u;
  }
  const method = req.method ?? 'GET';
  // With RBAC on, who may do what is decided per request (paths included), and Impersonate-* headers are honoured.
  const authz = ctx.api.deps.authorize;
  const rbac: RbacAuthorizer | undefined = isRbacAuthorizer(authz) ? authz : undefined;
  const authenticated = rbac === undefined ? userOf(`client:${user}`) : rbac.userOf(`client:${user}`);
  const as = impersonation(req, authenticated, (u, attrs) => rbac?.check(u, attrs));
  const identity = as.user === authenticated ? authenticated : as.user;
  if (rbac !== undefined && r.type !== 'resource' && !PUBLIC.has(r.type)) {
    rbac.check(identity, { kind: 'nonResource', verb: method === 'HEAD' ? 'head' : method.toLowerCase(), path: url.pathname });
  }
  if (r.type !== 'resource' && method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  switch (r.type) {
    case 'version':
      return sendJson(res, 200, versionInfo());
    case 'health':
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache, private' });
      res.end('ok');
      return;
    case 'coreVersions':
      return sendJson(res, 200, discovery().coreVersions(req.headers.host ?? 'localhost'));
    case 'groups':
      return sendJson(res, 200, discovery().groupList());
    case 'group':
      return sendJson(res, 200, found(discovery().group(r.group)));
    case 'resources':
      return sendJson(res, 200, found(discovery().resourceList(r.group, r.version)));
    case 'openapiV3Root':
      return sendJson(res, 200, openApiV3Root(discovery()));
    case 'openapiV3':
      return sendJson(res, 200, found(openApiV3Document(discovery(), r.group, r.version)));
    case 'openapiV2':
    case 'notFound':
      throw notFoundPath();
    case 'resource': {
      const resolved = ctx.api.resolve(r.target);
      const caller: Caller = {
        user: identity.name,
        identity,
        extraGroups: as.extraGroups,
        ...(req.headers['user-agent'] === undefined ? {} : { userAgent: req.headers['user-agent'] }),
        ...optionalCause(req.headers[CAUSE_HEADER]),
      };
      const q = url.searchParams;
      if (method === 'GET') return handleGet(ctx, caller, req, res, q, r.target, resolved, negotiate(req.headers.accept));
      return handleWrite(ctx, caller, req, res, q, r.target, resolved);
    }
  }
}

function optionalCause(header: string | string[] | undefined): { cause?: readonly number[] } {
  const cause = parseCause(header);
  return cause === undefined ? {} : { cause };
}

function notFoundPath(): StatusError {
  return new StatusError(statusOf('NotFound', 'the server could not find the requested resource', {}));
}

function found<T>(v: T | undefined): T {
  if (v === undefined) throw notFoundPath();
  return v;
}
