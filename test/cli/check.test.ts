import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.js';
import type { CheckOptions } from '../../src/cli/commands/check.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { reportError } from '../../src/cli/fail.js';
import type { Ran } from './capture.js';
import { tempHistory } from './capture.js';

/** Runs the command as main.ts does: a thrown error becomes one line on stderr and exit 1. */
async function check(opts: CheckOptions): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await checkCommand(io, opts).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('chronokube check (fixtures/replicaset-node-failure.yaml)', () => {
  let history: string;
  beforeAll(async () => {
    history = tempHistory();
    await runCommand({ out: () => undefined, err: () => undefined }, 'fixtures/replicaset-node-failure.yaml', { out: history });
  }, 30_000);

  it('prints every failing range with the write that broke it and exits 1', async () => {
    const r = await check({ history, invariant: 'replicasets-satisfied' });
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^replicasets-satisfied fails in 2 ranges of revisions 0\.\.\d+:$/);
    expect(r.out).toMatch(/ {4}broken by rev \d+ 2026-01-01T00:01:45Z controller:replicaset update\/status apps\/replicasets\/default\/web\n {6}apps\/replicasets\/default\/web: 3 of 5 replicas ready\n {4}recovered by rev \d+ 2026-01-01T00:06:50Z controller:replicaset/);
  });

  it('exits 0 when the invariant holds throughout, and takes a revision window', async () => {
    const ok = await check({ history, invariant: 'no-pods-on-notready-nodes' });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^no-pods-on-notready-nodes holds at every revision from 0 to \d+$/);
    const json = await check({ history, invariant: 'replicasets-satisfied', from: 'HEAD~5', output: 'json' });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ invariant: 'replicasets-satisfied', holds: true, ranges: [] });
  });

  it('loads a user invariant from a module', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chronokube-inv-')), 'mine.ts');
    writeFileSync(file, `export const invariants = [{ name: 'at-most-3-nodes', description: '', check: (view) => view.count({ group: '', resource: 'nodes' }) > 2 ? [{ key: 'core/nodes', message: 'too many nodes' }] : [] }];`);
    const r = await check({ history, invariant: 'at-most-3-nodes', invariantsModule: file });
    expect(r.code).toBe(1);
    expect(r.out).toContain('core/nodes: too many nodes');
  });

  it('refuses an unknown invariant, a module without invariants, a bad revision and a bad format', async () => {
    const unknown = await check({ history, invariant: 'nope' });
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toBe('error: unknown invariant "nope"; known: deployments-available, no-orphaned-pods, no-pods-on-notready-nodes, replicaset-pod-counts, replicasets-satisfied, rollout-bounds, statefulset-ordinals');
    const file = join(mkdtempSync(join(tmpdir(), 'chronokube-inv-')), 'empty.ts');
    writeFileSync(file, 'export const something = 1;');
    expect((await check({ history, invariant: 'x', invariantsModule: file })).err).toBe(`error: ${file} must export \`invariants\`: a non-empty array of invariants`);
    expect((await check({ history, invariant: 'replicasets-satisfied', from: '99999' })).err).toMatch(/^error: --from 99999 is beyond the last revision of this history \(\d+\)$/);
    expect((await check({ history, invariant: 'replicasets-satisfied', output: 'yaml' })).err).toBe('error: check prints -o text or -o json, not "yaml"');
    expect((await check({ history: join(tmpdir(), 'missing-history.ckh'), invariant: 'replicasets-satisfied' })).err).toContain('no history at');
  });
});
