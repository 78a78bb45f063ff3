import { describe, expect, it } from 'vitest';
import { createMemoryLog } from '../../src/log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, type PendingWrite } from '../../src/model/index.js';
import { checkpointOf, openStore } from '../../src/store/index.js';
import { pod, podKey } from './records.js';

const header = { format: HISTORY_FORMAT as typeof HISTORY_FORMAT, version: HISTORY_FORMAT_VERSION, epoch: 0, clock: 'virtual' as const };
const put = (name: string, prevRev = 0): PendingWrite => ({
  type: 'write', time: 0, actor: 'user:a', cause: [], observedRev: 0, verb: 'create', key: podKey(name), prevRev, change: { op: 'put', object: pod(name) },
});

describe('openStore', () => {
  it('folds what the log holds, then every acknowledged append before it resolves', async () => {
    const log = createMemoryLog(header);
    await log.append([put('a'), put('b')]);
    await log.append([{ type: 'annotation', time: 0, actor: 'user:a', annotation: { kind: 'note', text: 'hi' } }]);
    const store = await openStore(log);
    expect(store.rev).toBe(2);
    await log.append([put('c')]);
    expect(store.head().get(podKey('c'))?.metadata.resourceVersion).toBe('3');
    await log.append([{ ...put('a', 1), change: { op: 'remove' } }]);
    expect(store.head().keys()).toEqual([podKey('b'), podKey('c')]);
    store.close();
    await log.append([put('d')]);
    expect(store.rev).toBe(4);
  });

  it('starts from the base of a compacted log', async () => {
    const log = createMemoryLog(header);
    await log.append([put('a'), put('b'), put('c')]);
    const first = await openStore(log);
    await log.compact(checkpointOf(first.at(2)));
    first.close();
    const store = await openStore(log);
    expect(store.compactedRev).toBe(2);
    expect(store.rev).toBe(3);
    expect(store.at(2).keys()).toEqual([podKey('a'), podKey('b')]);
    expect(store.head().get(podKey('a'))?.metadata.resourceVersion).toBe('1');
    expect(() => store.at(1)).toThrow(/too old resource version: 1 \(2\)/);
  });
});
