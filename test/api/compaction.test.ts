import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/index.js';
import { seededIds, seededRandom } from '../../src/model/index.js';
import { virtualClock } from '../../src/runtime/index.js';
import { checkpointOf, openStore } from '../../src/store/index.js';
import { alice, configMap, configMaps, harness, refused } from './harness.js';

describe('compaction, seen through the API', () => {
  it('answers 410 Expired for reads and watches before the compacted revision, and serves everything after it', async () => {
    const { api, log, store } = await harness();
    await api.create(configMaps(), configMap('a'), alice);
    const old = store.rev;
    await api.create(configMaps(), configMap('b'), alice);
    const mid = store.rev;
    await log.compact(checkpointOf(store.at(mid)));
    await api.patch(configMaps('default', 'a'), 'merge', { data: { a: '2' } }, alice);

    // A process opening the compacted log starts from its base.
    const store2 = await openStore(log);
    const api2 = createApi({ log, store: store2, clock: virtualClock(0), ids: seededIds(seededRandom(2)) });
    expect(store2.compactedRev).toBe(mid);
    const s = await refused(() => Promise.resolve(api2.list(configMaps(), { resourceVersion: String(old), resourceVersionMatch: 'Exact' })), 'Expired');
    expect(s.code).toBe(410);
    expect(s.message).toBe(`too old resource version: ${old} (${mid})`);
    const events = await firstValueFrom(api2.watch(configMaps(), { resourceVersion: String(old) }).pipe(take(1), toArray()));
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { reason: 'Expired', code: 410 } });
    expect(api2.list(configMaps(), { resourceVersion: String(mid), resourceVersionMatch: 'Exact' }).items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    expect(api2.get(configMaps('default', 'a'))['data']).toEqual({ a: '2' });
  });
});
