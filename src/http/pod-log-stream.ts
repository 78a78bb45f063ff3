/**
 * GET `pods/NAME/log`: the simulated container's log (api/pod-log.ts) as
 * `text/plain`, with kube-apiserver's query parameters — `container`,
 * `previous`, `tailLines`, `timestamps`, `sinceSeconds`/`sinceTime`,
 * `limitBytes` and `follow`. A follower gets the lines so far, then every
 * line the history adds to the same container instance, as the pod and its
 * events change; the stream ends when that instance terminates, the pod is
 * deleted, the byte limit is reached, or the client goes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { merge } from 'rxjs';
import type { Subscription } from 'rxjs';
import type { LogLine, PodLog, PodLogOptions, Target } from '../api/index.js';
import { formatLogLine, podLog } from '../api/index.js';
import { badRequest, objectKey } from '../model/index.js';
import type { HttpContext } from './http-context.js';
import { boolParam, intParam } from './query-options.js';

export function handlePodLog(ctx: HttpContext, req: IncomingMessage, res: ServerResponse, q: URLSearchParams, target: Target): void {
  const { subresource: _log, ...podTarget } = target;
  const pod = ctx.api.get(podTarget);
  const timestamps = boolParam(q, 'timestamps');
  const follow = boolParam(q, 'follow');
  const opts = logOptions(ctx, q);
  // Every line derived now was revealed at or before this revision; a follower sends only later ones.
  let lastRev = ctx.api.store.rev;
  const first = podLog(ctx.api.deps, pod, opts);
  let budget = opts.limitBytes ?? Number.POSITIVE_INFINITY;
  const write = (lines: readonly LogLine[]): boolean => {
    for (const line of lines) {
      let text = formatLogLine(line, timestamps);
      if (Buffer.byteLength(text) > budget) text = Buffer.from(text).subarray(0, budget).toString();
      budget -= Buffer.byteLength(text);
      res.write(text);
      lastRev = Math.max(lastRev, line.rev);
      if (budget <= 0) return false;
    }
    return true;
  };
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', ...(follow ? { 'Transfer-Encoding': 'chunked' } : {}) });
  const more = write(first.lines);
  if (!follow || first.ended || !more) {
    res.end();
    return;
  }
  res.flushHeaders();
  followLog(ctx, req, res, podTarget, pod.metadata.uid, first, (log) => {
    const fresh = log.lines.filter((l) => l.rev > lastRev);
    return write(fresh);
  });
}

function followLog(
  ctx: HttpContext,
  req: IncomingMessage,
  res: ServerResponse,
  podTarget: Target,
  uid: string | undefined,
  first: PodLog,
  send: (log: PodLog) => boolean,
): void {
  const store = ctx.api.store;
  const namespace = podTarget.namespace ?? '';
  const name = podTarget.name ?? '';
  // Set once subscribed: the watches may call `finish` while subscribing.
  const held: { sub?: Subscription } = {};
  let ended = false;
  const finish = (): void => {
    if (ended) return;
    ended = true;
    held.sub?.unsubscribe();
    if (!res.destroyed) res.end();
  };
  const step = (): void => {
    if (ended) return;
    const pod = store.head().get(objectKey({ group: '', resource: 'pods', namespace, name }));
    if (pod === undefined || pod.metadata.uid !== uid) return finish();
    let log: PodLog;
    try {
      log = podLog(ctx.api.deps, pod, { container: first.container });
      // A newer instance started: the followed one has ended; send its last lines from `previous`.
      if (log.instance !== first.instance) log = podLog(ctx.api.deps, pod, { container: first.container, previous: true });
    } catch {
      return finish();
    }
    if (log.instance !== first.instance) return finish();
    if (!send(log) || log.ended) finish();
  };
  const afterRev = store.rev;
  held.sub = merge(
    store.watch({ scope: { group: '', resource: 'pods', namespace }, afterRev, filter: (o) => o.metadata.name === name }),
    store.watch({ scope: { group: '', resource: 'events', namespace }, afterRev }),
  ).subscribe({ next: step, complete: finish, error: finish });
  if (ended) held.sub.unsubscribe();
  req.on('close', finish);
  res.on('close', finish);
  step();
}

function logOptions(ctx: HttpContext, q: URLSearchParams): PodLogOptions {
  const container = q.get('container');
  const tailLines = intParam(q, 'tailLines');
  const limitBytes = intParam(q, 'limitBytes');
  const sinceSeconds = intParam(q, 'sinceSeconds');
  const sinceTime = q.get('sinceTime');
  if (sinceSeconds !== undefined && sinceTime !== null) throw badRequest('at most one of sinceTime or sinceSeconds may be specified');
  if (sinceSeconds !== undefined && sinceSeconds < 1) throw badRequest(`sinceSeconds: Invalid value: ${sinceSeconds}: must be greater than 0`);
  let sinceMs: number | undefined;
  if (sinceSeconds !== undefined) sinceMs = ctx.now() - sinceSeconds * 1000;
  if (sinceTime !== null) {
    sinceMs = Date.parse(sinceTime);
    if (Number.isNaN(sinceMs)) throw badRequest(`sinceTime: Invalid value: "${sinceTime}": must be an RFC 3339 time`);
  }
  return {
    ...(container === null || container === '' ? {} : { container }),
    previous: boolParam(q, 'previous'),
    ...(tailLines === undefined ? {} : { tailLines }),
    ...(limitBytes === undefined ? {} : { limitBytes }),
    ...(sinceMs === undefined ? {} : { sinceMs }),
  };
}
