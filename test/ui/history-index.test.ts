/**
 * The history index over a store that keeps growing (a running cluster's):
 * synced after every batch of writes, through several doublings of its
 * arrays, it answers every query exactly as an index built from scratch
 * over the final history does.
 */
import { describe, expect, it } from 'vitest';
import { HistoryIndex } from '../../src/ui/history-index.js';
import { configMap, configMaps, harness } from '../api/harness.js';

describe('HistoryIndex over a growing store', () => {
  it('indexes new writes on sync and then agrees with a fresh index on every query', async () => {
    const { api, store, clock } = await harness();
    const live = new HistoryIndex(store);
    const boot = store.rev;
    expect(live.head).toBe(boot);
    expect(live.sync()).toBe(false);
    const actors = ['user:alice', 'controller:a', 'node:n1'];
    // 2,600 writes in uneven batches: the arrays grow from the bootstrap's size past 1,024 and 2,048.
    for (let i = 0, batch = 1; i < 2600; batch = (batch * 7) % 97) {
      for (let j = 0; j < batch && i < 2600; j++, i++) {
        clock.advanceTo(i * 10);
        const actor = actors[i % 3] as string;
        if (i % 5 === 4) await api.patch(configMaps('default', `c${i - 1}`), 'merge', { data: { b: '2' } }, { actor });
        else await api.create(configMaps(), configMap(`c${i}`), { actor });
      }
      expect(live.sync()).toBe(true);
      expect(live.head).toBe(store.rev);
    }
    expect(live.sync()).toBe(false);
    const fresh = new HistoryIndex(store);
    expect(live.head).toBe(fresh.head);
    expect(live.first).toBe(fresh.first);
    expect([...live.actors].sort()).toEqual([...fresh.actors].sort());
    for (let r = live.first; r <= live.head; r += 37) {
      expect(live.time(r)).toBe(fresh.time(r));
      expect(live.actorAt(r)).toBe(fresh.actorAt(r));
      expect(live.isNoise(r)).toBe(fresh.isNoise(r));
    }
    for (const t of [-1, 0, 5, 12_345, 25_990, 99_999]) {
      expect(live.revAtTime(t)).toBe(fresh.revAtTime(t));
      expect(live.firstRevFrom(t)).toBe(fresh.firstRevFrom(t));
    }
    expect(live.density(0, 26_000, 50)).toEqual(fresh.density(0, 26_000, 50));
    expect(live.window(boot + 1300, 12, 13)).toEqual(fresh.window(boot + 1300, 12, 13));
    expect(live.window(live.head, 12, 13).at(-1)?.rev).toBe(store.rev);
    // The base revision shows the first write's time, as it does when built at once.
    expect(live.time(0)).toBe(live.time(1));
  }, 30_000);
});
