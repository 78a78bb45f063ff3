import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ForkChange } from '../../src/debug/index.js';
import { fork, forkHeader, forkSettings, resimulate, runBranch } from '../../src/debug/index.js';
import type { Log } from '../../src/log/index.js';
import { createMemoryLog } from '../../src/log/index.js';
import type { FaultRecord, HistoryHeader, HistoryRecord } from '../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../src/model/index.js';
import type { Scenario } from '../../src/runtime/index.js';
import { parseScenario, runScenario, settingsMeta } from '../../src/runtime/index.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';

const FIXTURE = 'fixtures/replicaset-node-failure.yaml';
const RUN_MS = 10 * 60_000;

interface Original {
  readonly header: HistoryHeader;
  readonly store: Store;
  readonly records: readonly HistoryRecord[];
  readonly fault: FaultRecord;
}

/** The fixture (with `spec.controllerManager` when given) run for ten minutes into a header that records its settings. */
async function original(settings?: Record<string, string>): Promise<Original> {
  const doc = parse(readFileSync(FIXTURE, 'utf8')) as { spec: Record<string, unknown> };
  if (settings !== undefined) doc.spec['controllerManager'] = settings;
  const scenario: Scenario = parseScenario(doc, FIXTURE);
  const header: HistoryHeader = { format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: scenario.epoch, clock: 'virtual', seed: scenario.seed, meta: { scenario: scenario.name, ...settingsMeta(scenario.controllerManager ?? {}) } };
  const log = createMemoryLog(header);
  await runScenario(scenario, { log, until: { forMs: RUN_MS } });
  const records: HistoryRecord[] = [];
  for await (const r of log.read()) records.push(r);
  const fault = records.find((r): r is FaultRecord => r.type === 'fault' && r.fault.kind === 'node-down');
  if (fault === undefined) throw new Error('no node-down fault');
  return { header, store: await openStore(log), records, fault };
}

async function branch(o: Original, changes: readonly ForkChange[], log: Log = createMemoryLog(forkHeader(o.header, o.fault.atRev, 'original', changes))) {
  const result = await fork({ store: o.store, records: o.records, header: o.header, at: o.fault.atRev, changes, log, source: 'original' });
  return { result, log };
}

/** When the node lifecycle controller marked node-2 Unknown after `fromRev`, and how long after node-2's last write. */
function markedUnknown(store: Store, fromRev: number): { at: number; silenceMs: number } {
  const w = store
    .writes({ actor: 'controller:node-lifecycle-controller', fromRev: fromRev + 1 })
    .find((x) => x.key === 'core/nodes/_/node-2' && (store.at(x.rev).get(x.key)?.['status'] as { conditions?: { type: string; status: string }[] }).conditions?.some((c) => c.type === 'Ready' && c.status === 'Unknown'));
  if (w === undefined) throw new Error('node-2 was not marked Unknown');
  const last = Math.max(...store.writes({ actor: 'node:node-2', toRev: w.rev }).map((x) => x.time));
  return { at: w.time, silenceMs: w.time - last };
}

const firstEviction = (store: Store, fromRev: number): number | undefined =>
  store.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete', fromRev: fromRev + 1 })[0]?.time;

describe(`fork with a controller setting (${FIXTURE})`, () => {
  let atDefaults: Original;
  beforeAll(async () => {
    atDefaults = await original();
  }, 60_000);

  it('node-monitor-grace-period=2m: node-2 goes Unknown ~70 s later than in the original, and its pods are evicted that much later', async () => {
    const changes: ForkChange[] = [{ type: 'setting', flag: 'node-monitor-grace-period', value: '2m' }];
    const { result, log } = await branch(atDefaults, changes);
    expect(result.note).toBe(`fork of original at revision ${atDefaults.fault.atRev}: set --node-monitor-grace-period=2m0s`);
    expect(log.header.meta).toMatchObject({ scenario: 'replicaset-node-failure', forkOf: 'original', controllerManager: '{"node-monitor-grace-period":"2m0s"}' });
    const was = markedUnknown(atDefaults.store, atDefaults.fault.atRev);
    const now = markedUnknown(result.store, atDefaults.fault.atRev);
    expect(was.silenceMs).toBeGreaterThan(50_000);
    expect(was.silenceMs).toBeLessThanOrEqual(55_000);
    expect(now.silenceMs).toBeGreaterThan(120_000);
    expect(now.silenceMs).toBeLessThanOrEqual(125_000);
    expect(now.at - was.at).toBe(70_000);
    const [before, after] = [firstEviction(atDefaults.store, atDefaults.fault.atRev), firstEviction(result.store, atDefaults.fault.atRev)];
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect((after ?? 0) - (before ?? 0)).toBe(70_000);
  }, 60_000);

  it('a branch runs with the settings the original recorded, and a setting back at its default records nothing', async () => {
    const fast = await original({ 'node-monitor-grace-period': '20s' });
    expect(forkSettings(fast.header, [])).toEqual({ 'node-monitor-grace-period': 20_000 });
    const same = await branch(fast, []);
    expect(same.log.header.meta?.['controllerManager']).toBe('{"node-monitor-grace-period":"20s"}');
    expect(markedUnknown(same.result.store, fast.fault.atRev).at).toBe(markedUnknown(fast.store, fast.fault.atRev).at);
    const back: ForkChange[] = [{ type: 'setting', flag: 'node-monitor-grace-period', value: '50s' }];
    const reset = await branch(fast, back);
    expect(reset.log.header.meta).not.toHaveProperty('controllerManager');
    expect(markedUnknown(reset.result.store, fast.fault.atRev).at).toBe(markedUnknown(atDefaults.store, atDefaults.fault.atRev).at);
    // Re-simulation re-runs the controllers with the recorded settings too.
    const sim = await resimulate({ store: fast.store, records: fast.records, header: fast.header, log: createMemoryLog(fast.header) });
    const resimulated = markedUnknown(sim.store, 0);
    expect(resimulated.silenceMs).toBeGreaterThan(20_000);
    expect(resimulated.silenceMs).toBeLessThanOrEqual(25_000);
  }, 60_000);

  it('refuses a bad setting, and a branch log whose header does not record the branch’s settings', async () => {
    await expect(branch(atDefaults, [{ type: 'setting', flag: 'node-monitor-grace', value: '2m' }], createMemoryLog(forkHeader(atDefaults.header, 1)))).rejects.toThrow('unknown flag: --node-monitor-grace');
    expect(() => forkHeader(atDefaults.header, 1, 'x', [{ type: 'setting', flag: 'node-eviction-rate', value: 'fast' }])).toThrow('invalid argument "fast" for "--node-eviction-rate" flag');
    const stale = createMemoryLog(forkHeader(atDefaults.header, atDefaults.fault.atRev));
    await expect(branch(atDefaults, [{ type: 'setting', flag: 'node-monitor-grace-period', value: '2m' }], stale)).rejects.toThrow(
      `the branch log's header must record the branch's controller settings: meta.controllerManager = {"node-monitor-grace-period":"2m0s"}`,
    );
    expect(stale.headRev()).toBe(0);
    // runBranch defaults to the original's recorded settings.
    const fastHeader = { ...atDefaults.header, meta: { controllerManager: '{"node-monitor-grace-period":"20s"}' } };
    const log = createMemoryLog(atDefaults.header);
    await expect(
      runBranch({ store: atDefaults.store, records: atDefaults.records, header: fastHeader, at: 1, log, note: 'n', noteActor: 'user:test', inputs: { writes: [], faults: [], applies: [], nodes: [] }, forMs: 0 }),
    ).rejects.toThrow('meta.controllerManager = {"node-monitor-grace-period":"20s"}');
  });
});
