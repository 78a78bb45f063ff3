/** Following a history's faults: those already recorded, then each one appended, until stopped. */
import { describe, expect, it } from 'vitest';
import type { HistoryRecord } from '../../src/model/index.js';
import { followFaults } from '../../src/ui/follow-faults.js';
import { alice, configMap, configMaps, harness } from '../api/harness.js';

describe('followFaults', () => {
  it('reads the recorded faults, then follows appends in log order, and stops when asked', async () => {
    const { api, log } = await harness();
    await log.append([{ type: 'fault', time: 1, actor: 'user:scenario', fault: { kind: 'node-down', node: 'n1' } }]);
    await api.create(configMaps(), configMap('a'), alice);
    const followed = await followFaults(log);
    expect(followed.faults.map((f) => f.fault)).toEqual([{ kind: 'node-down', node: 'n1' }]);
    // Two faults in one batch, between writes: both, in order, none twice.
    await log.append([
      { type: 'fault', time: 2, actor: 'user:admin', fault: { kind: 'partition', node: 'n2' } },
      { type: 'fault', time: 2, actor: 'user:admin', fault: { kind: 'heal', node: 'n2' } },
    ]);
    const rev = Number((await api.create(configMaps(), configMap('b'), alice)).metadata.resourceVersion);
    await log.append([{ type: 'fault', time: 3, actor: 'user:admin', fault: { kind: 'node-up', node: 'n1' } }]);
    expect(followed.faults.map((f) => f.fault.kind)).toEqual(['node-down', 'partition', 'heal', 'node-up']);
    expect(followed.faults[3]?.atRev).toBe(rev);
    followed.stop();
    await log.append([{ type: 'fault', time: 4, actor: 'user:admin', fault: { kind: 'node-down', node: 'n3' } }]);
    expect(followed.faults).toHaveLength(4);
  });

  it('counts a fault appended while the recorded ones are being read exactly once', async () => {
    const { log } = await harness();
    for (let i = 0; i < 50; i++) await log.append([{ type: 'fault', time: i, actor: 'user:admin', fault: { kind: 'node-down', node: `n${i}` } }]);
    const following = followFaults(log);
    await log.append([{ type: 'fault', time: 99, actor: 'user:admin', fault: { kind: 'node-up', node: 'late' } }]);
    const followed = await following;
    await log.append([{ type: 'fault', time: 100, actor: 'user:admin', fault: { kind: 'node-up', node: 'after' } }]);
    expect(followed.faults).toHaveLength(52);
    expect(followed.faults.filter((f) => f.fault.kind === 'node-up').map((f) => (f.fault as { node: string }).node)).toEqual(['late', 'after']);
    followed.stop();
  });

  it('drops a fault both read and heard (appended just as the read began)', async () => {
    const { log } = await harness();
    await log.append([{ type: 'fault', time: 1, actor: 'user:admin', fault: { kind: 'node-down', node: 'n1' } }]);
    // A log whose read starts only after one more append, so the read sees that fault too.
    const racing = new Proxy(log, {
      get(target, prop, receiver) {
        if (prop !== 'read') return Reflect.get(target, prop, receiver) as unknown;
        return async function* (): AsyncGenerator<HistoryRecord> {
          await target.append([{ type: 'fault', time: 2, actor: 'user:admin', fault: { kind: 'node-up', node: 'n1' } }]);
          yield* target.read();
        };
      },
    });
    const followed = await followFaults(racing);
    expect(followed.faults.map((f) => f.fault.kind)).toEqual(['node-down', 'node-up']);
    followed.stop();
  });
});
