/**
 * The two Deployment fixtures, run with the built-in control plane, checked over their whole history, and replayed
 * (every recorded reconcile re-fed, no divergence).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/model/index.js';
import type { FixtureRun } from '../../runtime/scenario/run-fixture.js';
import { replayFixture, runFixture } from '../../runtime/scenario/run-fixture.js';

const isReady = (p: KubeObject): boolean =>
  ((p['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const specReplicas = (rs: KubeObject): number => (rs['spec'] as { replicas?: number }).replicas ?? 0;
const image = (o: KubeObject): string | undefined => (o['spec'] as { containers?: { image?: string }[] }).containers?.[0]?.image;

interface Extremes {
  maxSpecSum: number;
  maxLivePods: number;
  minAvailable: number;
}

/** Walks every revision after the image change and tracks the three quantities the rollout bounds. */
function extremes(run: FixtureRun, fromTime: number): Extremes {
  const out: Extremes = { maxSpecSum: 0, maxLivePods: 0, minAvailable: Number.POSITIVE_INFINITY };
  const cursor = run.store.cursor(0);
  while (cursor.forward()) {
    const w = cursor.record;
    if (w === undefined || w.time < fromTime) continue;
    if (!w.key.startsWith('apps/replicasets/') && !w.key.startsWith('core/pods/')) continue;
    const st = cursor.state;
    const sum = st.list({ group: 'apps', resource: 'replicasets', namespace: 'default' }).reduce((n, rs) => n + specReplicas(rs), 0);
    const live = st.list({ group: '', resource: 'pods', namespace: 'default' }).filter((p) => p.metadata.deletionTimestamp === undefined);
    out.maxSpecSum = Math.max(out.maxSpecSum, sum);
    out.maxLivePods = Math.max(out.maxLivePods, live.length);
    out.minAvailable = Math.min(out.minAvailable, live.filter(isReady).length);
  }
  return out;
}

describe('fixtures/deployment-rolling-update.yaml', () => {
  it('never exceeds 13 replicas or 13 live pods, never drops below 8 available, ends with 10 new pods, and replays', async () => {
    const run = await runFixture('fixtures/deployment-rolling-update.yaml');
    expect(run.result.stable).toBe(true);
    const head = run.store.head();
    const pods = head.list({ group: '', resource: 'pods', namespace: 'default' });
    expect(pods).toHaveLength(10);
    for (const p of pods) {
      expect(image(p)).toBe('nginx:1.28');
      expect(isReady(p)).toBe(true);
    }
    const rss = head.list({ group: 'apps', resource: 'replicasets', namespace: 'default' });
    expect(rss.map(specReplicas).sort()).toEqual([0, 10]);
    const x = extremes(run, 60_000);
    expect(x.maxSpecSum).toBe(13);
    expect(x.maxLivePods).toBeLessThanOrEqual(13);
    expect(x.minAvailable).toBeGreaterThanOrEqual(8);
    const d = head.get('apps/deployments/default/web')!;
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d['status']).toMatchObject({ replicas: 10, updatedReplicas: 10, readyReplicas: 10, availableReplicas: 10, observedGeneration: 2 });
    const events = head.list({ group: '', resource: 'events', namespace: 'default' }).filter((e) => e['reason'] === 'ScalingReplicaSet');
    expect(events.length).toBeGreaterThan(4);
    const report = await replayFixture(run);
    expect(report.divergence).toBeUndefined();
    expect(report.checked).toBeGreaterThan(50);
  }, 120_000);
});

describe('fixtures/deployment-stuck-rollout.yaml', () => {
  it('reports ProgressDeadlineExceeded while the old pods keep serving, and replays', async () => {
    const run = await runFixture('fixtures/deployment-stuck-rollout.yaml');
    expect(run.result.stable).toBe(true);
    const head = run.store.head();
    const d = head.get('apps/deployments/default/api')!;
    const conds = (d['status'] as { conditions: { type: string; status: string; reason: string; message: string; lastUpdateTime: string }[] }).conditions;
    const progressing = conds.find((c) => c.type === 'Progressing')!;
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(progressing.message).toMatch(/^ReplicaSet "api-[4-9bcdf]+" has timed out progressing\.$/);
    expect(conds.find((c) => c.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    const pods = head.list({ group: '', resource: 'pods', namespace: 'default' }).filter((p) => p.metadata.deletionTimestamp === undefined);
    const old = pods.filter((p) => p.metadata.labels?.['track'] === 'v1');
    const fresh = pods.filter((p) => p.metadata.labels?.['track'] === 'v2');
    expect(old).toHaveLength(3);
    expect(old.every(isReady)).toBe(true);
    expect(fresh).toHaveLength(2);
    expect(fresh.some(isReady)).toBe(false);
    // The deadline is measured from the Progressing condition's last update: the timeout is written 120-121 s later.
    const key = 'apps/deployments/default/api';
    const progressingAt = (rev: number) =>
      ((run.store.at(rev).get(key)?.['status'] as { conditions?: typeof conds } | undefined)?.conditions ?? []).find((c) => c.type === 'Progressing');
    const revs = run.store.versions(key);
    const i = revs.findIndex((rev) => progressingAt(rev)?.reason === 'ProgressDeadlineExceeded');
    expect(i).toBeGreaterThan(0);
    const before = progressingAt(revs[i - 1]!)!;
    const waited = run.store.write(revs[i]!)!.time - (Date.parse(before.lastUpdateTime) - run.scenario.epoch);
    expect(waited).toBeGreaterThan(120_000);
    expect(waited).toBeLessThanOrEqual(122_000);
    expect((await replayFixture(run)).divergence).toBeUndefined();
  }, 120_000);
});
