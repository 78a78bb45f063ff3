import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SimScheduler, virtualClock } from '../../src/runtime/index.js';

describe('SimScheduler live mode', () => {
  it('runs actions as they fall due and keeps one abort listener, however long it runs', async () => {
    const clock = virtualClock(0);
    const scheduler = new SimScheduler(clock);
    const stop = new AbortController();
    const ran: number[] = [];
    let mostListeners = 0;
    const tick = (n: number): void => {
      ran.push(clock.now());
      mostListeners = Math.max(mostListeners, getEventListeners(stop.signal, 'abort').length);
      if (n === 50) stop.abort();
      else scheduler.schedule(() => tick(n + 1), 10);
    };
    scheduler.schedule(() => tick(1), 10);
    // A fake sleep: time jumps to the next action at once.
    const sleep = (ms: number | undefined): Promise<void> => {
      if (ms !== undefined) clock.advanceTo(clock.now() + ms);
      return Promise.resolve();
    };
    await scheduler.runLive(stop.signal, sleep);
    expect(ran).toHaveLength(50);
    expect(ran.at(-1)).toBe(500);
    expect(mostListeners).toBeLessThanOrEqual(1);
  });
});
