import { beforeAll, describe, expect, it } from 'vitest';
import { bisectCommand } from '../../src/cli/commands/bisect.js';
import type { BisectOptions } from '../../src/cli/commands/bisect.js';
import { checkCommand } from '../../src/cli/commands/check.js';
import { runCommand } from '../../src/cli/commands/run.js';
import { reportError } from '../../src/cli/fail.js';
import type { Ran } from './capture.js';
import { tempHistory } from './capture.js';

async function capture(f: (io: { out(s: string): void; err(s: string): void }) => Promise<number>): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await f(io).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const bisect = (opts: BisectOptions) => capture((io) => bisectCommand(io, opts));

describe('chronokube bisect (fixtures/deployment-stuck-rollout.yaml)', () => {
  let history: string;
  /** The failing ranges `check -o json` reports, to compare with. */
  let ranges: { from: number; to: number }[];
  beforeAll(async () => {
    history = tempHistory();
    await runCommand({ out: () => undefined, err: () => undefined }, 'fixtures/deployment-stuck-rollout.yaml', { out: history });
    const c = await capture((io) => checkCommand(io, { history, invariant: 'deployments-available', output: 'json' }));
    ranges = (JSON.parse(c.out) as { ranges: { from: number; to: number }[] }).ranges;
  }, 30_000);

  it('prints the transition revision, the write at it and the violations, with the git-bisect caveat', async () => {
    expect(ranges).toHaveLength(2);
    const good = ranges[0]!.to + 1;
    const r = await bisect({ history, invariant: 'deployments-available', good: String(good) });
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`deployments-available goes from holding to failing at revision ${ranges[1]!.from} (it holds at ${ranges[1]!.from - 1})`);
    expect(lines[1]).toBe(`  rev ${ranges[1]!.from} 2026-01-01T00:01:00Z controller:deployment update/status apps/deployments/default/api`);
    expect(lines[2]).toBe('    apps/deployments/default/api: 3 of 4 replicas available');
    expect(lines[3]).toMatch(new RegExp(`^bisected good ${good} \\.\\. bad \\d+ in \\d+ seeks; if deployments-available recovers and fails again in between, other transitions exist`));
  });

  it('by default bisects the whole history and lands on one of the transitions', async () => {
    const r = await bisect({ history, invariant: 'deployments-available', output: 'json' });
    const json = JSON.parse(r.out) as { rev: number; good: number; write: { actor: string } };
    expect(json.good).toBe(0);
    expect(ranges.map((x) => x.from)).toContain(json.rev);
  });

  it('refuses an unknown invariant, a bad revision, and a good revision where it already fails', async () => {
    expect((await bisect({ history, invariant: 'nope' })).err).toMatch(/^error: unknown invariant "nope"; known: /);
    expect((await bisect({ history, invariant: 'deployments-available', bad: 'yesterday' })).err).toBe('error: --bad wants a revision number or an RFC 3339 time, got "yesterday"');
    const failing = ranges[0]!.from;
    const r = await bisect({ history, invariant: 'deployments-available', good: String(failing) });
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: deployments-available already fails at the good revision ${failing}: pick an earlier one where it holds (--good)`);
    expect((await bisect({ history, invariant: 'deployments-available', good: '5', bad: '3' })).err).toBe('error: the good revision (5) must come before the bad one (3)');
  });
});
