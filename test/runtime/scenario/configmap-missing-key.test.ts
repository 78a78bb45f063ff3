import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { containerEnvironment } from '../../../src/controllers/node-agent/volume-contents.js';
import type { StateView } from '../../../src/store/index.js';
import { replayFixture, runFixture } from './run-fixture.js';

describe('fixtures/configmap-missing-key.yaml', () => {
  it('keeps the pods in CreateContainerConfigError until the key is applied, then they start; replays without divergence', async () => {
    const run = await runFixture('fixtures/configmap-missing-key.yaml');
    expect(run.result.stable).toBe(true);
    const writes = run.records.flatMap((r) => (r.type === 'write' ? [r] : []));
    const at = (t: number): StateView => run.store.at([...writes].reverse().find((w) => w.time <= t)?.rev ?? 1);
    const podsAt = (v: StateView) => v.list({ group: '', resource: 'pods' }) as unknown as Pod[];

    // Before the key exists: both pods Pending, their container refused with the kubelet's message.
    const before = podsAt(at(119_000));
    expect(before).toHaveLength(2);
    for (const p of before) {
      expect(p.status?.phase).toBe('Pending');
      expect(p.status?.containerStatuses?.[0]?.state?.waiting).toEqual({
        reason: 'CreateContainerConfigError',
        message: "couldn't find key LOG_LEVEL in ConfigMap default/app-config",
      });
    }
    const failed = (at(119_000).list({ group: '', resource: 'events' }) as unknown as Event[]).filter((e) => e.reason === 'Failed');
    expect(failed).toHaveLength(2);
    for (const e of failed) {
      expect(e.message).toBe("Error: couldn't find key LOG_LEVEL in ConfigMap default/app-config");
      expect(e.source).toMatchObject({ component: 'kubelet' });
      // Retried every 10-15 s for about two minutes.
      expect(e.count).toBeGreaterThanOrEqual(8);
      expect(e.count).toBeLessThanOrEqual(12);
    }
    const rolling = at(119_000).get('apps/deployments/default/web') as unknown as Deployment;
    expect(rolling.status?.availableReplicas ?? 0).toBe(0);

    // After: both Running and Ready, started within one retry of the apply, and they see the key.
    const final = podsAt(run.store.head());
    expect(final).toHaveLength(2);
    for (const p of final) {
      expect(p.status?.phase).toBe('Running');
      const started = Date.parse(p.status?.containerStatuses?.[0]?.state?.running?.startedAt ?? '') - run.scenario.epoch;
      expect(started).toBeGreaterThanOrEqual(120_000);
      expect(started).toBeLessThan(135_000);
      expect(containerEnvironment(at, p, 'app', run.scenario.epoch)).toMatchObject({ ok: true, env: { LOG_LEVEL: 'debug', MODE: 'blue' }, warnings: [] });
    }
    const done = run.store.head().get('apps/deployments/default/web') as unknown as Deployment;
    expect(done.status?.availableReplicas).toBe(2);

    const replay = await replayFixture(run);
    expect(replay.divergence).toBeUndefined();
    expect(replay.checked).toBeGreaterThan(20);
  });
});
