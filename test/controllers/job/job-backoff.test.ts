import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, backoffRecord, remainingBackoffMs } from '../../../src/controllers/job/job-backoff.js';

const T0 = Date.UTC(2026, 0, 1);
const at = (s: number): string => new Date(T0 + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
function finished(phase: 'Succeeded' | 'Failed', s: number, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    metadata: { name: `p${s}`, creationTimestamp: at(0), ...extra },
    status: { phase, containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: at(s) } } }] },
  } as Pod;
}
const job: Job = { spec: { template: {} } };

describe('job pod-failure back-off', () => {
  it('doubles from 10 s and is capped at 10 min (MaxJobPodFailureBackOff)', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelayMs(n) / 1000)).toEqual([0, 10, 20, 40, 80, 160, 320, 600, 600]);
  });

  it('counts failures after the last success and waits from the last failure', () => {
    const r = backoffRecord(job, [finished('Failed', 5), finished('Succeeded', 20), finished('Failed', 30), finished('Failed', 40)]);
    expect(r).toEqual({ failuresAfterLastSuccess: 2, lastFailureTime: T0 + 40_000 });
    expect(remainingBackoffMs(r, T0 + 45_000)).toBe(15_000); // 20 s after the failure at 40 s
    expect(remainingBackoffMs(r, T0 + 60_000)).toBe(0);
    expect(remainingBackoffMs(r, T0 + 70_000)).toBe(0);
  });

  it('is reset by a success after every failure, and counts a deleted running pod as a failure at its deletion time', () => {
    expect(backoffRecord(job, [finished('Failed', 5), finished('Succeeded', 20)])).toEqual({ failuresAfterLastSuccess: 0 });
    const deleted = { metadata: { name: 'x', creationTimestamp: at(0), deletionTimestamp: at(12) }, status: { phase: 'Running' } } as Pod;
    expect(backoffRecord(job, [deleted])).toEqual({ failuresAfterLastSuccess: 1, lastFailureTime: T0 + 12_000 });
    // With podReplacementPolicy Failed, a terminating pod is not a failure.
    expect(backoffRecord({ spec: { template: {}, podReplacementPolicy: 'Failed' } }, [deleted])).toEqual({ failuresAfterLastSuccess: 0 });
  });
});
