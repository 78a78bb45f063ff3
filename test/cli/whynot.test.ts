import { beforeAll, describe, expect, it } from 'vitest';
import { whyNotCommand } from '../../src/cli/commands/whynot.js';
import type { WhyNotOptions } from '../../src/cli/commands/whynot.js';
import { reportError } from '../../src/cli/fail.js';
import type { Ran } from './capture.js';
import { cli, tempHistory } from './capture.js';

async function whynot(ref: string, opts: WhyNotOptions): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await whyNotCommand(io, ref, undefined, opts).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('chronokube whynot', () => {
  let history: string;
  beforeAll(async () => {
    history = tempHistory();
    expect((await cli('run', 'fixtures/unschedulable.yaml', '--out', history, '--for', '6m')).code).toBe(0);
  }, 60_000);

  it('answers why a pod is not scheduled, and that it is running once a big node joined', async () => {
    const early = await whynot('pod/big', { history, at: '2026-01-01T00:04:00Z' });
    expect(early.code).toBe(0);
    expect(early.out.split('\n')[0]).toBe('why is pod default/big not scheduled?');
    expect(early.out).toMatch(/^ {2}- PodScheduled=False \(Unschedulable: 0\/2 nodes are available: 2 Insufficient cpu\./m);
    expect(early.out).toMatch(/^ {2}- event Warning FailedScheduling from default-scheduler: /m);
    const late = await whynot('pod/big', { history, output: 'json' });
    const json = JSON.parse(late.out) as { ok: boolean; findings: { summary: string }[] };
    expect(json.ok).toBe(true);
    expect(json.findings[0]?.summary).toMatch(/^it is Running and Ready on node /);
  });

  it('refuses a missing name and a bad format', async () => {
    expect((await whynot('pods', { history })).err).toBe('error: whynot wants KIND/NAME, got "pods"');
    expect((await whynot('pod/big', { history, output: 'yaml' })).err).toBe('error: whynot prints -o text or -o json, not "yaml"');
  });
});
