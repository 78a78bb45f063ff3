import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, tempHistory } from './capture.js';

describe('chronokube replay --simulate', () => {
  it('re-simulates an imported incident, labels the replay, lists its inputs and environment, and exits 0 when all reproduce', async () => {
    const out = tempHistory();
    const r = await cli('replay', '--history', 'replays/scaled-to-zero.ckh', '--simulate', '--all', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe("re-simulation: chronokube's controllers re-run over the recorded inputs — the recorded history is not changed");
    expect(lines).toContain('inputs re-made: 2 requests — user:alice@example.com 1, user:bob@example.com 1');
    expect(lines).toContain('nodes: node-1, node-2, node-3 (named by pods or kubelets, no Node recorded)');
    expect(lines).toContain('namespaces assumed to exist: shop');
    expect(lines).toContain('compared: apps/deployments, apps/replicasets, pods');
    expect(r.out).toMatch(/^REPRODUCED {6}apps\/replicasets\/shop\/checkout-6f9c8d7b5 {2}\(simulated as apps\/replicasets\/shop\/checkout-\w+: same controller, same creation order\)$/m);
    expect(lines.at(-1)).toBe('summary: 5 reproduced, 0 diverged, 0 only recorded, 0 only simulated');
    expect(existsSync(out)).toBe(true);
    // The kept simulation opens like any history.
    const pods = await cli('history', '--history', out, '--kind', 'pods');
    expect(pods.code).toBe(0);
    expect(pods.out).toContain('controller:replicaset');
  }, 60_000);

  it('exits 1 on a divergence and says which field went where, with -o json giving the whole report', async () => {
    const r = await cli('replay', '--history', 'replays/rollout-stuck-image.ckh', '--simulate');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^DIVERGED {8}apps\/deployments\/default\/api$/m);
    expect(r.out).toMatch(/^ {4}condition Progressing: recorded True → False; simulated True — recorded False at 2026-01-01T00:03:0\dZ, simulated True \(since \S+Z\)$/m);
    const json = await cli('replay', '--history', 'replays/rollout-stuck-image.ckh', '--simulate', '-o', 'json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as { kind: string; summary: { diverged: number }; objects: { recorded?: string; verdict: string }[] };
    expect(report.kind).toBe('re-simulation');
    expect(report.summary.diverged).toBeGreaterThan(0);
    expect(report.objects.find((o) => o.recorded === 'apps/deployments/default/api')?.verdict).toBe('diverged');
  }, 60_000);

  it('refuses options that only go with --simulate, a bad output format, a revision the history lacks, and an existing --out', async () => {
    const stray = await cli('replay', '--history', 'replays/scaled-to-zero.ckh', '--from', '3', '--controllers', 'x.ts');
    expect(stray.code).not.toBe(0);
    expect(stray.err).toContain('--from: only with --simulate');
    const format = await cli('replay', '--history', 'replays/scaled-to-zero.ckh', '--simulate', '-o', 'yaml');
    expect(format.err).toContain('replay --simulate prints -o text or -o json, not "yaml"');
    const far = await cli('replay', '--history', 'replays/scaled-to-zero.ckh', '--simulate', '--from', '99');
    expect(far.code).not.toBe(0);
    expect(far.err).toMatch(/99/);
    const out = tempHistory();
    expect((await cli('replay', '--history', 'replays/scaled-to-zero.ckh', '--simulate', '--out', out)).code).toBe(0);
    const again = await cli('replay', '--history', 'replays/scaled-to-zero.ckh', '--simulate', '--out', out);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain(`${out} exists: pass --force to replace it`);
  }, 60_000);
});
