import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import { replicaSetController } from '../../../src/controllers/replica-set/replica-set.js';
import {
  RESOURCE_QUOTA_SYNC_PERIOD_MS,
  resourceQuotaController,
} from '../../../src/controllers/resource-quota/resource-quota-controller.js';
import { desiredQuotaStatus } from '../../../src/controllers/resource-quota/quota-status.js';
import { quotaEngine } from './engine.js';

const user = { actor: 'user:alice' };
const QUOTAS = { group: '', version: 'v1', resource: 'resourcequotas', namespace: 'default' };
const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
const RS = { group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default' };
const EVENTS = { group: '', version: 'v1', resource: 'events', namespace: 'default' };

const quota = (name: string, hard: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard } });
const pod = (name: string, cpu?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx', ...(cpu === undefined ? {} : { resources: { requests: { cpu }, limits: { cpu } } }) }] },
});
const statusOf = (o: KubeObject) => o['status'] as { hard?: Record<string, string>; used?: Record<string, string> } | undefined;

describe('resource quota controller', () => {
  it('nothing to do: a quota that does not exist', async () => {
    const e = await quotaEngine();
    const r = resourceQuotaController.reconcile('core/resourcequotas/default/nope', e.store.head(), { now: 0, epoch: 0, random: { next: () => 0 } as never });
    expect(r.commands).toEqual([]);
  });

  it('fills status.hard and status.used on create, follows pods, and resyncs every 5 minutes', async () => {
    const e = await quotaEngine();
    e.manager.add(resourceQuotaController);
    await e.api.create(QUOTAS, quota('q', { pods: '5', 'requests.cpu': '2', 'limits.cpu': '2000m', 'count/configmaps': '9' }), user);
    await e.scheduler.run(1_000);
    expect(statusOf(e.api.get({ ...QUOTAS, name: 'q' }))).toEqual({
      hard: { 'count/configmaps': '9', 'limits.cpu': '2', pods: '5', 'requests.cpu': '2' },
      used: { 'count/configmaps': '0', 'limits.cpu': '0', pods: '0', 'requests.cpu': '0' },
    });
    await e.api.create(PODS, pod('a', '500m'), user);
    await e.api.create(PODS, pod('b', '250m'), user);
    await e.scheduler.run(1_000);
    expect(statusOf(e.api.get({ ...QUOTAS, name: 'q' }))?.used).toEqual({ 'count/configmaps': '0', 'limits.cpu': '750m', pods: '2', 'requests.cpu': '750m' });
    await e.api.delete({ ...PODS, name: 'a' }, user, { gracePeriodSeconds: 0 });
    await e.scheduler.run(1_000);
    expect(statusOf(e.api.get({ ...QUOTAS, name: 'q' }))?.used?.['pods']).toBe('1');
    // A no-op resync writes nothing.
    const before = e.store.rev;
    await e.scheduler.run(RESOURCE_QUOTA_SYNC_PERIOD_MS + 1_000);
    expect(e.log.headRev()).toBe(before);
    const r = resourceQuotaController.reconcile('core/resourcequotas/default/q', e.store.head(), { now: 0, epoch: 0, random: { next: () => 0 } as never });
    expect(r).toEqual({ commands: [], requeueAfterMs: 300_000 });
  });

  it('a spec.hard change is copied to status.hard; a status-only change does not wake it', async () => {
    const e = await quotaEngine();
    e.manager.add(resourceQuotaController);
    await e.api.create(QUOTAS, quota('q', { pods: '1' }), user);
    await e.scheduler.run(1_000);
    const q = e.api.get({ ...QUOTAS, name: 'q' });
    await e.api.update({ ...QUOTAS, name: 'q' }, { ...q, spec: { hard: { pods: '4' } } }, user);
    await e.scheduler.run(1_000);
    expect(statusOf(e.api.get({ ...QUOTAS, name: 'q' }))?.hard).toEqual({ pods: '4' });
  });

  it('a name no evaluator tracks keeps its previous used value; equal values in other forms are not rewritten', () => {
    const q = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q', namespace: 'default' },
      spec: { hard: { pods: '2', 'example.com/widgets': '3' } },
      status: { hard: { pods: '2', 'example.com/widgets': '3' }, used: { pods: '0', 'example.com/widgets': '1' } },
    } as never;
    const view = { list: () => [], keys: () => [], rev: 1 } as never;
    expect(desiredQuotaStatus(view, q, 0)).toEqual({
      status: { hard: { 'example.com/widgets': '3', pods: '2' }, used: { 'example.com/widgets': '1', pods: '0' } },
      dirty: false,
    });
  });

  it('end to end: a ReplicaSet past the quota records FailedCreate with the Kubernetes message and an attempt', async () => {
    const e = await quotaEngine();
    e.manager.add(resourceQuotaController);
    e.manager.add(replicaSetController);
    await e.api.create(QUOTAS, quota('q', { pods: '2' }), user);
    await e.api.create(
      RS,
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web' },
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
      },
      user,
    );
    await e.scheduler.run(5_000);
    expect(e.api.list(PODS).items).toHaveLength(2);
    const failed = e.api.list(EVENTS).items.filter((ev) => ev['reason'] === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.['message']).toMatch(
      /^Error creating: pods "web-[bcdfghjklmnpqrstvwxz2456789]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2$/,
    );
    const conditions = (e.api.get({ ...RS, name: 'web' })['status'] as { conditions?: { type: string; status: string; reason?: string; message?: string }[] }).conditions;
    expect(conditions?.find((c) => c.type === 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    const attempts: { actor: string; status: { reason: string; message: string } }[] = [];
    for await (const r of e.log.read(0)) if (r.type === 'attempt') attempts.push(r as never);
    expect(attempts.some((a) => a.actor === 'controller:replicaset' && a.status.reason === 'Forbidden' && a.status.message.includes('exceeded quota: q'))).toBe(true);
    expect(statusOf(e.api.get({ ...QUOTAS, name: 'q' }))?.used).toEqual({ pods: '2' });
  });
});
