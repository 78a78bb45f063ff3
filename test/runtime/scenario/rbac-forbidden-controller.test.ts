import { describe, expect, it } from 'vitest';
import type { AttemptRecord, KubeObject } from '../../../src/model/index.js';
import { replayFixture, runFixture } from './run-fixture.js';

const DENIED =
  'pods is forbidden: User "system:serviceaccount:kube-system:replicaset-controller" cannot create resource "pods" in API group "" in the namespace "default"';

type Condition = { type: string; status: string; reason?: string; message?: string };
const conditionsOf = (o: KubeObject | undefined): Condition[] => ((o?.['status'] as { conditions?: Condition[] } | undefined)?.conditions ?? []);

describe('fixtures/rbac-forbidden-controller.yaml', () => {
  it('a ReplicaSet controller without `create pods` is refused with 403s, reports FailedCreate and ReplicaFailure, and recovers when the role is restored', async () => {
    const run = await runFixture('fixtures/rbac-forbidden-controller.yaml');
    expect(run.result.stable).toBe(true);
    expect(run.result.warnings).toEqual([]);

    // Every refusal is an attempt by the ReplicaSet controller, between the scale-up (3 m) and the fix (10 m).
    const attempts = run.records.filter((r): r is AttemptRecord => r.type === 'attempt');
    expect(attempts.length).toBeGreaterThan(5);
    for (const a of attempts) {
      expect(a.actor).toBe('controller:replicaset');
      expect(a.status).toMatchObject({ code: 403, reason: 'Forbidden', message: DENIED, details: { group: '', kind: 'pods' } });
      expect(a.command.type).toBe('create');
      expect(a.time).toBeGreaterThanOrEqual(180_000);
      expect(a.time).toBeLessThan(600_000);
    }

    // The FailedCreate event, counted once per refusal, as Kubernetes' event recorder aggregates it.
    const head = run.store.head();
    const failed = head.list({ group: '', resource: 'events', namespace: 'default' }).filter((e) => e['reason'] === 'FailedCreate');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ type: 'Warning', message: `Error creating: ${DENIED}`, count: attempts.length, involvedObject: { kind: 'ReplicaSet' } });

    // While refused, the ReplicaSet and the Deployment carried the ReplicaFailure condition.
    const rsKey = head.keys({ group: 'apps', resource: 'replicasets' })[0] ?? '';
    const during = run.store.at(run.records.filter((r) => r.type === 'write' && r.time < 600_000).reduce((m, r) => Math.max(m, r.type === 'write' ? r.rev : 0), 0));
    expect(conditionsOf(during.get(rsKey))).toContainEqual({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: DENIED, lastTransitionTime: expect.any(String) });
    expect(conditionsOf(during.get('apps/deployments/default/web')).find((c) => c.type === 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate', message: DENIED });
    expect(during.list({ group: '', resource: 'pods', namespace: 'default' })).toHaveLength(2);

    // After the fix: five pods, no failure condition.
    expect(head.list({ group: '', resource: 'pods', namespace: 'default' })).toHaveLength(5);
    expect(conditionsOf(head.get(rsKey)).find((c) => c.type === 'ReplicaFailure')).toBeUndefined();

    const replay = await replayFixture(run);
    expect(replay.divergence).toBeUndefined();
  });
});
