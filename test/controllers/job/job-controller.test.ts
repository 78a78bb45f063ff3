import { describe, expect, it } from 'vitest';
import { conflict } from '../../../src/model/index.js';
import { JOBS, PODS, job, jobEngine, user } from './job-e2e.js';

const ACTOR = 'controller:job';
const conds = (j: { status?: { conditions?: { type: string; reason?: string }[] } } | undefined) => j?.status?.conditions?.map((c) => `${c.type}:${c.reason ?? ''}`);

describe('jobController end to end (virtual time, scheduler + kubelet)', () => {
  it('does nothing without Jobs', async () => {
    const e = await jobEngine([]);
    await e.api.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lonely' }, spec: { containers: [{ name: 'c', image: 'i' }] } }, user);
    await e.scheduler.run(60_000);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(0);
  });

  it('runs completions 3 with parallelism 2: two pods, then one, then SuccessCriteriaMet and Complete', async () => {
    const e = await jobEngine([{ matchLabels: { app: 'pi' }, behaviour: { completeAfterMs: 30_000 } }]);
    await e.api.create(JOBS, job('pi', { completions: 3, parallelism: 2 }), user);
    await e.scheduler.run(5 * 60_000);
    const j = e.getJob('pi')!;
    expect(j.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {}, startTime: '2026-01-01T00:00:01Z', completionTime: '2026-01-01T00:01:01Z' });
    expect(j.status?.active).toBeUndefined();
    expect(conds(j)).toEqual(['SuccessCriteriaMet:CompletionsReached', 'Complete:CompletionsReached']);
    const creates = e.store.writes({ actor: ACTOR, verb: 'create' }).filter((w) => w.key.startsWith('core/pods/'));
    expect(creates.map((w) => w.time)).toEqual([1000, 1000, 31_000]);
    for (const p of e.pods()) {
      expect(p.metadata?.finalizers ?? []).toEqual([]);
      expect(p.metadata?.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'pi', 'batch.kubernetes.io/controller-uid': j.metadata?.uid });
    }
    expect(e.events('Completed').map((ev) => ev['message'])).toEqual(['Job completed']);
    expect(e.events('SuccessfulCreate')).toHaveLength(3);
  });

  it('a metadata-only update of the Job writes nothing', async () => {
    const e = await jobEngine([]);
    await e.api.create(JOBS, job('idle'), user);
    await e.scheduler.run(e.clock.now() + 5000);
    const before = e.store.writes({ actor: ACTOR }).length;
    await e.api.patch({ ...JOBS, name: 'idle' }, 'merge', { metadata: { annotations: { note: 'x' } } }, user);
    await e.scheduler.run(e.clock.now() + 5000);
    expect(e.store.writes({ actor: ACTOR })).toHaveLength(before);
  });

  it('activeDeadlineSeconds: deletes active pods, counts them failed, FailureTarget then Failed DeadlineExceeded once they are gone', async () => {
    const e = await jobEngine([]);
    await e.api.create(JOBS, job('slow', { activeDeadlineSeconds: 60, parallelism: 2, completions: 2 }), user);
    await e.scheduler.run(3 * 60_000);
    const j = e.getJob('slow')!;
    expect(conds(j)).toEqual(['FailureTarget:DeadlineExceeded', 'Failed:DeadlineExceeded']);
    expect(j.status).toMatchObject({ failed: 2, terminating: 0, ready: 0 });
    const failedAt = j.status?.conditions?.[0]?.lastTransitionTime;
    expect(failedAt).toBe('2026-01-01T00:01:01Z'); // started at 1 s, 60 s deadline
    expect(e.pods()).toHaveLength(0);
    expect(e.events('SuccessfulDelete')).toHaveLength(2);
    expect(e.events('DeadlineExceeded')[0]).toMatchObject({ type: 'Warning', message: 'Job was active longer than specified deadline' });
  });

  it('Indexed: one success per index, completedIndexes, pods named per index', async () => {
    const e = await jobEngine([{ matchLabels: { app: 'ix' }, behaviour: { completeAfterMs: 10_000 } }]);
    await e.api.create(JOBS, job('ix', { completions: 3, parallelism: 3, completionMode: 'Indexed' }), user);
    await e.scheduler.run(2 * 60_000);
    const j = e.getJob('ix')!;
    expect(j.status).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    expect(conds(j)).toContain('Complete:CompletionsReached');
    expect(e.pods().map((p) => p.metadata?.generateName).sort()).toEqual(['ix-0-', 'ix-1-', 'ix-2-']);
  });

  it('ttlSecondsAfterFinished: the TTL controller deletes the finished Job (Foreground) at completion + TTL', async () => {
    const e = await jobEngine([{ matchLabels: { app: 'brief' }, behaviour: { completeAfterMs: 5000 } }]);
    await e.api.create(JOBS, job('brief', { ttlSecondsAfterFinished: 30 }), user);
    await e.scheduler.run(5 * 60_000);
    const del = e.store.writes({ actor: 'controller:ttl-after-finished', verb: 'delete' });
    expect(del.map((w) => w.time)).toEqual([36_000]); // completed at 6 s
    expect(e.getJob('brief')?.metadata?.finalizers ?? []).toContain('foregroundDeletion');
  });

  it('suspend deletes active pods and records Suspended; resume restarts them and resets startTime', async () => {
    const e = await jobEngine([]);
    await e.api.create(JOBS, job('s', { parallelism: 1 }), user);
    await e.scheduler.run(10_000);
    await e.api.patch({ ...JOBS, name: 's' }, 'merge', { spec: { suspend: true } }, user);
    await e.scheduler.run(60_000);
    expect(conds(e.getJob('s'))).toEqual(['Suspended:JobSuspended']);
    expect(e.getJob('s')?.status).toMatchObject({ terminating: 0 });
    expect(e.getJob('s')?.status?.failed).toBeUndefined(); // deleteJobPods drops the finalizer first: not a failure
    expect(e.pods()).toHaveLength(0);
    await e.api.patch({ ...JOBS, name: 's' }, 'merge', { spec: { suspend: false } }, user);
    await e.scheduler.run(70_000);
    expect(conds(e.getJob('s'))).toEqual(['Suspended:JobResumed']);
    expect(e.getJob('s')?.status?.startTime).toBe('2026-01-01T00:01:00Z');
    expect(e.pods()).toHaveLength(1);
    expect(e.events('Resumed')).toHaveLength(1);
  });

  it('a deleted Job’s pods lose the tracking finalizer (orphan clean-up)', async () => {
    const e = await jobEngine([]);
    await e.api.create(JOBS, job('gone'), user);
    await e.scheduler.run(5000);
    expect(e.pods()[0]?.metadata?.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    await e.api.delete({ ...JOBS, name: 'gone' }, user, { propagationPolicy: 'Orphan' });
    await e.scheduler.run(10_000);
    expect(e.pods()[0]?.metadata?.finalizers ?? []).toEqual([]);
  });

  it('a refused status write is retried with backoff and then lands', async () => {
    const e = await jobEngine([{ matchLabels: { app: 'c' }, behaviour: { completeAfterMs: 5000 } }]);
    const execute = e.api.execute.bind(e.api);
    let refused = 0;
    e.api.execute = (command, ctx) => {
      if (command.type === 'update' && command.subresource === 'status' && command.object.kind === 'Job' && refused++ === 0) {
        return Promise.reject(conflict({ group: 'batch', resource: 'jobs' }, 'c', 'injected'));
      }
      return execute(command, ctx);
    };
    await e.api.create(JOBS, job('c'), user);
    await e.scheduler.run(60_000);
    const attempts: unknown[] = [];
    for await (const r of e.log.read()) if (r.type === 'attempt') attempts.push(r);
    expect(attempts).toHaveLength(1);
    expect(conds(e.getJob('c'))).toContain('Complete:CompletionsReached');
    expect(e.pods()).toHaveLength(1); // the retry did not create a second pod
  });
});
