/**
 * List-then-watch of one resource (in one namespace, or all), as client-go's
 * reflector does it, reporting what it sees to a sink:
 *
 * - `list`: a full (paged) list and its resourceVersion — at the start, and
 *   again whenever the watch's resourceVersion has expired (`410 Gone` /
 *   `Expired`, as an ERROR event or an HTTP status), since the changes in
 *   between can no longer be replayed: the sink diffs and notes the gap;
 * - `event`: each ADDED / MODIFIED / DELETED, in the server's order.
 *
 * The watch (client-node's `Watch`, with `allowWatchBookmarks`) resumes
 * from the last resourceVersion seen (bookmarks advance it) after a normal
 * close at once, and after a failure (refused connection, reset) with
 * exponential backoff from 200 ms to 10 s, reset by the next success.
 * Listing items get their `apiVersion` and `kind` back (lists omit them).
 */
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../../model/index.js';
import { sleepOrWake } from '../../runtime/index.js';
import { apiVersionOf, collectionPath, resourceName, type RecordedResource } from './discover-resources.js';
import { getJson, KubeRequestError } from './kube-request.js';

export type WatchOutput =
  | { readonly type: 'list'; readonly resource: RecordedResource; readonly namespace?: string; readonly items: readonly KubeObject[]; readonly listRv: string; readonly fromRv?: string }
  | { readonly type: 'event'; readonly resource: RecordedResource; readonly event: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: KubeObject };

export const MIN_BACKOFF_MS = 200;
export const MAX_BACKOFF_MS = 10_000;
const PAGE = 500;

type Outcome = 'expired' | 'closed' | 'failed';

const isExpired = (code: unknown): boolean => code === 410;

export class ResourceWatcher {
  private stopped = false;
  private wake: () => void = () => undefined;
  private readonly stopping = new Promise<void>((r) => (this.wake = r));
  private controller: AbortController | undefined;
  private backoff = MIN_BACKOFF_MS;
  private running: Promise<void> | undefined;
  /** The newest resourceVersion seen (list, event or bookmark). */
  lastRv = '';

  constructor(
    private readonly kc: KubeConfig,
    readonly resource: RecordedResource,
    readonly namespace: string | undefined,
    private readonly sink: (o: WatchOutput) => void,
    private readonly warn: (m: string) => void,
  ) {}

  get name(): string {
    return `${resourceName(this.resource)}${this.namespace === undefined ? '' : ` in ${this.namespace}`}`;
  }

  /** Lists (retrying until it works or the watcher stops), then watches in the background. */
  async start(): Promise<void> {
    await this.relist(undefined);
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    this.controller?.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const outcome = await this.watchOnce();
      if (this.stopped) return;
      if (outcome === 'expired') {
        const from = this.lastRv;
        this.warn(`${this.name}: resourceVersion ${from} expired (410 Gone); listing again`);
        await this.relist(from);
      } else if (outcome === 'failed') {
        await sleepOrWake(this.backoff, this.stopping);
        this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private async relist(fromRv: string | undefined): Promise<void> {
    while (!this.stopped) {
      try {
        const { items, listRv } = await this.list();
        this.lastRv = listRv;
        this.backoff = MIN_BACKOFF_MS;
        this.sink({ type: 'list', resource: this.resource, ...(this.namespace === undefined ? {} : { namespace: this.namespace }), items, listRv, ...(fromRv === undefined ? {} : { fromRv }) });
        return;
      } catch (e) {
        this.warn(`${this.name}: list failed (${(e as Error).message}); retrying in ${this.backoff} ms`);
        await sleepOrWake(this.backoff, this.stopping);
        this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private async list(): Promise<{ items: KubeObject[]; listRv: string }> {
    const items: KubeObject[] = [];
    let token = '';
    let listRv = '';
    do {
      const q = new URLSearchParams({ limit: String(PAGE), ...(token === '' ? {} : { continue: token }) });
      const page = (await getJson(this.kc, `${collectionPath(this.resource, this.namespace)}?${q.toString()}`)) as {
        metadata?: { resourceVersion?: string; continue?: string };
        items?: KubeObject[];
      };
      for (const item of page.items ?? []) items.push(this.complete(item));
      listRv = page.metadata?.resourceVersion ?? listRv;
      token = page.metadata?.continue ?? '';
    } while (token !== '' && !this.stopped);
    return { items, listRv };
  }

  private complete(o: KubeObject): KubeObject {
    return { ...o, apiVersion: o.apiVersion ?? apiVersionOf(this.resource), kind: o.kind ?? this.resource.kind };
  }

  private watchOnce(): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      let expired = false;
      let sawEvent = false;
      const onEvent = (type: string, obj: unknown): void => {
        if (this.stopped) return;
        const o = obj as KubeObject & { code?: unknown };
        if (type === 'ERROR') {
          if (isExpired(o.code)) expired = true;
          else this.warn(`${this.name}: watch error ${JSON.stringify(obj)}`);
          return;
        }
        const rv = o.metadata?.resourceVersion;
        if (typeof rv === 'string' && rv !== '') this.lastRv = rv;
        this.backoff = MIN_BACKOFF_MS;
        sawEvent = true;
        if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') this.sink({ type: 'event', resource: this.resource, event: type, object: this.complete(o) });
      };
      const onDone = (err: unknown): void => {
        this.controller = undefined;
        const status = (err as { statusCode?: unknown } | null)?.statusCode;
        if (expired || isExpired(status)) resolve('expired');
        // A watch the server ends before anything arrived is retried with backoff, not in a tight loop.
        else resolve((err === null || err === undefined) && sawEvent ? 'closed' : 'failed');
      };
      const params = { resourceVersion: this.lastRv, allowWatchBookmarks: true };
      new Watch(this.kc)
        .watch(collectionPath(this.resource, this.namespace), params, onEvent, onDone)
        .then((c) => {
          this.controller = c;
          if (this.stopped) c.abort();
        })
        .catch((e: unknown) => {
          if (e instanceof KubeRequestError) resolve(isExpired(e.status) ? 'expired' : 'failed');
          else resolve('failed');
        });
    });
  }
}
