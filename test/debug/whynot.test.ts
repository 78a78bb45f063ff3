import { beforeAll, describe, expect, it } from 'vitest';
import { renderWhyNot, whyNot } from '../../src/debug/index.js';
import type { AttemptRecord } from '../../src/model/index.js';
import type { FixtureRun } from '../runtime/scenario/run-fixture.js';
import { runFixture } from '../runtime/scenario/run-fixture.js';

const attemptsOf = (run: FixtureRun): AttemptRecord[] => run.records.filter((r): r is AttemptRecord => r.type === 'attempt');
const NOT_FOUND = 'error looking up service account default/robot: serviceaccount "robot" not found';

describe('whyNot', () => {
  let sa: FixtureRun;
  beforeAll(async () => {
    sa = await runFixture('test/debug/modules/missing-service-account.yaml', { forMs: 10 * 60_000 });
  }, 60_000);

  it('why is a Deployment not available: its conditions, its ReplicaSet refused creates, its evicted pod', () => {
    const a = whyNot(sa.store, attemptsOf(sa), 'apps/deployments/default/api');
    expect(a.question).toBe('why is deployment default/api not available?');
    expect(a.ok).toBe(false);
    const lines = a.findings.map((f) => f.summary);
    expect(lines[0]).toBe('wants 2, has 1, 1 ready, 1 available, 1 up to date');
    expect(lines).toContain('Available=False (MinimumReplicasUnavailable: Deployment does not have minimum availability.) since 2026-01-01T00:02:45Z');
    const rs = a.related?.[0];
    expect(rs?.question).toMatch(/^why does replicaset default\/api-[a-z0-9]+ not have its replicas ready\?$/);
    const refused = rs?.findings.find((f) => f.source === 'refused');
    expect(refused?.summary).toMatch(new RegExp(`^the API refused \\d+ commands of controller:replicaset; the last: create Pod default/api-[a-z0-9]+-\\* → Forbidden: .*${NOT_FOUND.replace(/[()]/g, '\\$&')}$`));
    expect(refused?.rev).toBe(attemptsOf(sa).filter((r) => r.command.type === 'create' && r.command.object.metadata.generateName?.startsWith('api-')).pop()?.atRev);
    expect(rs?.findings.some((f) => f.source === 'event' && f.summary.startsWith('event Warning FailedCreate'))).toBe(true);
    const pod = rs?.related?.[0];
    expect(pod?.question).toMatch(/still terminating, and was it replaced\?$/);
    expect(pod?.findings[0]?.summary).toMatch(/^it is terminating since \S+: deleted at rev \d+ by controller:taint-eviction-controller \(delete\)$/);
    expect(renderWhyNot(a)).toContain('    why is pod default/api-');
  });

  it('why was an evicted pod not replaced: the owner could not create one; and a bare kind gets its bad conditions', () => {
    const evicted = sa.store.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete' }).find((w) => w.key.includes('/worker-'));
    if (evicted === undefined) throw new Error('no worker pod was evicted');
    const a = whyNot(sa.store, attemptsOf(sa), evicted.key);
    expect(a.ok).toBe(false);
    expect(a.findings.map((f) => f.summary)).toContain('its owner ReplicaSet default/worker wants 2 replicas and has 1 (1 ready)');
    expect(a.findings.some((f) => f.source === 'refused' && f.summary.endsWith(NOT_FOUND))).toBe(true);
    // Before the service account was deleted (and before any eviction) the same question has nothing refused to show.
    const saDeleted = sa.store.writes({ verb: 'delete' }).find((w) => w.key === 'core/serviceaccounts/default/robot');
    if (saDeleted === undefined) throw new Error('the service account was never deleted');
    const early = whyNot(sa.store, attemptsOf(sa), 'apps/replicasets/default/worker', saDeleted.rev - 1);
    expect(early.ok).toBe(true);
    expect(early.findings.some((f) => f.source === 'refused')).toBe(false);
    const node = whyNot(sa.store, [], 'core/nodes/_/node-1');
    expect(node.question).toBe('why is nodes node-1 not healthy?');
    expect(node.findings.map((f) => f.summary)).toContain('Ready=Unknown (NodeStatusUnknown: Kubelet stopped posting node status.) since 2026-01-01T00:02:45Z');
  });

  it('why is a pod not scheduled: PodScheduled=False and the FailedScheduling event', async () => {
    const u = await runFixture('fixtures/unschedulable.yaml', { forMs: 4 * 60_000 });
    const a = whyNot(u.store, [], 'core/pods/default/big');
    expect(a.question).toBe('why is pod default/big not scheduled?');
    expect(a.findings.map((f) => f.summary)).toEqual([
      expect.stringMatching(/^PodScheduled=False \(Unschedulable: 0\/2 nodes are available: 2 Insufficient cpu\. .*\) since 2026-01-01T00:00:00Z$/),
      expect.stringMatching(/^event Warning FailedScheduling from default-scheduler: 0\/2 nodes are available: 2 Insufficient cpu\./),
    ]);
    expect(whyNot(u.store, [], 'core/pods/default/nope').findings[0]?.summary).toBe(`pod default/nope never existed at or before revision ${u.store.rev}`);
  }, 60_000);

  it('says an evicted pod was replaced, naming the replacement', async () => {
    const n = await runFixture('fixtures/replicaset-node-failure.yaml');
    const evicted = n.store.writes({ actor: 'controller:taint-eviction-controller', verb: 'delete' })[0];
    if (evicted === undefined) throw new Error('nothing evicted');
    const a = whyNot(n.store, [], evicted.key);
    expect(a.ok).toBe(true);
    const replaced = a.findings.find((f) => f.summary.startsWith('it was replaced: '));
    expect(replaced?.summary).toMatch(/^it was replaced: web-[a-z0-9]{5} \(rev \d+ by controller:replicaset \(create\)\)/);
    expect(replaced?.rev).toBeGreaterThan(evicted.rev);
  }, 60_000);
});
