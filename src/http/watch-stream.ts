/**
 * A watch over HTTP: a 200 answer whose chunked body is one JSON watch event
 * (`{"type":"ADDED","object":{...}}`) per line, in revision order, until the
 * timeout, the end of the stream, or the client leaves.
 *
 * A client that stops reading cannot make the server grow without bound:
 * once a `write` reports a full socket buffer, further events wait in a
 * queue; when the queue passes `maxQueuedBytes` the client is dropped (its
 * connection closed), as kube-apiserver drops a watcher whose buffer fills.
 * It then re-lists or re-watches from its last resourceVersion. Each
 * watcher has its own queue, so a slow one never stalls the others.
 *
 * Fan-out is the cost under load (every write goes to every watcher), so an
 * object is serialized once however many watchers send it: the store's
 * objects are immutable, so a version's JSON never changes. (Batching a
 * tick's events into one socket write was tried, and corking: neither
 * lowered latency under the API bench.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Observable } from 'rxjs';
import type { WatchEvent } from '../model/index.js';
import { toStatus } from '../model/index.js';

/** Per-watcher bound on queued, unsent bytes (beyond the socket's own buffer). */
export const DEFAULT_MAX_QUEUED_BYTES = 16 * 1024 * 1024;

/** JSON of store objects already sent, by identity. */
const serialized = new WeakMap<object, string>();

function objectJson(o: object): string {
  let json = serialized.get(o);
  if (json === undefined) {
    json = JSON.stringify(o);
    serialized.set(o, json);
  }
  return json;
}

/** One watch event's line; the object's JSON shared with every other watcher sent the same object. */
function eventLine(e: WatchEvent, encode: ((e: WatchEvent) => unknown) | undefined): string {
  if (encode !== undefined) return `${JSON.stringify({ type: e.type, object: encode(e) })}\n`;
  return `{"type":${JSON.stringify(e.type)},"object":${objectJson(e.object)}}\n`;
}

export interface WatchStreamOptions {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly events$: Observable<WatchEvent>;
  /** End the stream cleanly after this long (timeoutSeconds). */
  readonly timeoutMs: number;
  /** What goes on the wire as the event's `object` (the object itself, or a Table of it). */
  readonly encode?: (e: WatchEvent) => unknown;
  /** Told the revision of every event written, for observedRev bookkeeping. */
  readonly onDelivered?: (rev: number) => void;
  readonly maxQueuedBytes?: number;
}

export interface WatchStreamHandle {
  /** Resolves when the stream has ended for any reason. */
  readonly done: Promise<'completed' | 'timeout' | 'closed' | 'dropped'>;
}

export function streamWatch(opts: WatchStreamOptions): WatchStreamHandle {
  const { req, res } = opts;
  const max = opts.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
  const encode = opts.encode;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  const queue: string[] = [];
  let queued = 0;
  let blocked = false;
  let ended = false;
  // Set once subscribed; an Observable that ends synchronously calls `finish` before that.
  const held: { subscription?: { unsubscribe(): void } } = {};
  let resolveDone: (r: 'completed' | 'timeout' | 'closed' | 'dropped') => void = () => undefined;
  const done = new Promise<'completed' | 'timeout' | 'closed' | 'dropped'>((r) => (resolveDone = r));

  const finish = (why: 'completed' | 'timeout' | 'closed' | 'dropped'): void => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    held.subscription?.unsubscribe();
    res.off('drain', flush);
    if (why === 'dropped') res.destroy();
    else if (why !== 'closed') res.end();
    resolveDone(why);
  };

  const flush = (): void => {
    blocked = false;
    while (queue.length > 0 && !blocked) {
      const line = queue.shift() as string;
      queued -= line.length;
      blocked = !res.write(line);
    }
    if (blocked) res.once('drain', flush);
    else if (completed) finish('completed');
  };

  const send = (line: string, rev: number | undefined): void => {
    if (ended) return;
    if (blocked) {
      queue.push(line);
      queued += line.length;
      if (queued > max) finish('dropped');
      return;
    }
    if (!res.write(line)) {
      blocked = true;
      res.once('drain', flush);
    }
    if (rev !== undefined) opts.onDelivered?.(rev);
  };

  let completed = false;
  const timer = setTimeout(() => finish('timeout'), opts.timeoutMs);
  req.on('close', () => finish('closed'));
  res.on('close', () => finish('closed'));
  held.subscription = opts.events$.subscribe({
    next: (e) => send(eventLine(e, encode), e.rev),
    error: (err: unknown) => {
      send(`${JSON.stringify({ type: 'ERROR', object: toStatus(err) })}\n`, undefined);
      completed = true;
      if (!blocked) finish('completed');
    },
    complete: () => {
      completed = true;
      if (!blocked) finish('completed');
    },
  });
  if (ended) held.subscription.unsubscribe();
  return { done };
}
