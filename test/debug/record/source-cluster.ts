/**
 * chronokube's own HTTP server standing in for a real cluster in recorder
 * tests: an in-memory stack behind `createHttpServer` on a loopback port,
 * a kubeconfig for it, and `compactAndRestart` — stop the server, compact
 * the history (so old resourceVersions answer 410 Expired), and serve again
 * on the same port, as a real API server does after etcd compaction.
 */
import type { Server } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { createApi, type Api } from '../../../src/api/index.js';
import { createHttpServer } from '../../../src/http/index.js';
import type { KubeObject } from '../../../src/model/index.js';
import { seededIds, seededRandom } from '../../../src/model/index.js';
import { virtualClock } from '../../../src/runtime/index.js';
import { checkpointOf, openStore, type Store } from '../../../src/store/index.js';
import { harness } from '../../api/harness.js';
import { freePort } from '../../http/up-process.js';
import type { Log } from '../../../src/log/index.js';

export interface SourceCluster {
  api: Api;
  store: Store;
  readonly log: Log;
  readonly kubeConfig: KubeConfig;
  /** Closes every connection (watches too) and stops listening. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Compacts the history at its head while stopped; the next start serves the compacted one. */
  compact(): Promise<void>;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

export async function sourceCluster(): Promise<SourceCluster> {
  const h = await harness();
  const port = await freePort();
  let server: Server | undefined;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'source', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'recorder' }],
    contexts: [{ name: 'source', cluster: 'source', user: 'recorder' }],
    currentContext: 'source',
  });
  const src: SourceCluster = {
    api: h.api,
    store: h.store,
    log: h.log,
    kubeConfig: kc,
    async start() {
      server = createHttpServer({ api: src.api });
      await listen(server, port);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = undefined;
        if (s === undefined) return resolve();
        s.closeAllConnections();
        s.close(() => resolve());
      }),
    async compact() {
      await h.log.compact(checkpointOf(src.store.at(src.store.rev)));
      src.store = await openStore(h.log);
      src.api = createApi({ log: h.log, store: src.store, clock: virtualClock(0), ids: seededIds(seededRandom(99)) });
    },
  };
  await src.start();
  return src;
}

/** An object as the source holds it, without its resourceVersion (a history stamps its own). */
export function comparable(o: KubeObject | undefined): unknown {
  if (o === undefined) return undefined;
  const { resourceVersion: _rv, ...metadata } = o.metadata;
  return JSON.parse(JSON.stringify({ ...o, metadata })) as unknown;
}
