import { describe, expect, it } from 'vitest';
import { eventName, recordEvent } from '../../src/controllers/index.js';
import { harness, pod, pods } from '../api/harness.js';

describe('recordEvent', () => {
  it('creates an Event the first time and bumps count on a repeat', async () => {
    const { api } = await harness();
    const p = await api.create(pods(), pod('p'), { actor: 'user:a' });
    const spec = { object: p, type: 'Warning' as const, reason: 'FailedScheduling', message: '0/3 nodes are available', component: 'default-scheduler' };
    const ctx = { now: 1000, epoch: Date.UTC(2026, 0, 1) };
    const first = recordEvent(api.store.head(), ctx, spec);
    expect(first.type).toBe('create');
    await api.execute(first, { actor: 'controller:scheduler' });
    const again = recordEvent(api.store.head(), { ...ctx, now: 5000 }, spec);
    expect(again).toMatchObject({ type: 'patch', patchType: 'merge', patch: { count: 2, lastTimestamp: '2026-01-01T00:00:05Z' } });
    await api.execute(again, { actor: 'controller:scheduler' });
    const ev = api.get({ group: '', version: 'v1', resource: 'events', namespace: 'default', name: eventName(spec) });
    expect(ev).toMatchObject({ reason: 'FailedScheduling', count: 2, involvedObject: { kind: 'Pod', name: 'p', uid: p.metadata.uid }, source: { component: 'default-scheduler' } });
  });

  it('keeps different reasons apart', () => {
    const o = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'u' } };
    const base = { object: o, type: 'Normal' as const, message: 'm', component: 'kubelet' };
    expect(eventName({ ...base, reason: 'Pulled' })).not.toBe(eventName({ ...base, reason: 'Started' }));
  });
});
