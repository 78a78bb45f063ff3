/**
 * Re-simulation on incidents of replays/: an imported audit log (users'
 * requests only, no nodes, no namespace), the eviction storm as chronokube
 * recorded it and as `chronokube record` would have (no fault records: the
 * partition is read from the Node's Ready condition and the kubelet's lease),
 * and a stuck rollout whose cause — an image that never becomes ready — is
 * in no history, so the simulation diverges until given the scenario's
 * container behaviours.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectComparison } from '../../../src/debug/index.js';
import { resimulate } from '../../../src/debug/index.js';
import { createMemoryLog, openFileLog } from '../../../src/log/index.js';
import type { HistoryHeader, HistoryRecord } from '../../../src/model/index.js';
import { loadScenario } from '../../../src/runtime/index.js';
import type { Store } from '../../../src/store/index.js';
import { openStore } from '../../../src/store/index.js';
import { recordedForm } from './recorded-form.js';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const log of opened.splice(0)) await log.close();
});

async function open(name: string): Promise<{ records: HistoryRecord[]; store: Store; header: HistoryHeader }> {
  const log = await openFileLog(`replays/${name}.ckh`, { mode: 'read', onWarning: () => undefined });
  opened.push(log);
  const records: HistoryRecord[] = [];
  for await (const r of log.read()) records.push(r);
  return { records, store: await openStore(log), header: log.header };
}

const run = (h: { records: HistoryRecord[]; store: Store; header: HistoryHeader }, extra: { behaviours?: ReturnType<typeof loadScenario>['behaviours']; from?: number } = {}) =>
  resimulate({ store: h.store, records: h.records, header: h.header, log: createMemoryLog(h.header), ...extra });

const byRecorded = (objects: readonly ObjectComparison[], key: string): ObjectComparison | undefined => objects.find((o) => o.recorded === key);

describe('resimulate', () => {
  it('reproduces scaled-to-zero from its audit log: the users re-made, nodes and namespace taken from the history, pods paired through their ReplicaSet', async () => {
    const h = await open('scaled-to-zero');
    const { report, store } = await run(h);
    expect(report.from).toBe(0);
    expect(report.inputs).toMatchObject({
      writes: 2,
      actors: [
        { actor: 'user:alice@example.com', writes: 1 },
        { actor: 'user:bob@example.com', writes: 1 },
      ],
      faults: [],
      namespaces: ['shop'],
      bootstrap: true,
      unknownWrites: 0,
    });
    expect(report.inputs.nodes.map((n) => `${n.node.name} ${n.why}`)).toEqual(['node-1 named', 'node-2 named', 'node-3 named']);
    expect(report.resources).toEqual(['apps/deployments', 'apps/replicasets', 'pods']);
    expect(report.summary).toEqual({ reproduced: 5, diverged: 0, onlyRecorded: 0, onlySimulated: 0 });
    const replicas = byRecorded(report.objects, 'apps/deployments/shop/checkout')?.fields.find((f) => f.field === 'spec.replicas');
    expect(replicas?.recorded.map((v) => v.value)).toEqual(['3', '0']);
    expect(replicas?.simulated.map((v) => v.value)).toEqual(['3', '0']);
    const rs = byRecorded(report.objects, 'apps/replicasets/shop/checkout-6f9c8d7b5');
    expect(rs).toMatchObject({ matchedBy: 'owner', verdict: 'reproduced' });
    expect(rs?.simulated).toMatch(/^apps\/replicasets\/shop\/checkout-/);
    const pods = report.objects.filter((o) => o.recorded?.startsWith('core/pods/shop/'));
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.matchedBy === 'owner' && p.simulated?.startsWith(`core/pods/shop/${rs?.simulated?.split('/').at(-1) ?? '?'}-`))).toBe(true);
    // The simulation is a history of its own: bob's patch re-made as bob, then no pods.
    expect(store.writes({ actor: 'user:bob@example.com' }).map((w) => w.key)).toEqual(['apps/deployments/shop/checkout']);
    expect(store.head().list({ group: '', resource: 'pods', namespace: 'shop' })).toEqual([]);
    expect(store.writes({ actor: 'controller:scheduler' }).length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('reproduces the eviction storm from its own history: the recorded partition re-made, every object on its trajectory', async () => {
    const h = await open('eviction-storm-partition');
    const { report } = await run(h);
    expect(report.inputs.faults).toEqual([{ time: 60_000, fault: { kind: 'partition', node: 'node-2' } }]);
    expect(report.inputs.bootstrap).toBe(false);
    expect(report.summary).toMatchObject({ diverged: 0, onlyRecorded: 0, onlySimulated: 0 });
    expect(report.summary.reproduced).toBeGreaterThan(100);
  }, 60_000);

  it('reproduces the eviction storm as a recorder would have seen it: the partition derived from the Node and its lease', async () => {
    const h = await open('eviction-storm-partition');
    const recorded = await recordedForm(h.records, h.header);
    const { report } = await run({ ...recorded, header: h.header });
    expect(recorded.records.some((r) => r.type === 'fault')).toBe(false);
    expect(report.inputs.faults).toHaveLength(1);
    const [derived] = report.inputs.faults;
    expect(derived?.fault).toEqual({ kind: 'partition', node: 'node-2' });
    expect(derived?.derived).toMatch(/^Ready became Unknown at revision \d+: the kubelet stopped posting status$/);
    // The last lease renewal before the real partition at 60 s (the kubelet renews every 10 s).
    expect(derived?.time).toBeGreaterThan(40_000);
    expect(derived?.time).toBeLessThanOrEqual(60_000);
    expect(report.summary).toMatchObject({ diverged: 0, onlyRecorded: 0, onlySimulated: 0 });
    const evicted = report.objects.filter((o) => o.recorded?.startsWith('core/pods/') && o.fields.some((f) => f.field === 'condition DisruptionTarget'));
    expect(evicted.length).toBeGreaterThan(0);
    expect(evicted.every((o) => o.verdict === 'reproduced')).toBe(true);
  }, 60_000);

  it('diverges on the stuck rollout without the container behaviours, and reproduces the Deployment with them', async () => {
    const h = await open('rollout-stuck-image');
    const without = (await run(h)).report;
    const deployment = byRecorded(without.objects, 'apps/deployments/default/api');
    expect(deployment?.verdict).toBe('diverged');
    const progressing = deployment?.fields.find((f) => f.field === 'condition Progressing');
    expect(progressing).toMatchObject({ verdict: 'diverged', mismatch: { recorded: { value: 'False' }, simulated: { value: 'True' } } });
    const withBehaviours = (await run(h, { behaviours: loadScenario('replays/sources/rollout-stuck-image.yaml').behaviours })).report;
    expect(byRecorded(withBehaviours.objects, 'apps/deployments/default/api')?.verdict).toBe('reproduced');
    expect(withBehaviours.objects.filter((o) => o.recorded?.startsWith('apps/')).every((o) => o.verdict === 'reproduced')).toBe(true);
    expect(withBehaviours.summary.diverged).toBeLessThan(without.summary.diverged);
  }, 60_000);

  it('starts after a given revision, and refuses one the history does not keep', async () => {
    const h = await open('scaled-to-zero');
    const { report } = await run(h, { from: 5 });
    expect(report.inputs.actors).toEqual([{ actor: 'user:bob@example.com', writes: 1 }]);
    expect(report.summary.diverged + report.summary.onlyRecorded).toBe(0);
    await expect(run(h, { from: 99 })).rejects.toThrow('cannot re-simulate from revision 99: this history keeps revisions 0..13');
  }, 60_000);
});
