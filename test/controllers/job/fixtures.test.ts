import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { replayFixture, runFixture } from '../../runtime/scenario/run-fixture.js';

describe('fixtures/job-backoff.yaml', () => {
  it('creates four pods 10 s, 20 s, 40 s after each failure, then fails with BackoffLimitExceeded; replays without divergence', async () => {
    const run = await runFixture('fixtures/job-backoff.yaml', { stable: true });
    expect(run.result.stable).toBe(true);
    const head = run.store.head();
    const job = head.get('batch/jobs/default/flaky') as unknown as Job;
    const pods = head.list({ group: '', resource: 'pods', namespace: 'default' }) as unknown as Pod[];
    expect(pods.map((p) => p.status?.phase)).toEqual(['Failed', 'Failed', 'Failed', 'Failed']);
    expect(pods.every((p) => (p.metadata?.finalizers ?? []).length === 0)).toBe(true);
    const creates = run.store.writes({ actor: 'controller:job', verb: 'create' }).filter((w) => w.key.startsWith('core/pods/'));
    // Each pod runs 5 s; the gaps after each failure are the back-off: 10 s, 20 s, 40 s.
    expect(creates.map((w) => w.time)).toEqual([0, 15_000, 40_000, 85_000]);
    expect(job.status).toMatchObject({ failed: 4, ready: 0, terminating: 0, uncountedTerminatedPods: {}, startTime: '2026-01-01T00:00:00Z' });
    expect(job.status?.succeeded).toBeUndefined();
    expect(job.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.lastTransitionTime])).toEqual([
      ['FailureTarget', 'True', 'BackoffLimitExceeded', '2026-01-01T00:01:30Z'],
      ['Failed', 'True', 'BackoffLimitExceeded', '2026-01-01T00:01:30Z'],
    ]);
    const events = head.list({ group: '', resource: 'events', namespace: 'default' }).filter((e) => (e['involvedObject'] as { kind?: string }).kind === 'Job');
    expect(events.filter((e) => e['reason'] === 'SuccessfulCreate')).toHaveLength(4);
    expect(events.find((e) => e['reason'] === 'BackoffLimitExceeded')).toMatchObject({ type: 'Warning', message: 'Job has reached the specified backoff limit' });
    const replay = await replayFixture(run);
    expect(replay.divergence).toBeUndefined();
    expect(replay.checked).toBeGreaterThan(50);
  }, 60_000);
});
