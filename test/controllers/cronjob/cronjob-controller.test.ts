import { describe, expect, it } from 'vitest';
import { cronJobController } from '../../../src/controllers/cronjob/cronjob-controller.js';
import type { KubeObject } from '../../../src/model/index.js';
import { testEngine } from '../../runtime/engine.js';

const user = { actor: 'user:alice' };
const CJ = { group: 'batch', version: 'v1', resource: 'cronjobs', namespace: 'default' } as const;
const JOBS = { group: 'batch', version: 'v1', resource: 'jobs', namespace: 'default' } as const;
const EVENTS = { group: '', version: 'v1', resource: 'events', namespace: 'default' } as const;
const ACTOR = 'controller:cronjob';

function cronJob(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      ...spec,
      jobTemplate: { metadata: { labels: { team: 'a' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } },
    },
  };
}

async function started(spec: Record<string, unknown>) {
  const e = await testEngine();
  e.manager.add(cronJobController);
  await e.api.create(CJ, cronJob('cj', spec), user);
  const jobCreates = () => e.store.writes({ actor: ACTOR, verb: 'create' }).filter((w) => w.key.startsWith('batch/jobs/'));
  const events = (reason: string) => e.api.list(EVENTS).items.filter((ev) => ev['reason'] === reason);
  return { ...e, jobCreates, events };
}

describe('cronJobController (virtual time)', () => {
  it('runs a week of @daily schedules in virtual time, one Job per midnight (Allow)', async () => {
    const e = await started({ schedule: '@daily' });
    await e.scheduler.run(7 * 24 * 3_600_000 + 1000);
    expect(e.jobCreates().map((w) => w.time / 3_600_000)).toEqual([24, 48, 72, 96, 120, 144, 168].map((h) => h + 100 / 3_600_000));
    const jobs = e.api.list(JOBS).items;
    expect(jobs.map((j) => j.metadata.name)).toContain(`cj-${Date.UTC(2026, 0, 2) / 60_000}`);
    expect(jobs[0]?.metadata.labels).toEqual({ team: 'a' });
    // Jobs that never finish stay active (no Job controller here).
    expect((e.api.get({ ...CJ, name: 'cj' })['status'] as { active: unknown[] }).active).toHaveLength(7);
    expect(e.events('SuccessfulCreate')).toHaveLength(7);
  });

  it('a CronJob before its first schedule does nothing; a metadata-only update writes nothing', async () => {
    const e = await started({ schedule: '0 12 * * *' });
    await e.scheduler.run(3_600_000);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(0);
    await e.api.patch({ ...CJ, name: 'cj' }, 'merge', { metadata: { labels: { x: 'y' } } }, user);
    await e.scheduler.run(2 * 3_600_000);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(0);
  });

  it('Replace deletes the still-running Job before creating the next one', async () => {
    const e = await started({ schedule: '*/5 * * * *', concurrencyPolicy: 'Replace' });
    await e.scheduler.run(16 * 60_000);
    expect(e.jobCreates()).toHaveLength(3);
    expect(e.store.writes({ actor: ACTOR, verb: 'delete' })).toHaveLength(2);
    expect(e.api.list(JOBS).items.map((j) => j.metadata.name)).toEqual([`cj-${Date.UTC(2026, 0, 1, 0, 15) / 60_000}`]);
  });

  it('suspend stops creating; resuming starts the missed schedule at once, and startingDeadlineSeconds skips one too old', async () => {
    const e = await started({ schedule: '*/10 * * * *', suspend: true });
    await e.scheduler.run(25 * 60_000);
    expect(e.jobCreates()).toHaveLength(0);
    await e.api.patch({ ...CJ, name: 'cj' }, 'merge', { spec: { suspend: false } }, user);
    await e.scheduler.run(25 * 60_000 + 1000);
    expect(e.jobCreates().map((w) => [w.time, w.key.split('/')[3]])).toEqual([[25 * 60_000, `cj-${Date.UTC(2026, 0, 1, 0, 20) / 60_000}`]]);

    const late = await started({ schedule: '*/10 * * * *', suspend: true, startingDeadlineSeconds: 60 });
    await late.scheduler.run(25 * 60_000);
    await late.api.patch({ ...CJ, name: 'cj' }, 'merge', { spec: { suspend: false } }, user);
    await late.scheduler.run(25 * 60_000 + 1000);
    expect(late.jobCreates()).toHaveLength(0);
    // The window starts at now - 60 s (mostRecentScheduleTime), so 00:20 is not even considered: no event either.
    expect(late.events('MissSchedule')).toHaveLength(0);
    await late.scheduler.run(31 * 60_000);
    expect(late.jobCreates().map((w) => w.time)).toEqual([30 * 60_000 + 100]);
  });

  it('a Job that goes missing is dropped from status.active with MissingJob', async () => {
    const e = await started({ schedule: '* * * * *', concurrencyPolicy: 'Forbid' });
    await e.scheduler.run(61_000);
    const name = e.api.list(JOBS).items[0]!.metadata.name!;
    await e.api.delete({ ...JOBS, name }, user);
    await e.scheduler.run(62_000);
    expect(e.events('MissingJob').map((ev) => ev['message'])).toEqual([`Active job went missing: ${name}`]);
    expect((e.api.get({ ...CJ, name: 'cj' })['status'] as { active?: unknown[] }).active).toBeUndefined();
  });
});
