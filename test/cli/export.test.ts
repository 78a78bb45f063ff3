import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export.js';
import type { ExportOptions } from '../../src/cli/commands/export.js';
import { reportError } from '../../src/cli/fail.js';
import type { Ran } from './capture.js';
import { cli, tempHistory } from './capture.js';

async function exportCli(opts: ExportOptions): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await exportCommand(io, opts).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('chronokube export', () => {
  let history: string;
  beforeAll(async () => {
    history = tempHistory();
    const secret = join(dirname(history), 'secret.yaml');
    writeFileSync(secret, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\ndata:\n  password: aHVudGVyMg==\n');
    expect((await cli('apply', '-f', 'fixtures/demo', '--history', history)).code).toBe(0);
    expect((await cli('apply', '-f', secret, '--history', history)).code).toBe(0);
  }, 30_000);

  it('writes one namespace to a new history with the Secret redacted; get reads it', async () => {
    const out = tempHistory();
    const r = await exportCli({ history, out, namespace: ['shop'] });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^exported revisions 0\\.\\.\\d+ of history\\.ckh \\(namespace shop\\): 0 objects as of revision 0, then \\d+ writes and \\d+ other records → ${out.replace(/[.]/g, '\\.')} \\(revisions 1\\.\\.\\d+\\)$`, 'm'));
    expect(r.out).toContain("Secrets' values redacted (");
    const got = await cli('get', 'secret', 'db', '-n', 'shop', '-o', 'json', '--history', out);
    expect(got.code).toBe(0);
    expect((JSON.parse(got.out) as { data: Record<string, string> }).data).toEqual({ password: 'UkVEQUNURUQ=' });
    expect(JSON.stringify(await cli('history', '--history', out, '-o', 'json'))).not.toContain('aHVudGVyMg');
    expect((await cli('get', 'namespaces', '--history', out)).out).not.toMatch(/^default\s/m);
    const kept = await exportCli({ history, out, force: true, includeSecrets: true, from: 'HEAD~1' });
    expect(kept.out).toMatch(/: \d+ objects as of revision \d+, then 1 writes/);
    const secret = JSON.parse((await cli('get', 'secret', 'db', '-n', 'shop', '-o', 'json', '--history', out)).out) as { data: Record<string, string> };
    expect(secret.data).toEqual({ password: 'aHVudGVyMg==' });
  });

  it('refuses an existing output and a bad range', async () => {
    const out = tempHistory();
    await cli('apply', '-f', 'fixtures/demo', '--history', out);
    expect((await exportCli({ history, out })).err).toBe(`error: ${out} exists: pass --force to replace it`);
    expect((await exportCli({ history, out: tempHistory(), from: 'soon' })).err).toBe('error: --from wants a revision number or an RFC 3339 time, got "soon"');
    expect((await exportCli({ history, out: tempHistory(), from: '5', to: '4' })).err).toMatch(/^error: cannot export revisions 5\.\.4/);
  });
});
