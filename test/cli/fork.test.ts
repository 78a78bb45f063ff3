import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { forkCommand, parseFaultArg } from '../../src/cli/commands/fork.js';
import type { ForkOptions } from '../../src/cli/commands/fork.js';
import { reportError } from '../../src/cli/fail.js';
import { openFileLog } from '../../src/log/index.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';
import type { Ran } from './capture.js';
import { cli, tempHistory } from './capture.js';

async function forkCli(opts: ForkOptions): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const code = await forkCommand(io, opts).catch((e: unknown) => reportError(io, e));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('chronokube fork', () => {
  let history: string;
  let faultRev: number;
  beforeAll(async () => {
    history = tempHistory();
    expect((await cli('run', 'fixtures/replicaset-node-failure.yaml', '--out', history)).code).toBe(0);
    const lines = (await cli('history', '--history', history, '-o', 'json')).out.split('\n');
    const fault = lines.map((l) => JSON.parse(l) as { type: string; atRev?: number }).find((r) => r.type === 'fault');
    faultRev = fault?.atRev ?? 0;
  }, 60_000);

  it('drops the node-down fault: the branch evicts nothing, and says how it differs from the original', async () => {
    const out = tempHistory();
    const r = await forkCli({ history, at: String(faultRev), dropFault: [faultRev], out });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^fork: re-running controllers from revision ${faultRev} \\(\\S+Z\\) — fork of history.ckh at revision ${faultRev}: dropped the fault at revision ${faultRev}$`, 'm'));
    expect(r.out).toMatch(/^ {4}controller:taint-eviction-controller delete pods +2 → 0$/m);
    expect(r.out).toContain(`→ ${out}`);
  });

  it('injects a fault: node-1 goes down instead of node-2, and its pods are the ones evicted', async () => {
    const out = tempHistory();
    const r = await forkCli({ history, at: String(faultRev), dropFault: [faultRev], fault: ['node-down:node-1'], out, for: '8m', output: 'json' });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { at: number; note: string; endedAt: number; comparison: { time: number; onlyInBranch: string[] } };
    expect(json.at).toBe(faultRev);
    expect(json.note).toContain('added fault node-down node-1');
    expect(json.comparison.time).toBe(json.endedAt);
    const log = await openFileLog(out, { mode: 'read' });
    try {
      const branch = await openStore(log);
      const evicted = branch.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete' });
      expect(evicted.length).toBeGreaterThan(0);
      for (const w of evicted) expect((branch.at(w.rev).get(w.key)?.['spec'] as { nodeName?: string }).nodeName).toBe('node-1');
      const faults = [];
      for await (const rec of log.read()) if (rec.type === 'fault') faults.push(rec);
      expect(faults.map((f) => [f.actor, f.fault])).toEqual([['user:fork', { kind: 'node-down', node: 'node-1' }]]);
    } finally {
      await log.close();
    }
  });

  it('--set node-monitor-grace-period=2m: the branch records the setting and evicts node-2\'s pods 70 s later than the original', async () => {
    const out = tempHistory();
    const r = await forkCli({ history, at: String(faultRev), set: ['node-monitor-grace-period=2m'], out, output: 'json' });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { note: string }).note).toBe(`fork of history.ckh at revision ${faultRev}: set --node-monitor-grace-period=2m0s`);
    const firstEviction = (s: Store): number | undefined => s.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete', fromRev: faultRev + 1 })[0]?.time;
    const [original, branch] = await Promise.all([openFileLog(history, { mode: 'read' }), openFileLog(out, { mode: 'read' })]);
    try {
      expect(branch.header.meta?.['controllerManager']).toBe('{"node-monitor-grace-period":"2m0s"}');
      expect(original.header.meta).not.toHaveProperty('controllerManager');
      const [was, now] = [firstEviction(await openStore(original)), firstEviction(await openStore(branch))];
      expect(was).toBeDefined();
      expect((now ?? 0) - (was ?? 0)).toBe(70_000);
    } finally {
      await Promise.all([original.close(), branch.close()]);
    }
  });

  it('a history run with spec.controllerManager records it, and its fork keeps it unless --set changes it', async () => {
    const scenario = join(dirname(tempHistory()), 'fast.yaml');
    const fixture = readFileSync('fixtures/replicaset-node-failure.yaml', 'utf8').replace('path: manifests/', `path: ${resolve('fixtures/manifests')}/`);
    writeFileSync(scenario, fixture.replace('spec:\n', 'spec:\n  controllerManager:\n    node-monitor-grace-period: 20s\n    node-eviction-rate: "0.05"\n'));
    const fast = tempHistory();
    expect((await cli('run', scenario, '--out', fast, '--for', '3m')).code).toBe(0);
    const meta = async (file: string): Promise<Readonly<Record<string, string>> | undefined> => {
      const log = await openFileLog(file, { mode: 'read' });
      try {
        return log.header.meta;
      } finally {
        await log.close();
      }
    };
    const recorded = '{"node-eviction-rate":"0.05","node-monitor-grace-period":"20s"}';
    expect(await meta(fast)).toEqual({ scenario: 'replicaset-node-failure', file: 'fast.yaml', controllerManager: recorded });
    const kept = tempHistory();
    expect((await forkCli({ history: fast, at: '10', out: kept, for: '10s' })).code).toBe(0);
    expect((await meta(kept))?.['controllerManager']).toBe(recorded);
    const changed = tempHistory();
    expect((await forkCli({ history: fast, at: '10', out: changed, for: '10s', set: ['node-monitor-grace-period=50s', 'node-startup-grace-period=2m'] })).code).toBe(0);
    expect((await meta(changed))?.['controllerManager']).toBe('{"node-eviction-rate":"0.05","node-startup-grace-period":"2m0s"}');
  });

  it('--set refuses an unknown flag or a bad value before writing anything', async () => {
    const out = tempHistory();
    const unknown = await forkCli({ history, at: String(faultRev), set: ['node-monitor-grace=2m'], out });
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^error: --set: unknown flag: --node-monitor-grace \(chronokube models --node-monitor-period, /);
    const bad = await forkCli({ history, at: String(faultRev), set: ['node-monitor-grace-period=2'], out });
    expect(bad.err).toBe('error: --set: invalid argument "2" for "--node-monitor-grace-period" flag: time: missing unit in duration "2"');
    const shape = await forkCli({ history, at: String(faultRev), set: ['20s'], out });
    expect(shape.err).toBe('error: --set: --set wants FLAG=VALUE (a kube-controller-manager flag, e.g. node-monitor-grace-period=20s), got "20s"');
    expect(existsSync(out)).toBe(false);
  });

  it('parses fault arguments and refuses bad ones, an existing output and a fault before the fork point', async () => {
    expect(parseFaultArg('kubelet-restart:node-3@30s')).toEqual({ fault: { kind: 'kubelet-restart', node: 'node-3' }, afterMs: 30_000 });
    expect(parseFaultArg('container-crash:default/web-x/web')).toEqual({ fault: { kind: 'container-crash', pod: 'default/web-x', container: 'web' }, afterMs: 0 });
    expect(() => parseFaultArg('node-down')).toThrow('--fault wants KIND:NODE');
    expect(() => parseFaultArg('meteor:node-1')).toThrow('unknown fault kind "meteor"');
    const out = tempHistory();
    await cli('apply', '-f', 'fixtures/demo', '--history', out);
    expect((await forkCli({ history, at: '5', out })).err).toBe(`error: ${out} exists: pass --force to replace it`);
    const r = await forkCli({ history, at: String(faultRev + 1), dropFault: [faultRev], out: tempHistory() });
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: the fault at revision ${faultRev} is before the fork point ${faultRev + 1}: fork at ${faultRev} or earlier to drop it`);
  });
});
