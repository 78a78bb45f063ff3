import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { upCommand } from '../../src/cli/commands/up.js';
import { cli } from './capture.js';

const quiet = { out: () => undefined, err: () => undefined };

async function until<T>(f: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('chronokube up', () => {
  it('runs nodes on the wall clock, applies manifests dropped in the inbox, and keeps its history across restarts', async () => {
    const data = mkdtempSync(join(tmpdir(), 'chronokube-up-'));
    const history = join(data, 'history.ckh');
    const stop = new AbortController();
    let api: { url: string; kubeconfig: string } | undefined;
    const running = upCommand(quiet, { data, nodes: 2, port: 0, onListening: (info) => (api = info) }, stop.signal);
    writeFileSync(
      join(data, 'inbox', 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\n  namespace: default\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n',
    );
    const running1 = await until(async () => {
      const r = await cli('get', 'pods', '--history', history, '-o', 'json');
      const items = r.code === 0 ? (JSON.parse(r.out) as { items: { status?: { phase?: string } }[] }).items : [];
      return items[0]?.status?.phase === 'Running' ? items : undefined;
    }, 20_000);
    expect(running1).toHaveLength(1);
    // The API listens on loopback over HTTPS; the kubeconfig holds its URL, CA and the token, kept in the data folder.
    expect(api?.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const kubeconfig = readFileSync(api?.kubeconfig ?? '', 'utf8');
    const token = readFileSync(join(data, 'token'), 'utf8').trim();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(kubeconfig).toContain(`token: ${token}`);
    expect(kubeconfig).toContain(`server: ${api?.url ?? ''}`);
    expect(kubeconfig).toContain('certificate-authority-data: ');
    expect(statSync(api?.kubeconfig ?? '').mode & 0o077).toBe(0);
    const nodes = await cli('get', 'nodes', '--history', history, '-o', 'name');
    expect(nodes.out.split('\n')).toEqual(['node/node-1', 'node/node-2']);
    writeFileSync(join(data, 'inbox', 'fault.yaml'), 'apiVersion: chronokube.io/v1alpha1\nkind: Fault\nspec:\n  kind: partition\n  node: node-2\n');
    writeFileSync(join(data, 'inbox', 'bad-fault.yaml'), 'apiVersion: chronokube.io/v1alpha1\nkind: Fault\nspec:\n  kind: meteor\n');
    const fault = await until(async () => {
      const h = await cli('history', '--history', history, '-o', 'json');
      return h.out.split('\n').map((l) => JSON.parse(l) as { type: string; actor?: string; fault?: unknown }).find((r) => r.type === 'fault');
    }, 10_000);
    expect(fault).toMatchObject({ actor: 'user:admin', fault: { kind: 'partition', node: 'node-2' } });
    await until(async () => (existsSync(join(data, 'inbox', 'failed', 'bad-fault.yaml.error')) ? true : undefined), 10_000);
    expect(readFileSync(join(data, 'inbox', 'failed', 'bad-fault.yaml.error'), 'utf8')).toContain('unknown fault kind "meteor"');
    stop.abort();
    expect(await running).toBe(0);

    const last = (await cli('history', '--history', history, '-o', 'json')).out.split('\n').length;
    const again = new AbortController();
    let second$: { url: string } | undefined;
    const second = upCommand(quiet, { data, nodes: 2, port: 0, onListening: (info) => (second$ = info) }, again.signal);
    await new Promise((r) => setTimeout(r, 1500));
    expect(second$?.url).toBeDefined();
    // The same token across restarts, so an existing kubeconfig keeps working.
    expect(readFileSync(join(data, 'token'), 'utf8').trim()).toBe(token);
    again.abort();
    expect(await second).toBe(0);
    const after = await cli('get', 'pods', '--history', history, '-o', 'name');
    expect(after.out).toBe('pod/hello');
    expect((await cli('history', '--history', history, '-o', 'json')).out.split('\n').length).toBeGreaterThanOrEqual(last);
  }, 60_000);
});
