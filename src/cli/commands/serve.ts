/**
 * `chronokube serve HISTORY [--at REV|TIME] [--port N]`: the cluster as it
 * was at one revision, served as a read-only Kubernetes API over plain HTTP
 * on loopback (default port 8001, like `kubectl proxy`), until interrupted.
 * Lists and gets answer at REV, watches send what happened up to REV and
 * end, Table ages are measured to REV's time, and every write is refused
 * with 405 MethodNotAllowed. No token: anyone on this machine may read it.
 *
 * @example
 * chronokube serve incident.ckh --at 2024-05-01T10:42:00Z
 * kubectl --server http://127.0.0.1:8001 get pods -A
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';
import { createHttpServer, readOnlyApi, writeKubeconfig } from '../../http/index.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import { openSession } from '../session.js';

export interface ServeOptions {
  readonly at?: string;
  /** Port (default 8001; 0 picks a free one). */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly address?: string;
  /** Also write a kubeconfig naming the server here. */
  readonly kubeconfig?: string;
  /** Told the URL and revision once listening (tests). */
  readonly onListening?: (info: { readonly url: string; readonly rev: number }) => void;
}

export const DEFAULT_SERVE_PORT = 8001;

/** `history`: the file (default .chronokube/history.ckh). */
export async function serveCommand(io: CliIo, history: string | undefined, opts: ServeOptions, signal?: AbortSignal): Promise<number> {
  const session = await openSession(history, 'read', io.err);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  let server: Server | undefined;
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  try {
    await prepareAt(session, opts.at);
    const rev = resolveAt(session.store, session.log.header.epoch, opts.at);
    const api = readOnlyApi({ log: session.log, store: session.store, rev });
    const address = opts.address ?? '127.0.0.1';
    const s = createHttpServer({ api, anonymousUser: 'reader' });
    server = s;
    await listen(s, opts.port ?? DEFAULT_SERVE_PORT, address);
    const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
    const url = `http://${isIPv6(host) ? `[${host}]` : host}:${(s.address() as AddressInfo).port}`;
    if (opts.kubeconfig !== undefined) writeKubeconfig(opts.kubeconfig, { server: url, token: 'read-only', name: 'chronokube-past' });
    const time = session.store.write(rev)?.time;
    const when = time === undefined ? '' : ` (${new Date(session.log.header.epoch + time).toISOString()})`;
    io.out(`chronokube serve: ${session.path} at revision ${rev}${when} of ${session.store.rev}, read-only, on ${url}`);
    io.out(`  kubectl --server ${url} get pods -A${opts.kubeconfig === undefined ? '' : `   (or KUBECONFIG=${opts.kubeconfig})`}; Ctrl-C stops`);
    opts.onListening?.({ url, rev });
    if (!stop.signal.aborted) await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    signal?.removeEventListener('abort', onSignal);
    if (server !== undefined) await close(server);
    await session.close();
  }
}

function listen(server: Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
