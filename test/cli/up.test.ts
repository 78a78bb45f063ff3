import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    const running = upCommand(quiet, { data, nodes: 2 }, stop.signal);
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
    const second = upCommand(quiet, { data, nodes: 2 }, again.signal);
    await new Promise((r) => setTimeout(r, 1500));
    again.abort();
    expect(await second).toBe(0);
    const after = await cli('get', 'pods', '--history', history, '-o', 'name');
    expect(after.out).toBe('pod/hello');
    expect((await cli('history', '--history', history, '-o', 'json')).out.split('\n').length).toBeGreaterThanOrEqual(last);
  }, 60_000);
});
