/**
 * The timeline's invariant marks over a growing store: a finished scan
 * resumes on `follow()` from where it stopped, and its ranges then equal a
 * scan of the whole final history.
 */
import { describe, expect, it } from 'vitest';
import type { Invariant } from '../../src/invariants/index.js';
import { InvariantScanner } from '../../src/ui/invariant-marks.js';
import { alice, configMap, configMaps, EPOCH, harness } from '../api/harness.js';

/** Fails while a ConfigMap named `bad` exists. */
const noBad: Invariant = {
  name: 'no-bad-configmap',
  description: 'no ConfigMap is named bad',
  check: (view) => {
    const o = view.get('core/configmaps/default/bad');
    return o === undefined ? [] : [{ key: 'core/configmaps/default/bad', message: 'exists' }];
  },
};

/** Runs queued slices until none is left (the server runs them on setImmediate). */
function drainer(): { later: (f: () => void) => void; drain: () => void; queued: () => number } {
  const queue: (() => void)[] = [];
  return {
    later: (f) => void queue.push(f),
    drain: () => {
      for (let f = queue.shift(); f !== undefined; f = queue.shift()) f();
    },
    queued: () => queue.length,
  };
}

describe('InvariantScanner.follow', () => {
  it('scans on from where it stopped as the store grows, ending where a fresh scan ends', async () => {
    const { api, store } = await harness();
    const q = drainer();
    const scanner = new InvariantScanner(store, [noBad], EPOCH, q.later, () => 0);
    scanner.follow(); // before start: nothing to follow
    expect(q.queued()).toBe(0);
    scanner.start();
    q.drain();
    expect(scanner.done).toBe(true);
    expect(scanner.marks((r) => r)[0]?.ranges).toEqual([]);
    const from = Number((await api.create(configMaps(), configMap('bad'), alice)).metadata.resourceVersion);
    await api.create(configMaps(), configMap('other'), alice);
    // Finished scans stay finished until asked to follow.
    expect(scanner.done).toBe(true);
    scanner.follow();
    expect(scanner.done).toBe(false);
    q.drain();
    const open = scanner.marks((r) => r)[0];
    expect(open?.scannedTo).toBe(store.rev);
    expect(open?.ranges).toMatchObject([{ from, to: store.rev, open: true, messages: ['core/configmaps/default/bad: exists'] }]);
    const to = Number((await api.delete(configMaps('default', 'bad'), alice)).object.metadata.resourceVersion);
    await api.create(configMaps(), configMap('third'), alice);
    scanner.follow();
    q.drain();
    scanner.follow(); // nothing new: nothing queued
    expect(q.queued()).toBe(0);
    const fresh = new InvariantScanner(store, [noBad], EPOCH, q.later, () => 0);
    fresh.start();
    q.drain();
    expect(scanner.marks((r) => r)).toEqual(fresh.marks((r) => r));
    expect(scanner.marks((r) => r)[0]?.ranges).toMatchObject([{ from, to: to - 1, open: false }]);
  });
});
