import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMemoryLog } from '../../../src/log/index.js';
import type { HistoryHeader } from '../../../src/model/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../../src/model/index.js';
import { settingsMeta } from '../../../src/runtime/controller-settings.js';
import type { Scenario } from '../../../src/runtime/index.js';
import { parseScenario, runScenario } from '../../../src/runtime/index.js';
import type { Store } from '../../../src/store/index.js';
import { openStore } from '../../../src/store/index.js';

const FIXTURE = 'fixtures/replicaset-node-failure.yaml';

/** The fixture, with `spec.controllerManager` set to `settings` (when given). */
function fixtureWith(settings?: Record<string, unknown>): Scenario {
  const doc = parse(readFileSync(FIXTURE, 'utf8')) as { spec: Record<string, unknown> };
  if (settings !== undefined) doc.spec['controllerManager'] = settings;
  return parseScenario(doc, FIXTURE);
}

function headerFor(s: Scenario): HistoryHeader {
  return { format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: s.epoch, clock: 'virtual', seed: s.seed, meta: { scenario: s.name, ...settingsMeta(s.controllerManager ?? {}) } };
}

async function run(s: Scenario, forMs: number): Promise<Store> {
  const log = createMemoryLog(headerFor(s));
  await runScenario(s, { log, until: { forMs } });
  return openStore(log);
}

/** node-2's silence when the node lifecycle controller marked it Unknown: from its kubelet's last write to that write, and the time of it. */
function unknownAfterSilence(store: Store): { silenceMs: number; at: number } {
  const marked = store
    .writes({ actor: 'controller:node-lifecycle-controller' })
    .find((w) => w.key === 'core/nodes/_/node-2' && (store.at(w.rev).get(w.key)?.['status'] as { conditions?: { type: string; status: string }[] }).conditions?.some((c) => c.type === 'Ready' && c.status === 'Unknown'));
  if (marked === undefined) throw new Error('node-2 was never marked Unknown');
  const lastHeartbeat = Math.max(...store.writes({ actor: 'node:node-2', toRev: marked.rev }).map((w) => w.time));
  return { silenceMs: marked.time - lastHeartbeat, at: marked.time };
}

const firstEviction = (store: Store): number | undefined => store.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete' })[0]?.time;

describe(`spec.controllerManager on ${FIXTURE}`, () => {
  it('node-monitor-grace-period: 20s marks node-2 Unknown about 20 s after its last heartbeat (50 s at the default), and evicts 30 s sooner', async () => {
    const changed = fixtureWith({ 'node-monitor-grace-period': '20s' });
    expect(changed.controllerManager).toEqual({ 'node-monitor-grace-period': 20_000 });
    const [withSetting, atDefault] = await Promise.all([run(changed, 7 * 60_000), run(fixtureWith(), 7 * 60_000)]);
    const fast = unknownAfterSilence(withSetting);
    const slow = unknownAfterSilence(atDefault);
    // The first 5 s monitor pass strictly after heartbeat + grace.
    expect(fast.silenceMs).toBeGreaterThan(20_000);
    expect(fast.silenceMs).toBeLessThanOrEqual(25_000);
    expect(slow.silenceMs).toBeGreaterThan(50_000);
    expect(slow.silenceMs).toBeLessThanOrEqual(55_000);
    // Eviction follows the taint by the pods' 300 s tolerations in both.
    const [early, late] = [firstEviction(withSetting), firstEviction(atDefault)];
    expect(early).toBeDefined();
    expect(late).toBeDefined();
    expect((late ?? 0) - (early ?? 0)).toBe(slow.at - fast.at);
    expect(slow.at - fast.at).toBe(30_000);
  }, 60_000);

  it('refuses unknown flags and bad values with the flag in the path', () => {
    expect(() => fixtureWith({ 'node-monitor-grace': '20s' })).toThrow(`scenario ${FIXTURE}: spec.controllerManager.node-monitor-grace: unknown flag: --node-monitor-grace`);
    expect(() => fixtureWith({ 'node-monitor-grace-period': 20 })).toThrow(
      `scenario ${FIXTURE}: spec.controllerManager.node-monitor-grace-period: invalid argument "20" for "--node-monitor-grace-period" flag: time: missing unit in duration "20"`,
    );
    expect(() => fixtureWith({ 'terminated-pod-gc-threshold': 10 })).toThrow('spec.controllerManager.terminated-pod-gc-threshold: --terminated-pod-gc-threshold: a kube-controller-manager flag chronokube does not model');
    expect(() => fixtureWith(['node-monitor-grace-period=20s'] as unknown as Record<string, unknown>)).toThrow('spec.controllerManager: must be a mapping');
    // Flags at their defaults are no settings.
    expect(fixtureWith({ 'node-monitor-grace-period': '50s' }).controllerManager).toBeUndefined();
  });

  it('refuses to run into a log whose header does not record the settings (or records others)', async () => {
    const changed = fixtureWith({ 'node-monitor-grace-period': '20s' });
    const bare = { format: HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: changed.epoch, clock: 'virtual', seed: 1 } as const;
    await expect(runScenario(changed, { log: createMemoryLog(bare), until: { forMs: 1000 } })).rejects.toThrow(
      'the scenario sets controller settings {"node-monitor-grace-period":"20s"} that the history header does not record',
    );
    const stale = createMemoryLog({ ...bare, meta: { controllerManager: '{"node-monitor-grace-period":"20s"}' } });
    await expect(runScenario(fixtureWith(), { log: stale, until: { forMs: 1000 } })).rejects.toThrow('the history header records controller settings');
    expect(stale.headRev()).toBe(0);
  });
});
