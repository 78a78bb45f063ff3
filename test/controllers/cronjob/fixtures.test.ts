import { describe, expect, it } from 'vitest';
import { replayFixture, runFixture } from '../../runtime/scenario/run-fixture.js';

describe('fixtures/cronjob-forbid.yaml', () => {
  it('skips schedules while a 90 s run is active and starts the missed one late; replays without divergence', async () => {
    const run = await runFixture('fixtures/cronjob-forbid.yaml', { forMs: 10 * 60_000 + 30_000 });
    const creates = run.store.writes({ actor: 'controller:cronjob', verb: 'create' }).filter((w) => w.key.startsWith('batch/jobs/'));
    // Minute 1 starts on time (+100 ms, nextScheduleDelta); each later run starts when the previous one ends,
    // named for the latest missed minute (Unix minutes: 29453760 is 2026-01-01T00:00Z).
    expect(creates.map((w) => [w.time, w.key.split('/')[3]])).toEqual([
      [60_100, 'tick-29453761'],
      [150_000, 'tick-29453762'],
      [240_000, 'tick-29453764'],
      [330_000, 'tick-29453765'],
      [420_000, 'tick-29453767'],
      [510_000, 'tick-29453768'],
      [600_000, 'tick-29453770'],
    ]);
    const head = run.store.head();
    const job = head.get('batch/jobs/default/tick-29453770')!;
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-01T00:10:00Z' });
    expect(job.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'CronJob', name: 'tick', controller: true, blockOwnerDeletion: true })]);
    // successfulJobsHistoryLimit 3 (the default) keeps the three newest finished Jobs.
    expect(head.list({ group: 'batch', resource: 'jobs', namespace: 'default' }).map((j) => j.metadata.name)).toEqual([
      'tick-29453765',
      'tick-29453767',
      'tick-29453768',
      'tick-29453770',
    ]);
    expect(head.get('batch/cronjobs/default/tick')!['status']).toMatchObject({
      lastScheduleTime: '2026-01-01T00:10:00Z',
      lastSuccessfulTime: '2026-01-01T00:10:00Z',
      active: [expect.objectContaining({ kind: 'Job', name: 'tick-29453770', apiVersion: 'batch/v1' })],
    });
    const events = head.list({ group: '', resource: 'events', namespace: 'default' }).filter((e) => (e['involvedObject'] as { kind?: string }).kind === 'CronJob');
    expect(events.find((e) => e['reason'] === 'JobAlreadyActive')).toMatchObject({ count: 6, message: 'Not starting job because prior execution is running and concurrency policy is Forbid' });
    expect(events.filter((e) => e['reason'] === 'SuccessfulDelete').map((e) => e['message']).sort()).toEqual(['Deleted job tick-29453761', 'Deleted job tick-29453762', 'Deleted job tick-29453764']);
    // Pods of deleted Jobs lose their tracking finalizer and go with them.
    expect(head.list({ group: '', resource: 'pods', namespace: 'default' }).every((p) => !p.metadata.name?.startsWith('tick-29453761-'))).toBe(true);
    const replay = await replayFixture(run);
    expect(replay.divergence).toBeUndefined();
    expect(replay.checked).toBeGreaterThan(100);
  }, 60_000);
});
