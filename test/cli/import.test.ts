/**
 * `chronokube import`: each format from the importers' samples into a
 * history that `chronokube get` and `history` open; a bad input fails with
 * its line and writes nothing; an existing output is kept unless --force.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCommand, type ImportOptions } from '../../src/cli/commands/import.js';
import { reportError } from '../../src/cli/fail.js';
import type { Ran } from './capture.js';
import { cli, tempHistory } from './capture.js';

const samples = join(import.meta.dirname, '..', 'debug', 'import', 'samples');

async function importCli(file: string, opts: ImportOptions): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await importCommand(io, file, opts).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('chronokube import', () => {
  it('an audit log becomes a history that get and history read', async () => {
    const out = tempHistory();
    const r = await importCli(join(samples, 'audit.jsonl'), { format: 'audit', out });
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `imported 16 lines from ${join(samples, 'audit.jsonl')}: 11 writes, 3 with bodies the source did not log, 2 refused requests, 3 skipped → ${out}\nopen it: chronokube history --history ${out}`,
    );
    const got = await cli('get', 'deployments', '-n', 'shop', '-o', 'json', '--history', out);
    expect(got.code).toBe(0);
    expect((JSON.parse(got.out) as { items: { spec: { replicas: number } }[] }).items[0]?.spec.replicas).toBe(3);
    const history = await cli('history', '--history', out);
    expect(history.code).toBe(0);
    expect(history.out).toContain('user:bob');
  }, 30_000);

  it('a watch stream and a snapshot', async () => {
    const w = tempHistory();
    expect((await importCli(join(samples, 'pods.watch.json'), { format: 'watch', out: w })).out).toMatch(/^imported 6 events from .*: 5 writes, 0 refused requests, 1 skipped → /);
    const s = tempHistory();
    expect((await importCli(join(samples, 'snapshot.yaml'), { format: 'snapshot', out: s })).code).toBe(0);
    const nodes = await cli('get', 'nodes', '--history', s);
    expect(nodes.out).toMatch(/^worker-1\s/m);
  }, 30_000);

  it('a bad input names its line and writes nothing; an unknown format, a missing file and an existing output are refused', async () => {
    const out = tempHistory();
    const bad = join(dirname(out), 'bad.jsonl');
    writeFileSync(bad, '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"ResponseComplete","verb":"get"}\n{"kind":\n');
    const r = await importCli(bad, { format: 'audit', out });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^error: ${bad.replace(/[.]/g, '\\.')}:2:9: not valid JSON \\(.*\\) \\(nothing was written\\)$`));
    expect(readdirSync(dirname(out))).toEqual(['bad.jsonl']);
    expect((await importCli(bad, { format: 'csv', out })).err).toBe('error: --format csv is not one of audit, watch, snapshot');
    expect((await importCli(join(dirname(out), 'nope.json'), { format: 'watch', out })).err).toMatch(/^error: cannot read .*nope\.json: ENOENT/);
    writeFileSync(out, 'keep me');
    expect((await importCli(join(samples, 'snapshot.yaml'), { format: 'snapshot', out })).err).toBe(`error: ${out} already exists; choose another --out (or pass --force to replace it)`);
    expect((await importCli(join(samples, 'snapshot.yaml'), { format: 'snapshot', out, force: true })).code).toBe(0);
    expect(existsSync(`${out}.import.tmp`)).toBe(false);
  });
});
