import { beforeAll, describe, expect, it } from 'vitest';
import { blameCommand } from '../../src/cli/commands/blame.js';
import type { BlameOptions } from '../../src/cli/commands/blame.js';
import { reportError } from '../../src/cli/fail.js';
import type { Ran } from './capture.js';
import { cli, tempHistory } from './capture.js';

async function blame(ref: string, name: string | undefined, opts: BlameOptions): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await blameCommand(io, ref, name, opts).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('chronokube blame', () => {
  let history: string;
  beforeAll(async () => {
    history = tempHistory();
    await cli('apply', '-f', 'fixtures/demo', '--history', history, '--as', 'alice');
  }, 30_000);

  it('prints each field of an object with the write that set it', async () => {
    const r = await blame('cm/web-config', undefined, { history, namespace: 'shop' });
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^REV\s+TIME\s+ACTOR\s+VERB\s+FIELD\s+VALUE$/);
    expect(r.out).toMatch(/^\d+\s+\S+Z\s+user:alice\s+apply\s+\/data\/GREETING\s+hello$/m);
    const json = JSON.parse((await blame('configmap', 'web-config', { history, namespace: 'shop', output: 'json' })).out) as { key: string; lines: { path: string; actor: string }[] };
    expect(json.key).toBe('core/configmaps/shop/web-config');
    expect(json.lines.find((l) => l.path === '/metadata/name')?.actor).toBe('user:alice');
  });

  it('refuses an object that does not exist there, a missing name, a bad revision and a bad format', async () => {
    expect((await blame('cm/nope', undefined, { history, namespace: 'shop' })).err).toBe('error: core/configmaps/shop/nope does not exist at revision ' + (await head()));
    expect((await blame('cm/web-config', undefined, { history, namespace: 'shop', at: '0' })).err).toBe('error: core/configmaps/shop/web-config does not exist at revision 0');
    expect((await blame('configmaps', undefined, { history })).err).toBe('error: blame wants KIND/NAME, got "configmaps"');
    expect((await blame('cm/web-config', undefined, { history, at: 'soon' })).err).toBe('error: --at wants a revision number or an RFC 3339 time, got "soon"');
    expect((await blame('cm/web-config', undefined, { history, output: 'yaml' })).err).toBe('error: blame prints -o text or -o json, not "yaml"');
  });

  async function head(): Promise<number> {
    const h = await cli('history', '--history', history, '-o', 'json');
    const revs = h.out.split('\n').map((l) => (JSON.parse(l) as { rev?: number }).rev ?? 0);
    return Math.max(...revs);
  }
});
