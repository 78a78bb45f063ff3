/**
 * `chronokube up`: a live cluster on the wall clock — the file history under
 * `--data` (default `.chronokube/`), the built-in controllers and `--nodes N`
 * simulated nodes — running until interrupted. Stopping and starting again
 * continues the same history.
 *
 * It serves the Kubernetes API over HTTPS on `--address` (default
 * 127.0.0.1, loopback only unless asked) and `--port` (default 6443), with a
 * bearer token generated at first start (`DATA/token`) and a self-signed
 * certificate (`DATA/tls.crt`, `DATA/tls.key`) unless `--tls-cert` and
 * `--tls-key` name the user's own; it writes a kubeconfig (`--kubeconfig`,
 * default `DATA/kubeconfig`) that kubectl and client libraries use as it is.
 * Writes over HTTP are recorded as `client:admin`.
 *
 * Service account tokens (`kubectl create token SA`) are signed with an RSA
 * key generated at first start beside the TLS key (`DATA/sa.key`, kubeadm's
 * name), so they outlive a restart. The API accepts them as
 * `system:serviceaccount:NS:NAME` (RBAC decides what they may do; their writes
 * are recorded as `client:system:serviceaccount:NS:NAME`); the web debugger
 * does not — it admits only the admin token, because it shows every object.
 *
 * The web debugger follows the running cluster's history on the same port
 * under `/ui/` (unless `--no-ui`): `up` prints its URL with the API token
 * in it (`https://127.0.0.1:6443/ui/?token=…`); the first visit trades the
 * token for a cookie and drops it from the address bar. The UI admits
 * exactly whom the API admits, because it shows every object, Secrets
 * included, and `--address` may put the port beyond loopback. With
 * `--ui-port N` it is also served over plain HTTP at `http://127.0.0.1:N/`
 * (loopback only, whatever `--address` says), for a browser that should not
 * meet the self-signed certificate's warning.
 *
 * Manifests also reach it through a watched folder: files dropped into `DATA/inbox/` are applied (server-side apply as
 * `user:admin`) and moved to `DATA/inbox/applied/`, or to
 * `DATA/inbox/failed/` with the error beside them. A document
 * `{apiVersion: chronokube.io/v1alpha1, kind: Fault, spec: {kind: node-down, node: node-2}}`
 * injects a fault (recorded, like a scenario's). Other processes can read
 * the history meanwhile (`chronokube get --history DATA/history.ckh`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIPv6 } from 'node:net';
import { basename, join } from 'node:path';
import type { Api } from '../../api/index.js';
import { rsaTokenSigner, useServiceAccountTokenSigner } from '../../api/index.js';
import type { Fault } from '../../model/index.js';
import { asStatus, loadManifestPath } from '../../model/index.js';
import { Cluster, createWorld, installClusterAddons, loadControllers, SCENARIO_API_VERSION, SimScheduler, sleepOrWake, wallClock } from '../../runtime/index.js';
import type { Authenticator } from '../../http/index.js';
import {
  anyAuthenticator,
  createHttpServer,
  loadOrCreateCert,
  loadOrCreateSigningKey,
  loadOrCreateToken,
  serviceAccountTokenAuthenticator,
  tokenAuthenticator,
  writeKubeconfig,
} from '../../http/index.js';
import { builtinInvariants } from '../../invariants/index.js';
import type { UiHandler } from '../../ui/index.js';
import { createUiHandler, followFaults, uiTokenGate } from '../../ui/index.js';
import type { CliIo } from '../io.js';
import { CliError, openSession } from '../session.js';

export interface UpOptions {
  readonly data?: string;
  readonly nodes?: number;
  /** Stop after this many ms of wall time (tests); run until a signal otherwise. */
  readonly stopAfterMs?: number;
  /** Modules exporting users' controllers. */
  readonly controllers?: readonly string[];
  /** API port (default 6443; 0 picks a free one). */
  readonly port?: number;
  /** Address to bind (default 127.0.0.1). */
  readonly address?: string;
  /** Where to write the kubeconfig (default DATA/kubeconfig). */
  readonly kubeconfig?: string;
  /** The user's own certificate and key (PEM files); a self-signed pair is generated otherwise. */
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  /** Serve the web debugger under `/ui/` (default true). */
  readonly ui?: boolean;
  /** Also serve the web debugger over plain HTTP on 127.0.0.1 at this port (0 picks a free one). */
  readonly uiPort?: number;
  /** Told the server's URL, kubeconfig path and the UI's URL (token included) once it listens (tests). */
  readonly onListening?: (info: { readonly url: string; readonly kubeconfig: string; readonly ui?: string }) => void;
}

/** The user HTTP writes are recorded for: `client:admin`. */
export const HTTP_USER = 'admin';

const INBOX_POLL_MS = 1000;

/** Where the web debugger is mounted beside the API (no Kubernetes path starts so). */
export const UI_PREFIX = '/ui';

/** Who manifests dropped into the inbox are applied as. */
const INBOX_ACTOR = 'user:admin';

export async function upCommand(io: CliIo, opts: UpOptions, signal?: AbortSignal): Promise<number> {
  if (opts.ui === false && opts.uiPort !== undefined) throw new CliError('--ui-port serves the web debugger, which --no-ui turns off');
  const data = opts.data ?? '.chronokube';
  const nodes = opts.nodes ?? 3;
  const inbox = join(data, 'inbox');
  for (const d of [inbox, join(inbox, 'applied'), join(inbox, 'failed')]) mkdirSync(d, { recursive: true });
  const extra = (await Promise.all((opts.controllers ?? []).map((f) => loadControllers(f)))).flat();
  const session = await openSession(join(data, 'history.ckh'), 'write', io.err, {
    strictServiceAccounts: true,
    rbac: true,
    // The inbox is the operator's (`user:admin`, as the admin token's `client:admin`); users' controllers have full rights.
    masters: [INBOX_ACTOR, ...extra.map((c) => c.actor ?? `controller:${c.name}`)],
  });
  const { api, store, log } = session;
  // The UI's faults are read now, before the cluster appends anything, and followed from here on.
  const followed = opts.ui === false ? undefined : await followFaults(log);
  const clock = wallClock(log.header.epoch);
  const scheduler = new SimScheduler(clock);
  const world = createWorld();
  const cluster = new Cluster({ api, store, log, scheduler, world, seed: log.header.seed ?? 1 });
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  let server: Server | undefined;
  let uiServer: Server | undefined;
  try {
    await installClusterAddons(api);
    cluster.start(extra);
    for (let i = 1; i <= nodes; i++) cluster.addNode({ name: `node-${i}` });
    const ui =
      followed === undefined
        ? undefined
        : await createUiHandler({ store, faults: followed.faults, epoch: log.header.epoch, history: basename(session.path), invariants: builtinInvariants, live: true });
    const served = await serveApi(api, data, opts, ui);
    server = served.server;
    if (ui !== undefined && opts.uiPort !== undefined) {
      const plain = await servePlainUi(ui, served.authenticate, opts.uiPort);
      uiServer = plain.server;
      served.ui = `${plain.url}/?token=${served.token}`;
    }
    opts.onListening?.({ url: served.url, kubeconfig: served.kubeconfig, ...(served.ui === undefined ? {} : { ui: served.ui }) });
    io.out(`chronokube up: ${nodes} nodes, history ${session.path} (revision ${store.rev}); API at ${served.url} (KUBECONFIG=${served.kubeconfig}); drop manifests into ${inbox}/; Ctrl-C stops`);
    if (served.ui !== undefined) io.out(`  web debugger, following the cluster: ${served.ui}`);
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
    if (server !== undefined) await closeServer(server);
    if (uiServer !== undefined) await closeServer(uiServer);
    followed?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cluster.stop();
    await session.close();
  }
}

interface Served {
  readonly server: Server;
  readonly url: string;
  readonly kubeconfig: string;
  readonly token: string;
  /** The admin token's check (the web debugger's gate; the API also takes service account tokens). */
  readonly authenticate: Authenticator;
  /** The UI's URL, token included. */
  ui?: string;
}

async function serveApi(api: Api, data: string, opts: UpOptions, ui: UiHandler | undefined): Promise<Served> {
  const address = opts.address ?? '127.0.0.1';
  const token = loadOrCreateToken(join(data, 'token'));
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new Error('--tls-cert and --tls-key go together');
  const tls =
    opts.tlsCert !== undefined && opts.tlsKey !== undefined
      ? { cert: readFileSync(opts.tlsCert, 'utf8'), key: readFileSync(opts.tlsKey, 'utf8') }
      : loadOrCreateCert(data, wallClock().epoch, [address]);
  const authenticate = tokenAuthenticator({ [token]: HTTP_USER });
  const signer = rsaTokenSigner(loadOrCreateSigningKey(join(data, 'sa.key')));
  useServiceAccountTokenSigner(api, signer);
  const mounts = ui === undefined ? [] : [{ prefix: UI_PREFIX, handle: uiTokenGate(ui, { authenticate, cookiePath: `${UI_PREFIX}/`, secure: true }) }];
  const server = createHttpServer({ api, tls, authenticate: anyAuthenticator(authenticate, serviceAccountTokenAuthenticator(api, signer)), mounts });
  const port = await listen(server, opts.port ?? 6443, address);
  // A wildcard bind is reached through loopback from this machine.
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  const url = `https://${isIPv6(host) ? `[${host}]` : host}:${port}`;
  const kubeconfig = opts.kubeconfig ?? join(data, 'kubeconfig');
  // The server's own certificate as the trusted CA: right for the self-signed one, and Go clients accept a supplied leaf this way too.
  writeKubeconfig(kubeconfig, { server: url, token, certificateAuthority: tls.cert });
  return { server, url, kubeconfig, token, authenticate, ...(ui === undefined ? {} : { ui: `${url}${UI_PREFIX}/?token=${token}` }) };
}

/** The UI alone over plain HTTP at the root of 127.0.0.1:PORT, behind the same token. */
async function servePlainUi(ui: UiHandler, authenticate: Authenticator, uiPort: number): Promise<{ server: Server; url: string }> {
  const gated = uiTokenGate(ui, { authenticate, cookiePath: '/', secure: false });
  const server = createServer((req, res) => gated(req, res, new URL(req.url ?? '/', 'http://127.0.0.1').pathname));
  const port = await listen(server, uiPort, '127.0.0.1');
  return { server, url: `http://127.0.0.1:${port}` };
}

function listen(server: Server, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
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
          const obj = await api.applyObject(doc.object, { actor: INBOX_ACTOR, fieldManager: 'chronokube' });
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

