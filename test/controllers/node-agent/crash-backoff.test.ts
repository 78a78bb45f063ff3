import { describe, expect, it } from 'vitest';
import { backoffAfterExit, backoffMessage, parseBackoffMessage } from '../../../src/controllers/node-agent/crash-backoff.js';
import { goDuration, parseGoDuration } from '../../../src/controllers/node-agent/times.js';

describe('crash back-off', () => {
  const run = { startedAt: 100_000, finishedAt: 105_000, kubeletStartedAt: 0 };
  it('restarts the first exit at once, then waits double the previous wait, capped at 5 min', () => {
    expect(backoffAfterExit({ ...run, restartCount: 0 })).toBe(0);
    expect(backoffAfterExit({ ...run, restartCount: 1, previousFinishedAt: 100_000 })).toBe(10_000);
    expect(backoffAfterExit({ ...run, restartCount: 2, previousFinishedAt: 90_000 })).toBe(20_000);
    expect(backoffAfterExit({ ...run, restartCount: 6, previousFinishedAt: 100_000 - 160_000 })).toBe(300_000);
    expect(backoffAfterExit({ ...run, restartCount: 7, previousFinishedAt: 100_000 - 300_000 })).toBe(300_000);
  });
  it('forgets the back-off after a run over 10 min, or across a kubelet restart', () => {
    expect(backoffAfterExit({ ...run, finishedAt: 100_000 + 600_001, restartCount: 5, previousFinishedAt: 20_000 })).toBe(0);
    expect(backoffAfterExit({ ...run, finishedAt: 100_000 + 600_000, restartCount: 5, previousFinishedAt: 20_000 })).toBe(160_000);
    expect(backoffAfterExit({ ...run, restartCount: 5, previousFinishedAt: 20_000, kubeletStartedAt: 100_001 })).toBe(0);
  });
  it('words the waiting message as the kubelet and reads it back', () => {
    const m = backoffMessage(160_000, 'app', { name: 'web', namespace: 'prod', uid: 'u-1' });
    expect(m).toBe('back-off 2m40s restarting failed container=app pod=web_prod(u-1)');
    expect(parseBackoffMessage(m)).toBe(160_000);
    expect(parseBackoffMessage('something else')).toBeUndefined();
  });
  it('formats and parses Go durations', () => {
    expect([0, 500, 10_000, 80_000, 300_000, 1500, 3_720_000].map(goDuration)).toEqual(['0s', '500ms', '10s', '1m20s', '5m0s', '1.5s', '1h2m0s']);
    expect(['5s', '1m30s', '250ms', '2', 'x', '5q'].map(parseGoDuration)).toEqual([5000, 90_000, 250, 2000, undefined, undefined]);
  });
});
