/** What every request handler is given: the api, bookkeeping, limits and timings, fixed at server creation. */
import type { Api, UserInfo } from '../api/index.js';
import type { ClientRevisions } from './client-revisions.js';

export interface HttpContext {
  readonly api: Api;
  readonly revisions: ClientRevisions;
  /** Unix milliseconds now (the api's clock plus the history's epoch): Table ages are measured to it. */
  readonly now: () => number;
  readonly bodyLimit: number;
  /** Period of watch BOOKMARK events for clients that allow them. */
  readonly bookmarkIntervalMs: number;
  /** How long a watch without `timeoutSeconds` runs (kube-apiserver: 30 to 60 minutes). */
  readonly defaultWatchTimeoutMs: number;
  readonly maxQueuedBytes: number;
}

/** The authenticated (or impersonated) caller of one request. */
export interface Caller {
  /** The user name: writes are recorded as `client:USER`. */
  readonly user: string;
  /** The user and groups the request is authorized as (access reviews answer for these). */
  readonly identity: UserInfo;
  /** Impersonated groups an actor cannot carry: only access reviews accept them. */
  readonly extraGroups: boolean;
  readonly userAgent?: string;
  readonly cause?: readonly number[];
}
