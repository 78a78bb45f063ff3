import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Event, Pod, ResourceQuota } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { resourceQuotaController } from '../../../src/controllers/resource-quota/resource-quota-controller.js';
import type { AttemptRecord } from '../../../src/model/index.js';
import { controllerRandom, controlPlaneControllers, createWorld } from '../../../src/runtime/index.js';
import { replayReconciles, whyNot } from '../../../src/debug/index.js';
import type { StateView } from '../../../src/store/index.js';
import { replayFixture, runFixture } from './run-fixture.js';

const registered = controlPlaneControllers(createWorld({ behaviours: [] })).some((d) => d.name === resourceQuotaController.name);

describe('fixtures/quota-blocks-scale-up.yaml', () => {
  it('stops the scale-up at the quota with FailedCreate and ReplicaFailure, then finishes once the quota is raised; replays without divergence', async () => {
    const run = await runFixture('fixtures/quota-blocks-scale-up.yaml', { stable: true }, registered ? [] : [resourceQuotaController]);
    expect(run.result.stable).toBe(true);
    const writes = run.records.flatMap((r) => (r.type === 'write' ? [r] : []));
    const at = (t: number): StateView => run.store.at([...writes].reverse().find((w) => w.time <= t)?.rev ?? 1);
    const pods = (v: StateView) => v.list({ group: '', resource: 'pods', namespace: 'shop' }) as unknown as Pod[];
    const quota = (v: StateView) => v.get('core/resourcequotas/shop/pods-quota') as unknown as ResourceQuota;
    const rsOf = (v: StateView) => (v.list({ group: 'apps', resource: 'replicasets', namespace: 'shop' }) as unknown as ReplicaSet[])[0];

    // Before the scale-up: 2 pods, the quota's status counts them.
    expect(pods(at(59_000))).toHaveLength(2);
    expect(quota(at(59_000)).status).toEqual({ hard: { 'limits.cpu': '2', pods: '3', 'requests.cpu': '2' }, used: { 'limits.cpu': '500m', pods: '2', 'requests.cpu': '500m' } });

    // Blocked: 3 pods, FailedCreate with Kubernetes' message, ReplicaFailure on the ReplicaSet and the Deployment.
    const blocked = at(179_000);
    expect(pods(blocked)).toHaveLength(3);
    expect(quota(blocked).status?.used).toEqual({ 'limits.cpu': '750m', pods: '3', 'requests.cpu': '750m' });
    const rs = rsOf(blocked);
    const failed = (blocked.list({ group: '', resource: 'events', namespace: 'shop' }) as unknown as Event[]).filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    for (const e of failed) {
      expect(e.involvedObject.name).toBe(rs?.metadata?.name);
      expect(e.type).toBe('Warning');
      expect(e.message).toMatch(
        /^Error creating: pods "web-[a-z0-9]+-[bcdfghjklmnpqrstvwxz2456789]{5}" is forbidden: exceeded quota: pods-quota, requested: pods=1, used: pods=3, limited: pods=3$/,
      );
    }
    expect(rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    const deploy = blocked.get('apps/deployments/shop/web') as unknown as Deployment;
    expect(deploy.status?.conditions?.find((c) => c.type === 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    const attempts = run.records.filter((r): r is AttemptRecord => r.type === 'attempt' && r.actor === 'controller:replicaset');
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((a) => a.status.code === 403 && a.status.message.includes('exceeded quota: pods-quota'))).toBe(true);

    // whynot on the blocked ReplicaSet ends at the quota to raise.
    const blockedRev = [...writes].reverse().find((w) => w.time <= 179_000)?.rev ?? 1;
    const why = whyNot(run.store, attempts, `apps/replicasets/shop/${rs?.metadata?.name ?? ''}`, blockedRev);
    expect(why.ok).toBe(false);
    const exhausted = why.findings.find((f) => f.summary === 'resourcequota shop/pods-quota is exhausted: pods');
    expect(exhausted?.details).toContain('pods: used 3 of 3');
    expect(why.findings.some((f) => f.source === 'refused' && f.summary.includes('exceeded quota: pods-quota'))).toBe(true);
    expect(whyNot(run.store, attempts, `apps/replicasets/shop/${rs?.metadata?.name ?? ''}`).ok).toBe(true);

    // Raised to 6: all 5 pods run, the condition is gone, the status follows.
    const final = run.store.head();
    const running = pods(final).filter((p) => p.status?.phase === 'Running');
    expect(running).toHaveLength(5);
    expect(rsOf(final)?.status?.conditions?.find((c) => c.type === 'ReplicaFailure')).toBeUndefined();
    expect((final.get('apps/deployments/shop/web') as unknown as Deployment).status?.availableReplicas).toBe(5);
    expect(quota(final).status).toEqual({ hard: { 'limits.cpu': '2', pods: '6', 'requests.cpu': '2' }, used: { 'limits.cpu': '1250m', pods: '5', 'requests.cpu': '1250m' } });

    const replay = await replayFixture(run);
    expect(replay.divergence).toBeUndefined();
    expect(replay.checked).toBeGreaterThan(20);
    // The quota controller's own reconciles, whether or not the control plane lists it yet.
    const quotaReplay = await replayReconciles({
      store: run.store,
      records: run.records,
      epoch: run.scenario.epoch,
      definitionFor: (name) => (name === resourceQuotaController.name ? resourceQuotaController : undefined),
      randomFor: (name) => controllerRandom(run.scenario.seed, name),
      only: new Set([resourceQuotaController.name]),
    });
    expect(quotaReplay.divergence).toBeUndefined();
    expect(quotaReplay.checked).toBeGreaterThan(3);
  });
});
