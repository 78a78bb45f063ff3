/**
 * The Kubernetes API over a history as it was at one revision: every read
 * (get, list, watch, discovery, pod logs, Table ages) answers from a store
 * pinned at REV on a clock stopped at REV's time; every write verb, dry runs
 * included, is refused with 405 MethodNotAllowed and appends nothing. Served
 * by `createHttpServer` unchanged, so kubectl, k9s or any client can browse
 * the past.
 *
 * @example
 * const api = readOnlyApi({ log, store, rev: 120 });
 * createHttpServer({ api }).listen(8001, '127.0.0.1');
 */
import type { ApiOptions, DeleteOutcome } from '../api/index.js';
import { Api } from '../api/index.js';
import type { Command, KubeObject, StatusError } from '../model/index.js';
import { methodNotAllowed, seededIds, seededRandom } from '../model/index.js';
import type { Store } from '../store/index.js';
import { pinnedStore } from './pinned-store.js';

export interface ReadOnlyApiOptions {
  readonly log: ApiOptions['log'];
  /** The whole history's store; it is only read. */
  readonly store: Store;
  /** The revision served (default: the store's head). */
  readonly rev?: number;
}

class ReadOnlyApi extends Api {
  private refuse(): Promise<never> {
    return Promise.reject(readOnly(this.store.rev));
  }
  override create(): Promise<KubeObject> {
    return this.refuse();
  }
  override update(): Promise<KubeObject> {
    return this.refuse();
  }
  override patch(): Promise<KubeObject> {
    return this.refuse();
  }
  override apply(): Promise<KubeObject> {
    return this.refuse();
  }
  override delete(): Promise<DeleteOutcome> {
    return this.refuse();
  }
  override deleteCollection(): Promise<readonly KubeObject[]> {
    return this.refuse();
  }
  override applyObject(): Promise<KubeObject> {
    return this.refuse();
  }
  override execute(_command: Command): Promise<KubeObject> {
    return this.refuse();
  }
  override bootstrap(): Promise<void> {
    return this.refuse();
  }
}

/** The 405 every write gets: kube-apiserver's message for a verb a resource does not serve, and why. */
export function readOnly(rev: number): StatusError {
  return methodNotAllowed(`the server does not allow this method on the requested resource: this is a recorded history served read-only at revision ${rev}`);
}

export function readOnlyApi(opts: ReadOnlyApiOptions): Api {
  const rev = opts.rev ?? opts.store.rev;
  const store = pinnedStore(opts.store, rev);
  const time = rev === 0 ? 0 : (opts.store.write(rev)?.time ?? 0);
  return new ReadOnlyApi({ log: opts.log, store, clock: { now: () => time }, ids: seededIds(seededRandom(rev)) });
}
