import { beforeAll, describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/cli/commands/replay.js';
import type { ReplayOptions } from '../../src/cli/commands/replay.js';
import { reportError } from '../../src/cli/fail.js';
import type { Ran } from './capture.js';
import { cli, tempHistory } from './capture.js';

async function replay(opts: ReplayOptions): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await replayCommand(io, opts).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('chronokube replay', () => {
  let history: string;
  beforeAll(async () => {
    history = tempHistory();
    const r = await cli('run', 'fixtures/replicaset-node-failure.yaml', '--out', history);
    expect(r.code).toBe(0);
  }, 60_000);

  it('exits 1 naming the first differing command of a changed ReplicaSet controller, both commands and the inputs', async () => {
    const r = await replay({ history, controllers: ['test/debug/modules/replicaset-one-too-many.ts'] });
    expect(r.code).toBe(1);
    expect(r.out).toContain('replay: re-running controllers over recorded inputs');
    expect(r.out).toMatch(/^DIVERGED: replicaset reconciling apps\/replicasets\/default\/web at \S+Z \(recorded after revision \d+\)$/m);
    expect(r.out).toMatch(/^ {2}inputs: woken by revisions \d+; view at revision \d+$/m);
    expect(r.out).toContain('first differing command: #6');
    expect(r.out).toMatch(/^ {4}recorded: update\/status ReplicaSet default\/web$/m);
    expect(r.out).toMatch(/^ {4}new code: create Pod default\/web-\*$/m);
    const json = JSON.parse((await replay({ history, controllers: ['test/debug/modules/replicaset-one-too-many.ts'], output: 'json' })).out) as {
      kind: string;
      divergence: { index: number; input: { controller: string } };
    };
    expect(json.kind).toBe('re-running controllers over recorded inputs');
    expect(json.divergence).toMatchObject({ index: 5, input: { controller: 'replicaset' } });
  });

  it('exits 0 for the unchanged controller', async () => {
    const r = await replay({ history, controllers: ['test/debug/modules/replicaset-unchanged.ts'] });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^re-ran replicaset \(\d+ reconciles\)$/m);
    expect(r.out).toContain('no divergence');
  });

  it('refuses a missing module, no module, a controller the history never ran and a bad format', async () => {
    expect((await replay({ history, controllers: [] })).err).toBe('error: replay needs --controllers MODULE: a module exporting the controllers to re-run');
    expect((await replay({ history, controllers: ['test/debug/modules/nope.ts'] })).err).toMatch(/^error: cannot load controllers from test\/debug\/modules\/nope\.ts/);
    expect((await replay({ history, controllers: ['test/debug/modules/replicaset-unchanged.ts'], output: 'yaml' })).err).toBe('error: replay prints -o text or -o json, not "yaml"');
    const empty = tempHistory();
    await cli('apply', '-f', 'fixtures/demo', '--history', empty);
    const r = await replay({ history: empty, controllers: ['test/debug/modules/replicaset-unchanged.ts'] });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: the history recorded no reconcile of replicaset: nothing to compare/);
  });
});
