/**
 * The web debugger's server: the page, its script, and small JSON endpoints
 * over one history. Every answer is bounded whatever the history's size —
 * density buckets instead of events, a window of events around the cursor,
 * one object, a tree of the open namespaces, searches that scan a bounded
 * number of records — so scrubbing a million-write history stays fast.
 *
 * Endpoints (GET, JSON): `/api/meta`, `/api/density?from&to&buckets&noise`,
 * `/api/frame?rev|time&key&noise` (what a scrub repaints: the write at the
 * cursor, the events around it and the selected object), `/api/object?key&rev`,
 * `/api/tree?rev&open=NS,NS`, `/api/nodes?rev`, `/api/why?key&rev`,
 * `/api/why-field?key&rev&field` (the write behind one field's value; 404
 * when the object or the field is not there),
 * `/api/search?q&from&dir&limit`, `/api/invariants`. The page names them
 * relative to itself, so the UI can be mounted under a prefix.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Invariant } from '../invariants/index.js';
import type { FaultRecord } from '../model/index.js';
import { faultSubject } from '../model/index.js';
import type { Store } from '../store/index.js';
import { clientBundle } from './client-bundle.js';
import { HistoryIndex } from './history-index.js';
import { InvariantScanner } from './invariant-marks.js';
import { nodesView } from './nodes-view.js';
import { objectTree } from './object-tree.js';
import { objectView } from './object-view.js';
import { pageHtml } from './page.js';
import { PodPlacement } from './pod-placement.js';
import { parseSearch, search, SearchSyntaxError } from './search-query.js';
import { fieldWhyView, NoSuchField } from './field-why-view.js';
import { whyView } from './why-view.js';

export interface UiModel {
  readonly store: Store;
  /** The history's faults; over a live cluster, an array its owner keeps appending to (read afresh by every request). */
  readonly faults: readonly FaultRecord[];
  /** Unix ms of the run's time 0. */
  readonly epoch: number;
  /** The history's name as shown and put in links (its file name). */
  readonly history: string;
  readonly invariants: readonly Invariant[];
  /** Revision the page opens at (default: head). */
  readonly at?: number;
  /** The store keeps growing (a running cluster): the page follows its head while the cursor is there. */
  readonly live?: boolean;
}

/**
 * Answers one request; `path` is the request's path below wherever the UI is
 * mounted (`/` for the page). The page asks for everything by relative URL,
 * so the same handler serves at `/` (`chronokube ui`) or under a prefix
 * such as `/ui/` beside the Kubernetes API (`chronokube up`).
 */
export type UiHandler = (req: IncomingMessage, res: ServerResponse, path: string) => void;

/** A fault as the timeline and the events panel show it. */
export interface FaultMark {
  readonly atRev: number;
  readonly time: number;
  readonly actor: string;
  readonly kind: string;
  readonly subject: string;
}

class BadRequest extends Error {}

/** The debugger as a stand-alone server at `/` (`chronokube ui`). */
export async function createUiServer(model: UiModel): Promise<Server> {
  const handle = await createUiHandler(model);
  return createServer((req, res) => handle(req, res, new URL(req.url ?? '/', 'http://localhost').pathname));
}

/**
 * The debugger's request handler. A recorded history's indexes are built
 * here, before the first request; a live one's on the first request that
 * needs them (a cluster whose UI nobody opens pays nothing), and then each
 * request first indexes the writes folded since the previous one.
 */
export async function createUiHandler(model: UiModel): Promise<UiHandler> {
  const js = await clientBundle();
  const store = model.store;
  let built: { index: HistoryIndex; placement?: PodPlacement; scanner: InvariantScanner } | undefined;
  const indexes = (): { index: HistoryIndex; placement?: PodPlacement; scanner: InvariantScanner } => {
    if (built === undefined) {
      built = {
        index: new HistoryIndex(store),
        scanner: new InvariantScanner(store, model.invariants, model.epoch, (f) => void setImmediate(f), () => performance.now()),
      };
    } else built.index.sync();
    return built;
  };
  const placement = (): PodPlacement => {
    const b = indexes();
    if (b.placement === undefined) b.placement = new PodPlacement(store);
    else b.placement.sync();
    return b.placement;
  };
  if (model.live !== true) placement();
  const html = pageHtml(model.history);
  let marks: { count: number; marks: FaultMark[] } = { count: 0, marks: [] };
  const faultMarks = (): FaultMark[] => {
    if (marks.count !== model.faults.length) {
      marks = {
        count: model.faults.length,
        marks: model.faults.map((f) => ({ atRev: f.atRev, time: f.time, actor: f.actor, kind: f.fault.kind, subject: faultSubject(f.fault) })),
      };
    }
    return marks.marks;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'the debugger only reads' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const q = url.searchParams;
    const rev = (): number => revision(q.get('rev'), store);
    const key = (): string => {
      const k = q.get('key');
      if (k === null || k.split('/').length !== 4) throw new BadRequest('key wants GROUP/RESOURCE/NAMESPACE/NAME');
      return k;
    };
    const noise = q.get('noise') === '1';
    switch (path) {
      case '/':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        return void res.end(html);
      case '/favicon.ico':
        res.writeHead(204);
        return void res.end();
      case '/app.js':
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
        return void res.end(js);
      case '/api/meta': {
        const { index, scanner } = indexes();
        scanner.start();
        scanner.follow();
        return sendJson(res, 200, {
          history: model.history,
          live: model.live === true,
          epoch: model.epoch,
          first: index.first,
          head: index.head,
          at: model.at ?? index.head,
          firstTime: index.time(index.first),
          lastTime: index.time(index.head),
          actors: index.actors,
          invariants: model.invariants.map((i) => i.name),
          faults: faultMarks().slice(0, 2000),
        });
      }
      case '/api/density': {
        const { index } = indexes();
        return sendJson(res, 200, index.density(num(q.get('from'), index.time(index.first)), num(q.get('to'), index.time(index.head)), num(q.get('buckets'), 200), noise));
      }
      case '/api/frame': {
        const { index } = indexes();
        const r = q.get('time') !== null ? index.revAtTime(num(q.get('time'), 0)) : rev();
        const k = q.get('key');
        const events = index.window(r, 12, 13, noise);
        const lo = events[0]?.rev ?? r;
        const hi = events[events.length - 1]?.rev ?? r;
        return sendJson(res, 200, {
          rev: r,
          time: index.time(r),
          head: index.head,
          write: index.row(r),
          events,
          faults: faultMarks().filter((f) => f.atRev >= lo && f.atRev < hi),
          ...(k === null || k === '' ? {} : { object: objectView(store, index, key(), r, noise) }),
        });
      }
      case '/api/object':
        return sendJson(res, 200, objectView(store, indexes().index, key(), rev(), noise));
      case '/api/tree': {
        const open = new Set((q.get('open') ?? '').split(',').map((s) => (s === '(cluster)' ? '' : s)).filter((s, i, a) => a.indexOf(s) === i));
        return sendJson(res, 200, { rev: rev(), namespaces: objectTree(store.at(rev()), open) });
      }
      case '/api/nodes':
        return sendJson(res, 200, { rev: rev(), nodes: nodesView(store.at(rev()), placement()) });
      case '/api/why':
        return sendJson(res, 200, { rev: rev(), root: whyView(store, model.faults, key(), rev()) ?? null });
      case '/api/why-field': {
        const field = q.get('field');
        if (field === null || field === '') throw new BadRequest('field wants a path such as spec.nodeName or /spec/nodeName');
        return sendJson(res, 200, fieldWhyView(store, model.faults, key(), field, rev()));
      }
      case '/api/search': {
        const { index } = indexes();
        const dir = q.get('dir') === 'prev' ? 'prev' : 'next';
        const from = q.get('from') === null ? (dir === 'next' ? store.compactedRev : store.rev + 1) : num(q.get('from'), 0);
        const found = search(store, parseSearch(q.get('q') ?? ''), from, dir, Math.min(200, num(q.get('limit'), 50)));
        return sendJson(res, 200, { ...found, events: found.revs.flatMap((r) => index.row(r) ?? []) });
      }
      case '/api/invariants': {
        const { index, scanner } = indexes();
        scanner.start();
        scanner.follow();
        return sendJson(res, 200, { done: scanner.done, head: index.head, invariants: scanner.marks((r) => index.time(r)) });
      }
      default:
        return sendJson(res, 404, { error: `no such page: ${path}` });
    }
  };
  return (req, res, path) => {
    try {
      handle(req, res, path);
    } catch (e) {
      const code = e instanceof BadRequest || e instanceof SearchSyntaxError ? 400 : e instanceof NoSuchField ? 404 : 500;
      sendJson(res, code, { error: e instanceof Error ? e.message : String(e) });
    }
  };
}

function num(v: string | null, fallback: number): number {
  if (v === null || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new BadRequest(`not a number: "${v}"`);
  return n;
}

function revision(v: string | null, store: Store): number {
  const r = num(v, store.rev);
  if (!Number.isInteger(r) || r < store.compactedRev || r > store.rev) throw new BadRequest(`revision ${v ?? ''} is outside the history (${store.compactedRev}..${store.rev})`);
  return r;
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
