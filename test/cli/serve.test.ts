/**
 * `chronokube serve`: a recorded history as a read-only Kubernetes API at a
 * chosen revision, checked over HTTP and with the real kubectl (the test
 * fails, never skips, without kubectl on the PATH).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/commands/serve.js';
import { cli } from './capture.js';

let dir = '';
let history = '';
let url = '';
let rev = 0;
let stop: AbortController;
let running: Promise<number>;
const printed: string[] = [];

function manifest(level: string): string {
  const f = join(dir, `cm-${level}.yaml`);
  writeFileSync(f, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: ${level}\n`);
  return f;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chronokube-serve-'));
  history = join(dir, 'h.ckh');
  expect((await cli('apply', '-f', manifest('info'), '--history', history)).code).toBe(0);
  const second = await cli('apply', '-f', manifest('debug'), '--history', history);
  expect(second.code).toBe(0);
  expect((await cli('apply', '-f', manifest('info'), '--history', history, '-n', 'kube-public')).code).toBe(0);
  const listed = await cli('history', '--history', history, '-o', 'json');
  const writes = listed.out.split('\n').map((l) => JSON.parse(l) as { rev: number; key: string; verb: string });
  // Serve the revision of the first apply: the ConfigMap exists with level=info, the later writes have not happened.
  rev = writes.find((w) => w.key === 'core/configmaps/default/settings')!.rev;
  stop = new AbortController();
  const listening = new Promise<{ url: string; rev: number }>((resolve) => {
    running = serveCommand(
      { out: (s) => printed.push(s), err: (s) => printed.push(s) },
      history,
      { at: String(rev), port: 0, kubeconfig: join(dir, 'kubeconfig'), onListening: resolve },
      stop.signal,
    );
  });
  const info = await listening;
  url = info.url;
  expect(info.rev).toBe(rev);
}, 60_000);

afterAll(async () => {
  stop.abort();
  expect(await running).toBe(0);
});

describe('chronokube serve', () => {
  it('answers gets and lists as the cluster was at the chosen revision', async () => {
    expect(printed.join('\n')).toContain(`at revision ${rev} (`);
    expect(printed.join('\n')).toContain(`of ${rev + 2}, read-only, on ${url}`);
    const cm = (await (await fetch(`${url}/api/v1/namespaces/default/configmaps/settings`)).json()) as { data: { level: string }; metadata: { resourceVersion: string } };
    expect(cm.data.level).toBe('info');
    expect(cm.metadata.resourceVersion).toBe(String(rev));
    const list = (await (await fetch(`${url}/api/v1/configmaps`)).json()) as { metadata: { resourceVersion: string }; items: unknown[] };
    expect(list.metadata.resourceVersion).toBe(String(rev));
    expect(list.items).toHaveLength(1); // the kube-public one came later
    const later = await fetch(`${url}/api/v1/namespaces/default/configmaps/settings?resourceVersion=${rev + 1}&resourceVersionMatch=Exact`);
    expect(later.status).toBe(504);
  });

  it('refuses every write with a 405 MethodNotAllowed Status and records nothing', async () => {
    const attempts: [string, string, string | undefined][] = [
      ['POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name: 'x' } })],
      ['PUT', '/api/v1/namespaces/default/configmaps/settings', JSON.stringify({ metadata: { name: 'settings' }, data: {} })],
      ['DELETE', '/api/v1/namespaces/default/configmaps/settings', undefined],
      ['POST', '/api/v1/namespaces/default/configmaps?dryRun=All', JSON.stringify({ metadata: { name: 'y' } })],
    ];
    for (const [method, path, body] of attempts) {
      const res = await fetch(`${url}${path}`, { method, ...(body === undefined ? {} : { body, headers: { 'Content-Type': 'application/json' } }) });
      expect(res.status, `${method} ${path}`).toBe(405);
      const status = (await res.json()) as { kind: string; reason: string; code: number; message: string };
      expect(status).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
      expect(status.message).toContain(`read-only at revision ${rev}`);
    }
    const after = (await (await fetch(`${url}/api/v1/configmaps`)).json()) as { items: { metadata: { name: string } }[] };
    expect(after.items.map((i) => i.metadata.name)).toEqual(['settings']);
  });

  it('sends what happened up to the revision on a watch, then ends the stream', async () => {
    const res = await fetch(`${url}/api/v1/configmaps?watch=1&resourceVersion=${rev - 1}`);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string; object: { metadata: { resourceVersion: string } } });
    expect(lines.map((l) => [l.type, l.object.metadata.resourceVersion])).toEqual([['ADDED', String(rev)]]);
    const fromNow = await fetch(`${url}/api/v1/configmaps?watch=1&resourceVersion=${rev}`);
    expect((await fromNow.text()).trim()).toBe('');
  });

  it('is browsable with kubectl (through the kubeconfig it wrote)', async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    expect(readFileSync(kubeconfig, 'utf8')).toContain(url);
    const r = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kube-cache'), 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.level}'], { timeout: 60_000 }, (error, out, err) =>
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 127, out, err }),
      );
    });
    expect(r.code, `kubectl is required on the PATH: ${r.err}`).toBe(0);
    expect(r.out).toBe('info');
    const del = await new Promise<{ code: number; err: string }>((resolve) => {
      execFile('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kube-cache'), 'delete', 'configmap', 'settings'], { timeout: 60_000 }, (error, _out, err) =>
        resolve({ code: error === null ? 0 : 1, err }),
      );
    });
    expect(del.code).toBe(1);
    expect(del.err).toContain('MethodNotAllowed');
  });

  it('refuses a revision beyond the history, and a missing history', async () => {
    const io = { out: () => undefined, err: () => undefined };
    await expect(serveCommand(io, history, { at: '999999', port: 0 })).rejects.toThrow(/beyond the last revision/);
    await expect(serveCommand(io, join(dir, 'nope.ckh'), { port: 0 })).rejects.toThrow(/no history at/);
  });
});
