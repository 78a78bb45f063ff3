/**
 * The two StatefulSet fixtures, run with the built-in control plane, checked
 * stage by stage over their whole history, and replayed (every recorded
 * reconcile re-fed, no divergence).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, WriteRecord } from '../../../src/model/index.js';
import type { StateView } from '../../../src/store/index.js';
import type { FixtureRun } from '../../runtime/scenario/run-fixture.js';
import { replayFixture, runFixture } from '../../runtime/scenario/run-fixture.js';
import { isReady } from './helpers.js';

const ACTOR = 'controller:statefulset';
const POD_KEY = 'core/pods/default/';
const phase = (p: KubeObject | undefined): string | undefined => (p?.['status'] as { phase?: string } | undefined)?.phase;
const runningAndReady = (p: KubeObject | undefined): boolean => p !== undefined && phase(p) === 'Running' && isReady(p);
const podAt = (st: StateView, name: string): KubeObject | undefined => st.get(`${POD_KEY}${name}`);
const setStatusAt = (st: StateView, name: string): Record<string, unknown> => (st.get(`apps/statefulsets/default/${name}`)?.['status'] ?? {}) as Record<string, unknown>;
const podWrites = (run: FixtureRun, verb: string): WriteRecord[] => run.store.writes({ actor: ACTOR }).filter((w) => w.verb === verb && w.key.startsWith(POD_KEY));
const nameOf = (w: WriteRecord): string => w.key.slice(POD_KEY.length);
const label = (p: KubeObject | undefined, k: string): string | undefined => p?.metadata.labels?.[k];
const live = (st: StateView, prefix: string): string[] =>
  st
    .list({ group: '', resource: 'pods', namespace: 'default' })
    .filter((p) => (p.metadata.name ?? '').startsWith(prefix))
    .map((p) => p.metadata.name ?? '')
    .sort();

describe('fixtures/statefulset-ordered.yaml', () => {
  it('creates each ordinal after the previous one is Running and Ready, deletes in reverse one at a time, keeps the claims, and replays', async () => {
    const run = await runFixture('fixtures/statefulset-ordered.yaml');
    expect(run.result.stable).toBe(true);
    expect(run.result.warnings).toEqual([]);

    const creates = podWrites(run, 'create');
    expect(creates.map(nameOf)).toEqual(['db-0', 'db-1', 'db-2', 'db-3', 'db-4']);
    for (const w of creates) {
      const st = run.store.at(w.rev);
      const n = Number(nameOf(w).slice(3));
      // Its claim exists before it, and its predecessor is Running and Ready.
      expect(st.get(`core/persistentvolumeclaims/default/data-db-${n}`)).toBeDefined();
      if (n > 0) expect(runningAndReady(podAt(st, `db-${n - 1}`))).toBe(true);
      // Nothing of a higher ordinal exists yet.
      expect(live(st, 'db-').every((p) => Number(p.slice(3)) <= n)).toBe(true);
    }
    // db-3 and db-4 only after the scale to 5 at two minutes.
    expect(creates.slice(3).every((w) => w.time >= 120_000)).toBe(true);
    expect(creates.slice(0, 3).every((w) => w.time < 120_000)).toBe(true);

    const deletes = podWrites(run, 'delete');
    expect(deletes.map(nameOf)).toEqual(['db-4', 'db-3', 'db-2']);
    for (const w of deletes) {
      expect(w.time).toBeGreaterThanOrEqual(240_000);
      const before = run.store.at(w.rev - 1);
      const n = Number(nameOf(w).slice(3));
      // One at a time: every higher ordinal is gone, and every remaining pod is Running and Ready.
      expect(live(before, 'db-')).toEqual(Array.from({ length: n + 1 }, (_, i) => `db-${i}`));
      for (const p of live(before, 'db-')) expect(runningAndReady(podAt(before, p))).toBe(true);
    }

    const head = run.store.head();
    expect(live(head, 'db-')).toEqual(['db-0', 'db-1']);
    const claims = head.list({ group: '', resource: 'persistentvolumeclaims', namespace: 'default' }).map((c) => c.metadata.name);
    expect(claims).toEqual(['data-db-0', 'data-db-1', 'data-db-2', 'data-db-3', 'data-db-4']);
    for (const c of head.list({ group: '', resource: 'persistentvolumeclaims', namespace: 'default' })) {
      expect(c.metadata.ownerReferences).toBeUndefined();
      expect(c.metadata.labels).toEqual({ app: 'db' });
    }
    const pod = podAt(head, 'db-1')!;
    expect(pod.metadata.labels).toMatchObject({ app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(pod['spec']).toMatchObject({ hostname: 'db-1', subdomain: 'db' });
    // The claim's volume first (the service-account admission adds its projected volume after it).
    expect((pod['spec'] as { volumes: unknown[] }).volumes[0]).toEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } });
    const status = setStatusAt(head, 'db');
    expect(status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 2, observedGeneration: 3, collisionCount: 0 });
    expect(status['currentRevision']).toBe(label(pod, 'controller-revision-hash'));
    expect(status['updateRevision']).toBe(status['currentRevision']);

    const messages = head.list({ group: '', resource: 'events', namespace: 'default' }).filter((e) => (e['source'] as { component?: string }).component === 'statefulset-controller');
    const texts = messages.map((e) => `${String(e['reason'])}: ${String(e['message'])}`);
    expect(texts).toContain('SuccessfulCreate: create Claim data-db-3 Pod db-3 in StatefulSet db success');
    expect(texts).toContain('SuccessfulCreate: create Pod db-4 in StatefulSet db successful');
    expect(texts).toContain('SuccessfulDelete: delete Pod db-2 in StatefulSet db successful');

    const report = await replayFixture(run);
    expect(report.divergence).toBeUndefined();
    expect(report.checked).toBeGreaterThan(20);
  }, 120_000);
});

describe('fixtures/statefulset-broken-rollout.yaml', () => {
  it('stops on the broken highest ordinal, stays stuck after the revert, recovers once the pod is deleted by hand, and replays', async () => {
    const run = await runFixture('fixtures/statefulset-broken-rollout.yaml');
    expect(run.result.stable).toBe(true);
    expect(run.result.warnings).toEqual([]);
    const at = (ms: number): StateView => {
      const ws = run.store.writes({}).filter((w) => w.time <= ms);
      return run.store.at(ws[ws.length - 1]!.rev);
    };
    const revName = (st: StateView, pod: string): string | undefined => label(podAt(st, pod), 'controller-revision-hash');

    // Stage 1 (just before one minute): three ready pods at the first revision.
    const s1 = at(59_999);
    const r1 = revName(s1, 'web-0')!;
    expect(['web-0', 'web-1', 'web-2'].map((p) => revName(s1, p))).toEqual([r1, r1, r1]);
    expect(['web-0', 'web-1', 'web-2'].every((p) => runningAndReady(podAt(s1, p)))).toBe(true);
    expect(setStatusAt(s1, 'web')).toMatchObject({ replicas: 3, readyReplicas: 3, currentRevision: r1, updateRevision: r1 });

    // Stage 2 (just before three minutes): only web-2 was replaced, by a pod of the new revision that never became ready.
    const s2 = at(179_999);
    const r2 = setStatusAt(s2, 'web')['updateRevision'] as string;
    expect(r2).not.toBe(r1);
    expect(revName(s2, 'web-2')).toBe(r2);
    expect(label(podAt(s2, 'web-2'), 'track')).toBe('v2');
    expect(isReady(podAt(s2, 'web-2')!)).toBe(false);
    expect([revName(s2, 'web-0'), revName(s2, 'web-1')]).toEqual([r1, r1]);
    expect(setStatusAt(s2, 'web')).toMatchObject({ replicas: 3, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 1, currentRevision: r1, updateRevision: r2 });
    const deletes = podWrites(run, 'delete');
    expect(deletes.filter((w) => w.time < 180_000).map(nameOf)).toEqual(['web-2']);
    expect(deletes[0]!.time).toBe(60_000);

    // Stage 3 (after the revert, before the manual delete): the update revision is r1 again, renumbered 3, yet web-2 stays broken.
    const s3 = at(299_999);
    expect(setStatusAt(s3, 'web')).toMatchObject({ currentRevision: r1, updateRevision: r1, replicas: 3, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2 });
    expect(s3.get(`apps/controllerrevisions/default/${r1}`)?.['revision']).toBe(3);
    expect(s3.get(`apps/controllerrevisions/default/${r2}`)?.['revision']).toBe(2);
    expect(revName(s3, 'web-2')).toBe(r2);
    expect(isReady(podAt(s3, 'web-2')!)).toBe(false);
    expect(deletes.filter((w) => w.time >= 180_000 && w.time < 300_000)).toEqual([]);

    // Stage 4: the user deletes web-2 at five minutes; it comes back at r1 and the set is whole.
    const userDelete = run.store.writes({}).find((w) => w.verb === 'delete' && w.key === `${POD_KEY}web-2` && w.actor.startsWith('user:'));
    expect(userDelete?.time).toBe(300_000);
    const recreate = podWrites(run, 'create').filter((w) => nameOf(w) === 'web-2' && w.time >= 300_000);
    expect(recreate).toHaveLength(1);
    const head = run.store.head();
    expect(revName(head, 'web-2')).toBe(r1);
    expect(label(podAt(head, 'web-2'), 'track')).toBe('v1');
    expect(['web-0', 'web-1', 'web-2'].every((p) => runningAndReady(podAt(head, p)))).toBe(true);
    expect(setStatusAt(head, 'web')).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: r1, updateRevision: r1, observedGeneration: 3 });
    expect(podWrites(run, 'delete').map(nameOf)).toEqual(['web-2']);

    const report = await replayFixture(run);
    expect(report.divergence).toBeUndefined();
    expect(report.checked).toBeGreaterThan(20);
  }, 120_000);
});
