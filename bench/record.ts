/**
 * record_events_per_s: the recorder against chronokube's own HTTP server
 * under load, both in this process (so the figure includes serving the
 * watch): writes of ~1 KB ConfigMaps (creates, then merge patches, 4 at a
 * time in flight) while `record` lists and watches them into a file
 * history; the rate is changes recorded per second from the first write
 * until the recorder has written the last one (default 3,000 changes).
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createApi } from '../src/api/index.js';
import { record } from '../src/debug/record/recorder.js';
import { createHttpServer } from '../src/http/index.js';
import { createMemoryLog } from '../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../src/model/index.js';
import { virtualClock } from '../src/runtime/index.js';
import { openStore } from '../src/store/index.js';

export async function benchRecord(opts: { changes?: number } = {}): Promise<{ record_events_per_s: number }> {
  const changes = opts.changes ?? 3_000;
  const log = createMemoryLog({ format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: Date.UTC(2026, 0, 1), clock: 'virtual', seed: 1 });
  const store = await openStore(log);
  const api = createApi({ log, store, clock: virtualClock(0), ids: seededIds(seededRandom(1)) });
  await api.bootstrap();
  const server = createHttpServer({ api });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'bench', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'bench' }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
    currentContext: 'bench',
  });
  const dir = mkdtempSync(join(tmpdir(), 'ck-bench-record-'));
  const abort = new AbortController();
  let recorded = 0;
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((r) => (ready = r));
  let reached: () => void = () => undefined;
  const allRecorded = new Promise<void>((r) => (reached = r));
  const running = record({
    kubeConfig: kc,
    kinds: ['configmaps'],
    namespaces: ['default'],
    out: join(dir, 'bench.ckh'),
    signal: abort.signal,
    onReady: () => ready(),
    onProgress: (n) => {
      recorded = n;
      if (recorded >= changes) reached();
    },
  });
  await isReady;
  const cms = { group: '', version: 'v1', resource: 'configmaps', namespace: 'default' };
  const blob = 'y'.repeat(1000);
  const creates = Math.min(500, changes);
  const start = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < changes; i = next++) {
      const name = `cm-${i % creates}`;
      if (i < creates) await api.create(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { blob, n: String(i) } }, { actor: 'user:bench' });
      else await api.patch({ ...cms, name }, 'merge', { data: { n: String(i) } }, { actor: 'user:bench' });
      // In-process writes resolve as microtasks; yield so the server's sockets (the watch) are served meanwhile, as under real load.
      await new Promise((r) => setImmediate(r));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  await allRecorded;
  const seconds = (performance.now() - start) / 1000;
  abort.abort();
  await running;
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
  return { record_events_per_s: Math.round(changes / seconds) };
}
