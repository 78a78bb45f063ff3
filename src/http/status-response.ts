/**
 * Writing answers: JSON bodies and `Status` errors. Every error the HTTP
 * front sends goes through `sendError`, so a client always gets a `Status`
 * object with the code its `reason` implies (anything else becomes 500
 * InternalError, never a bare stack trace).
 */
import type { ServerResponse } from 'node:http';
import type { Status } from '../model/index.js';
import { toStatus } from '../model/index.js';

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(text);
}

/** Sends `e` as a Status with its code; a Status with `retryAfterSeconds` also sets Retry-After. */
export function sendError(res: ServerResponse, e: unknown): Status {
  const status = toStatus(e);
  const retry = status.details?.retryAfterSeconds;
  sendJson(res, status.code, status, retry === undefined ? {} : { 'Retry-After': String(retry) });
  return status;
}

/** The Status Kubernetes answers to a successful delete that removed the object at once. */
export function successStatus(details: { name: string; group: string; kind: string; uid?: string }): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}
