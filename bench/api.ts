/**
 * The API over HTTPS under load: `chronokube up` (file backend, one node,
 * its controllers running) in one process, an open-loop load generator in a
 * second (a fixed request rate — each request is sent at its scheduled
 * time whether or not earlier ones have answered — of ~2 KB ConfigMaps:
 * 30% create, 30% merge patch, 30% get, 10% list with limit=100) and 100
 * watchers of the same namespace in a third.
 *
 * Latencies are measured from each request's scheduled send time, so a
 * server that falls behind shows it (no coordinated omission). A watch
 * delay is the time from the writer's send (stamped into the object) to
 * the event's arrival at a watcher: an upper bound on the write-to-watch
 * delay that includes the write's own latency. Only the measured window
 * (after a warm-up) counts.
 *
 * The same file is the child processes' entry point:
 * `node --import tsx bench/api.ts load URL DATA_DIR RATE SECONDS` and
 * `... watch URL DATA_DIR WATCHERS` (the watchers stop when stdin closes).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ApiBenchOptions {
  /** Requests per second (default 1,000). */
  readonly rate?: number;
  /** Measured seconds after a 2 s warm-up (default 10). */
  readonly seconds?: number;
  readonly watchers?: number;
}

export interface ApiFigures {
  api_create_p99_ms: number;
  api_patch_p99_ms: number;
  api_get_p99_ms: number;
  api_list_p99_ms: number;
  watch_delay_p99_ms: number;
  watch_events_per_s: number;
  api_rate_per_s: number;
  api_errors: number;
}

const ROOT = join(import.meta.dirname, '..');
const NS = 'bench';
const WARMUP_S = 2;
const PAYLOAD = 'x'.repeat(1900);
const DRAIN_MS = 10_000;

export async function benchApi(opts: ApiBenchOptions = {}): Promise<ApiFigures> {
  const rate = opts.rate ?? 1000;
  const seconds = opts.seconds ?? 10;
  const watchers = opts.watchers ?? 100;
  const dir = mkdtempSync(join(tmpdir(), 'chronokube-bench-api-'));
  const data = join(dir, 'data');
  const children: ChildProcess[] = [];
  try {
    // BENCH_API_PROF=DIR writes the server's CPU profile there.
    const prof = process.env['BENCH_API_PROF'];
    const server = spawnNode(['src/cli/main.ts', 'up', '--data', data, '--port', '0', '--nodes', '1'], children, false, prof === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', prof]);
    const url = (await lineMatching(server, /API at (\S+) /))[1] as string;
    const admin = client(url, data);
    await once(admin, 'POST', '/api/v1/namespaces', { metadata: { name: NS } });
    admin.agent.destroy();
    const watch = spawnNode(['bench/api.ts', 'watch', url, data, String(watchers)], children, true);
    await lineMatching(watch, /^ready$/);
    const load = spawnNode(['bench/api.ts', 'load', url, data, String(rate), String(seconds)], children);
    const loadResult = JSON.parse((await lineMatching(load, /^\{.*\}$/))[0]) as LoadResult;
    // Give the last events a moment to arrive, then tell the watchers to stop (their stdin closes).
    await new Promise((r) => setTimeout(r, 500));
    watch.stdin?.end();
    const watchResult = JSON.parse((await lineMatching(watch, /^\{.*\}$/))[0]) as WatchResult;
    server.kill('SIGTERM');
    await exited(server);
    return {
      api_create_p99_ms: loadResult.create,
      api_patch_p99_ms: loadResult.patch,
      api_get_p99_ms: loadResult.get,
      api_list_p99_ms: loadResult.list,
      watch_delay_p99_ms: watchResult.delayP99,
      watch_events_per_s: watchResult.eventsPerS,
      api_rate_per_s: loadResult.achievedRate,
      api_errors: loadResult.errors,
    };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

function spawnNode(args: string[], children: ChildProcess[], stdin = false, nodeFlags: readonly string[] = []): ChildProcess {
  const c = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...args], { cwd: ROOT, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
  children.push(c);
  return c;
}

function exited(c: ChildProcess): Promise<void> {
  return c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', () => r()));
}

/** The first stdout line of `c` matching `re` (rejects if it exits first). */
function lineMatching(c: ChildProcess, re: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (chunk: Buffer): void => {
      buf += chunk.toString();
      for (const line of buf.split('\n')) {
        const m = re.exec(line.trim());
        if (m !== null) {
          c.stdout?.off('data', onData);
          resolve(m);
          return;
        }
      }
    };
    c.stdout?.on('data', onData);
    c.once('exit', (code) => reject(new Error(`process exited (${String(code)}) before printing ${String(re)}:\n${buf}`)));
  });
}

interface Client {
  readonly host: string;
  readonly port: number;
  readonly agent: Agent;
  readonly headers: Record<string, string>;
}

function client(url: string, data: string, sockets = 256): Client {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port),
    agent: new Agent({ keepAlive: true, maxSockets: sockets, ca: readFileSync(join(data, 'tls.crt'), 'utf8') }),
    headers: { authorization: `Bearer ${readFileSync(join(data, 'token'), 'utf8').trim()}` },
  };
}

function once(c: Client, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ code: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      { host: c.host, port: c.port, method, path, agent: c.agent, headers: { ...c.headers, ...(payload === undefined ? {} : { 'content-type': contentType }) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function p99(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = xs.slice().sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] as number) * 100) / 100;
}

interface LoadResult {
  create: number;
  patch: number;
  get: number;
  list: number;
  achievedRate: number;
  errors: number;
}

/** The open-loop generator: request i is due at start + i / rate, sent when due, never waiting for answers. */
async function runLoad(url: string, data: string, rate: number, seconds: number): Promise<LoadResult> {
  const c = client(url, data);
  const total = rate * (WARMUP_S + seconds);
  const warm = rate * WARMUP_S;
  const lat: Record<'create' | 'patch' | 'get' | 'list', number[]> = { create: [], patch: [], get: [], list: [] };
  const created: string[] = [];
  let errors = 0;
  let pending = 0;
  const inFlight = new Set<{ kind: keyof typeof lat; due: number; measured: boolean }>();
  const base = `/api/v1/namespaces/${NS}/configmaps`;
  const start = performance.now();
  let next = 0;
  let measuredEnd = 0;
  await new Promise<void>((resolve) => {
    const issue = (i: number, due: number): void => {
      const slot = i % 10;
      const kind: keyof typeof lat = slot < 3 || created.length === 0 ? 'create' : slot < 6 ? 'patch' : slot < 9 ? 'get' : 'list';
      const name = kind === 'create' ? `cm-${i}` : (created[(i * 7919) % created.length] as string);
      const sentAt = Date.now();
      const call =
        kind === 'create'
          ? once(c, 'POST', base, { metadata: { name }, data: { sentAt: String(sentAt), payload: PAYLOAD } })
          : kind === 'patch'
            ? once(c, 'PATCH', `${base}/${name}`, { data: { sentAt: String(sentAt), n: String(i) } }, 'application/merge-patch+json')
            : kind === 'get'
              ? once(c, 'GET', `${base}/${name}`)
              : once(c, 'GET', `${base}?limit=100`);
      pending += 1;
      const flight = { kind, due, measured: i >= warm };
      inFlight.add(flight);
      call.then(
        (r) => {
          const ms = performance.now() - due;
          if (r.code >= 300) errors += 1;
          else if (kind === 'create') created.push(name);
          if (i >= warm && r.code < 300) lat[kind].push(ms);
        },
        () => (errors += 1),
      ).finally(() => {
        inFlight.delete(flight);
        pending -= 1;
        if (next >= total && pending === 0) resolve();
      });
    };
    const tick = (): void => {
      const now = performance.now();
      while (next < total && start + (next * 1000) / rate <= now) {
        issue(next, start + (next * 1000) / rate);
        next += 1;
      }
      if (next < total) setTimeout(tick, 1);
      else {
        measuredEnd = performance.now();
        // A server that fell far behind is not waited for forever: what is unanswered by then counts as errors.
        setTimeout(() => {
          errors += pending;
          // Unanswered requests count with the time they had waited so far (a lower bound), not as if they never were.
          const now = performance.now();
          for (const f of inFlight) if (f.measured) lat[f.kind].push(now - f.due);
          inFlight.clear();
          resolve();
        }, DRAIN_MS).unref();
      }
    };
    tick();
  });
  const measuredS = (measuredEnd - (start + WARMUP_S * 1000)) / 1000;
  return {
    create: p99(lat.create),
    patch: p99(lat.patch),
    get: p99(lat.get),
    list: p99(lat.list),
    achievedRate: Math.round((total - warm) / measuredS),
    errors,
  };
}

interface WatchResult {
  delayP99: number;
  eventsPerS: number;
}

/** `n` watch streams of the namespace, until stdin closes; counts events and their delays from the writer's `sentAt`. */
async function runWatchers(url: string, data: string, n: number): Promise<WatchResult> {
  const c = client(url, data, n + 4);
  const delays: number[] = [];
  let events = 0;
  let first = 0;
  let last = 0;
  const streams: IncomingMessage[] = [];
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve, reject) => {
          const req = request(
            { host: c.host, port: c.port, method: 'GET', path: `/api/v1/namespaces/${NS}/configmaps?watch=true&resourceVersion=0`, agent: c.agent, headers: c.headers },
            (res) => {
              streams.push(res);
              let buf = '';
              res.setEncoding('utf8');
              res.on('data', (d: string) => {
                buf += d;
                let nl = buf.indexOf('\n');
                while (nl >= 0) {
                  const line = buf.slice(0, nl);
                  buf = buf.slice(nl + 1);
                  const now = Date.now();
                  const sentAt = Number((JSON.parse(line) as { object?: { data?: { sentAt?: string } } }).object?.data?.sentAt);
                  if (Number.isFinite(sentAt) && sentAt > 0) {
                    if (first === 0) first = now;
                    last = now;
                    events += 1;
                    delays.push(now - sentAt);
                  }
                  nl = buf.indexOf('\n');
                }
              });
              res.on('error', () => undefined);
              resolve();
            },
          );
          req.on('error', reject);
          req.end();
        }),
    ),
  );
  process.stdout.write('ready\n');
  await new Promise<void>((r) => {
    process.stdin.resume();
    process.stdin.once('end', () => r());
  });
  for (const s of streams) s.destroy();
  c.agent.destroy();
  // The warm-up's events count too: the rate is over the whole span events arrived in.
  return { delayP99: p99(delays), eventsPerS: last > first ? Math.round(events / ((last - first) / 1000)) : 0 };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [role, url = '', data = '', a = '', b = ''] = process.argv.slice(2);
  const run = role === 'load' ? runLoad(url, data, Number(a), Number(b)) : role === 'watch' ? runWatchers(url, data, Number(a)) : undefined;
  if (run === undefined) {
    process.stderr.write('usage: bench/api.ts load URL DATA_DIR RATE SECONDS | watch URL DATA_DIR WATCHERS\n');
    process.exitCode = 2;
  } else {
    run.then(
      (r) => {
        process.stdout.write(`${JSON.stringify(r)}\n`, () => process.exit(0));
      },
      (e: unknown) => {
        process.stderr.write(`${String(e)}\n`);
        process.exit(1);
      },
    );
  }
}
