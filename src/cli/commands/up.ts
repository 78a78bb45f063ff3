/**
 * `chronokube up`: a live cluster on the wall clock — the file history under
 * `--data` (default `.chronokube/`), the built-in controllers and `--nodes N`
 * simulated nodes — running until interrupted. Stopping and starting again
 * continues the same history.
 *
 * Until the HTTP API exists, manifests reach it through a watched folder:
 * files dropped into `DATA/inbox/` are applied (server-side apply as
 * `user:admin`) and moved to `DATA/inbox/applied/`, or to
 * `DATA/inbox/failed/` with the error beside them. A document
 * `{apiVersion: chronokube.io/v1alpha1, kind: Fault, spec: {kind: node-down, node: node-2}}`
 * injects a fault (recorded, like a scenario's). Other processes can read
 * the history meanwhile (`chronokube get --history DATA/history.ckh`).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Api } from '../../api/index.js';
import type { Fault } from '../../model/index.js';
import { asStatus, loadManifestPath } from '../../model/index.js';
import { Cluster, createWorld, loadControllers, SCENARIO_API_VERSION, SimScheduler, sleepOrWake, wallClock } from '../../runtime/index.js';
import type { CliIo } from '../io.js';
import { openSession } from '../session.js';

export interface UpOptions {
  readonly data?: string;
  readonly nodes?: number;
  /** Stop after this many ms of wall time (tests); run until a signal otherwise. */
  readonly stopAfterMs?: number;
  /** Modules exporting users' controllers. */
  readonly controllers?: readonly string[];
}

const INBOX_POLL_MS = 1000;

export async function upCommand(io: CliIo, opts: UpOptions, signal?: AbortSignal): Promise<number> {
  const data = opts.data ?? '.chronokube';
  const nodes = opts.nodes ?? 3;
  const inbox = join(data, 'inbox');
  for (const d of [inbox, join(inbox, 'applied'), join(inbox, 'failed')]) mkdirSync(d, { recursive: true });
  const extra = (await Promise.all((opts.controllers ?? []).map((f) => loadControllers(f)))).flat();
  const session = await openSession(join(data, 'history.ckh'), 'write', io.err, { strictServiceAccounts: true });
  const { api, store, log } = session;
  const clock = wallClock(log.header.epoch);
  const scheduler = new SimScheduler(clock);
  const world = createWorld();
  const cluster = new Cluster({ api, store, log, scheduler, world, seed: log.header.seed ?? 1 });
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  try {
    cluster.start(extra);
    for (let i = 1; i <= nodes; i++) cluster.addNode({ name: `node-${i}` });
    io.out(`chronokube up: ${nodes} nodes, history ${session.path} (revision ${store.rev}); drop manifests into ${inbox}/; Ctrl-C stops`);
    const poll = (): void => {
      scheduler.schedule(() => {
        void scheduler.track(applyInbox(io, inbox, api, cluster));
        poll();
      }, INBOX_POLL_MS);
    };
    poll();
    if (opts.stopAfterMs !== undefined) scheduler.schedule(() => stop.abort(), opts.stopAfterMs);
    await scheduler.runLive(stop.signal, sleepOrWake);
    await scheduler.settle();
    io.out(`chronokube up: stopped at revision ${store.rev}`);
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cluster.stop();
    await session.close();
  }
}

async function applyInbox(io: CliIo, inbox: string, api: Api, cluster: Cluster): Promise<void> {
  if (!existsSync(inbox)) return;
  const files = readdirSync(inbox, { withFileTypes: true })
    .filter((f) => f.isFile() && /\.(ya?ml|json)$/.test(f.name))
    .map((f) => f.name)
    .sort();
  for (const name of files) {
    const path = join(inbox, name);
    const errors: string[] = [];
    try {
      for (const doc of loadManifestPath(path)) {
        if (doc.object.apiVersion === SCENARIO_API_VERSION && doc.object.kind === 'Fault') {
          const spec = doc.object['spec'] as Partial<Record<string, unknown>> | undefined;
          const problem = faultProblem(spec);
          if (problem !== undefined) {
            errors.push(`${doc.source}: ${problem}`);
            continue;
          }
          const fault = spec as unknown as Fault;
          await cluster.fault(fault, 'user:admin');
          io.out(`${name}: fault ${fault.kind} injected`);
          continue;
        }
        try {
          const obj = await api.applyObject(doc.object, { actor: 'user:admin', fieldManager: 'chronokube' });
          io.out(`${name}: ${obj.kind}/${obj.metadata.name ?? ''} applied (revision ${obj.metadata.resourceVersion ?? ''})`);
        } catch (e) {
          const s = asStatus(e);
          if (s === undefined) throw e;
          errors.push(`${doc.source}: ${s.message}`);
        }
      }
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
    for (const err of errors) io.err(`${name}: ${err}`);
    const dest = join(inbox, errors.length === 0 ? 'applied' : 'failed', name);
    renameSync(path, dest);
    if (errors.length > 0) writeFileSync(`${dest}.error`, `${errors.join('\n')}\n`);
  }
}

const NODE_FAULTS = ['node-down', 'node-up', 'partition', 'heal', 'kubelet-restart'];

/** What is wrong with an injected fault's spec, if anything. */
function faultProblem(f: Partial<Record<string, unknown>> | undefined): string | undefined {
  if (f === undefined || typeof f !== 'object') return 'a Fault needs a spec';
  if (NODE_FAULTS.includes(String(f['kind']))) return typeof f['node'] === 'string' && f['node'] !== '' ? undefined : `a ${String(f['kind'])} fault needs spec.node`;
  if (f['kind'] === 'container-crash') {
    return typeof f['pod'] === 'string' && typeof f['container'] === 'string' ? undefined : 'a container-crash fault needs spec.pod (NAMESPACE/NAME) and spec.container';
  }
  return `unknown fault kind ${JSON.stringify(f['kind'])}: ${[...NODE_FAULTS, 'container-crash'].join(', ')}`;
}
