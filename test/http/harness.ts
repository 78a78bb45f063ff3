/**
 * An in-process HTTP front over the in-memory api harness, listening on a
 * free loopback port, plus a small fetch helper that parses JSON answers.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../../src/http/index.js';
import type { HttpServerOptions } from '../../src/http/index.js';
import { harness } from '../api/harness.js';
import type { Harness } from '../api/harness.js';

export interface HttpHarness extends Harness {
  readonly server: Server;
  readonly base: string;
  close(): Promise<void>;
}

export async function httpHarness(opts: Omit<HttpServerOptions, 'api'> = {}): Promise<HttpHarness> {
  const h = await harness();
  const server = createHttpServer({ api: h.api, ...opts });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    ...h,
    server,
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Answer {
  readonly code: number;
  readonly body: Record<string, unknown> & { kind?: string; reason?: string; code?: number; message?: string };
  readonly headers: Headers;
}

export async function call(base: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Answer> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const res = await fetch(`${base}${path}`, { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  const text = await res.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = { text } as Answer['body'];
  }
  return { code: res.status, body, headers: res.headers };
}
