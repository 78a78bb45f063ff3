/**
 * `chronokube ui --history FILE [--at REV|TIME] [--port N]`: the web
 * debugger over a history, on http://127.0.0.1:PORT (default 7070), until
 * interrupted. The page opens at `--at` (default: the newest revision); the
 * built-in invariants, plus any from `--invariants-module`, are marked where
 * they fail. It only reads the history: a running cluster may keep writing it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtinInvariants, loadInvariants } from '../../invariants/index.js';
import { createUiServer, openHistory } from '../../ui/index.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import { CliError, DEFAULT_HISTORY } from '../session.js';
import { existsSync } from 'node:fs';

export interface UiOptions {
  readonly history?: string;
  readonly at?: string;
  /** Port (default 7070; 0 picks a free one). */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly address?: string;
  readonly invariantsModule?: string;
  /** Told the page's URL once listening (tests, benchmarks). */
  readonly onListening?: (info: { readonly url: string; readonly rev: number }) => void;
}

export const DEFAULT_UI_PORT = 7070;

export async function uiCommand(io: CliIo, opts: UiOptions, signal?: AbortSignal): Promise<number> {
  const path = opts.history ?? DEFAULT_HISTORY;
  if (!existsSync(path)) throw new CliError(`no history at ${path}: pass --history FILE (chronokube run SCENARIO --out FILE writes one)`);
  const extra = opts.invariantsModule === undefined ? [] : await loadInvariants(opts.invariantsModule);
  const opened = await openHistory(path, io.err);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  let server: Server | undefined;
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  try {
    await prepareAt(opened, opts.at);
    const rev = resolveAt(opened.store, opened.epoch, opts.at);
    const s = await createUiServer({ store: opened.store, faults: opened.faults, epoch: opened.epoch, history: opened.name, invariants: [...builtinInvariants, ...extra], at: rev });
    server = s;
    const address = opts.address ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(opts.port ?? DEFAULT_UI_PORT, address, () => {
        s.off('error', reject);
        resolve();
      });
    });
    const host = address === '0.0.0.0' ? '127.0.0.1' : address;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${(s.address() as AddressInfo).port}/?history=${encodeURIComponent(opened.name)}&rev=${rev}`;
    io.out(`chronokube ui: ${opened.path} (${opened.store.rev} revisions) at ${url}`);
    io.out('  open it in a browser; ? on the page lists the keyboard shortcuts; Ctrl-C stops');
    opts.onListening?.({ url, rev });
    if (!stop.signal.aborted) await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    signal?.removeEventListener('abort', onSignal);
    if (server !== undefined) {
      const sv = server;
      await new Promise<void>((resolve) => {
        sv.close(() => resolve());
        sv.closeAllConnections();
      });
    }
    await opened.close();
  }
}
