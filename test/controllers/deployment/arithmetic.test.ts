/**
 * Table-driven tests of the Deployment arithmetic. Tables marked "k8s" are
 * Kubernetes 1.32's own cases (deployment_util_test.go TestResolveFenceposts,
 * TestNewRSNewReplicas; sync_test.go TestScale's proportional cases;
 * rolling_test.go TestDeploymentController_cleanupUnhealthyReplicas).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { describe, expect, it } from 'vitest';
import { DeploymentSync } from '../../../src/controllers/deployment/deployment-sync.js';
import { MAX_REPLICAS, DESIRED_REPLICAS } from '../../../src/controllers/deployment/names.js';
import { computeHash, safeEncodeString } from '../../../src/controllers/deployment/pod-template-hash.js';
import { findActiveOrLatest, isSaturated, proportionalSizes } from '../../../src/controllers/deployment/proportional-scaling.js';
import { setNewReplicaSetAnnotations } from '../../../src/controllers/deployment/revision.js';
import { maxScaledDown, cleanupUnhealthyReplicas, scaleDownOldForRollingUpdate } from '../../../src/controllers/deployment/rollout-rolling.js';
import { maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, scaledValue } from '../../../src/controllers/deployment/rolling-update.js';
import { replicaSetsToCleanUp } from '../../../src/controllers/deployment/cleanup.js';
import type { KubeObject } from '../../../src/model/index.js';
import type { StateView } from '../../../src/store/index.js';

type IOS = number | string | undefined;
const dep = (replicas: number, surge: IOS = 0, unavailable: IOS = 0, type = 'RollingUpdate', extra: Record<string, unknown> = {}): Deployment => ({
  metadata: { name: 'foo', namespace: 'default', uid: 'd-uid', generation: 1 },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'foo' } },
    strategy: type === 'Recreate' ? { type } : { type, rollingUpdate: { ...(surge === undefined ? {} : { maxSurge: surge }), ...(unavailable === undefined ? {} : { maxUnavailable: unavailable }) } },
    template: {},
    ...extra,
  },
});
let seq = 0;
const rs = (name: string, replicas: number, o: { created?: string; available?: number; annotations?: Record<string, string>; status?: number; revision?: string } = {}): ReplicaSet => ({
  metadata: {
    name,
    uid: `${name}-uid-${seq++}`,
    namespace: 'default',
    creationTimestamp: o.created ?? '2026-01-01T00:00:00Z',
    generation: 1,
    annotations: { ...(o.annotations ?? {}), ...(o.revision === undefined ? {} : { 'deployment.kubernetes.io/revision': o.revision }) },
  },
  spec: { replicas, selector: {} },
  status: { replicas: o.status ?? replicas, availableReplicas: o.available ?? 0, observedGeneration: 1 },
});

describe('scaledValue and resolveFenceposts (k8s TestResolveFenceposts)', () => {
  it.each([
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
  ] as const)('surge %s, unavailable %s of %i → %i, %i', (s, u, desired, es, eu) => {
    expect(resolveFenceposts(s, u, desired)).toEqual([es, eu]);
  });
  it.each([
    ['oops', '1'],
    ['55%', 'urg'],
  ])('refuses %s / %s (not a percentage)', (s, u) => {
    expect(() => resolveFenceposts(s, u, 10)).toThrow(/not a percentage/);
  });
  it.each([
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['25%', 4, true, 1],
    ['25%', 3, false, 0],
    ['100%', 7, false, 7],
    [5, 10, true, 5],
  ] as const)('%s of %i (round up %s) = %i', (v, total, up, want) => {
    expect(scaledValue(v, total, up)).toBe(want);
  });
  it('maxUnavailable never exceeds replicas and is 0 for Recreate or 0 replicas; maxSurge is 0 for Recreate', () => {
    expect(maxUnavailable(dep(2, 0, 5))).toBe(2);
    expect(maxUnavailable(dep(0, 1, 1))).toBe(0);
    expect(maxUnavailable(dep(3, 1, 1, 'Recreate'))).toBe(0);
    expect(maxSurge(dep(3, 1, 1, 'Recreate'))).toBe(0);
    expect([maxSurge(dep(10, '25%', '25%')), maxUnavailable(dep(10, '25%', '25%'))]).toEqual([3, 2]);
  });
});

describe('newRSNewReplicas (k8s TestNewRSNewReplicas)', () => {
  it.each([
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5, 5],
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 4, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 1, 3],
  ] as const)('%s', (_n, type, depReplicas, newReplicas, surge, oldReplicas, want) => {
    const d = dep(depReplicas, surge, 0, type);
    const newRS = rs('foo-v2', newReplicas);
    expect(newRSNewReplicas(d, [newRS, rs('foo-v1', oldReplicas)], newRS)).toBe(want);
  });
  it('grows by the surge left over the current total (10 replicas, 25%: 3 at first, then up to the room made)', () => {
    const d = dep(10, '25%', '25%');
    const fresh = rs('new', 0);
    expect(newRSNewReplicas(d, [rs('old', 10), fresh], fresh)).toBe(3);
    const grown = rs('new', 3);
    expect(newRSNewReplicas(d, [rs('old', 8), grown], grown)).toBe(5);
  });
});

describe('proportional scaling (k8s TestScale)', () => {
  const annotated = (name: string, replicas: number, before: number, created: string): ReplicaSet =>
    rs(name, replicas, { created, annotations: { [DESIRED_REPLICAS]: String(before), [MAX_REPLICAS]: String(before) } });
  it.each([
    ['5 -> 10', 10, 5, 2, [3], 4, [6]],
    ['5 -> 3', 3, 5, 2, [3], 1, [2]],
    ['9 -> 4', 4, 9, 8, [1], 4, [0]],
    ['7 -> 10', 10, 7, 2, [3, 2], 3, [4, 3]],
    ['13 -> 8', 8, 13, 2, [8, 3], 1, [5, 2]],
  ] as const)('%s', (_n, replicas, before, newSize, oldSizes, wantNew, wantOld) => {
    const d = dep(replicas);
    const newRS = annotated('foo-v3', newSize, before, '2026-01-01T00:10:00Z');
    const olds = oldSizes.map((n, i) => annotated(`foo-v${2 - i}`, n, before, `2026-01-01T00:0${5 - i}:00Z`));
    const sizes = new Map(proportionalSizes(d, newRS, olds).map((s) => [s.rs.metadata?.name, s.size]));
    expect(sizes.get('foo-v3')).toBe(wantNew);
    expect(olds.map((o) => sizes.get(o.metadata?.name))).toEqual(wantOld);
  });
  it('gives the rounding leftover to the largest ReplicaSet, newer first on ties when growing', () => {
    const d = dep(10);
    const a = annotated('a', 1, 3, '2026-01-01T00:00:00Z');
    const b = annotated('b', 1, 3, '2026-01-01T00:01:00Z');
    const c = annotated('c', 1, 3, '2026-01-01T00:02:00Z');
    // Each wants round(1 * 10 / 3) - 1 = 2: 6 of 7 added, the leftover 1 goes to the first (newest, c).
    const out = proportionalSizes(d, c, [a, b]).map((s) => [s.rs.metadata?.name, s.size, s.operation]);
    expect(out).toEqual([
      ['c', 4, 'up'],
      ['b', 3, 'up'],
      ['a', 3, 'up'],
    ]);
  });
  it('finds the only active ReplicaSet, or the newest when none is active; saturated needs the desired annotation and availability', () => {
    const old = rs('old', 0, { created: '2026-01-01T00:00:00Z' });
    const newer = rs('newer', 0, { created: '2026-01-01T00:01:00Z' });
    expect(findActiveOrLatest(undefined, [old, newer])?.metadata?.name).toBe('newer');
    expect(findActiveOrLatest(rs('n', 2), [old])?.metadata?.name).toBe('n');
    expect(findActiveOrLatest(rs('n', 2), [rs('o', 1)])).toBeUndefined();
    const d = dep(3);
    expect(isSaturated(d, rs('n', 3, { available: 3, annotations: { [DESIRED_REPLICAS]: '3' } }))).toBe(true);
    expect(isSaturated(d, rs('n', 3, { available: 2, annotations: { [DESIRED_REPLICAS]: '3' } }))).toBe(false);
    expect(isSaturated(d, rs('n', 3, { available: 3 }))).toBe(false);
  });
});

const stubView = { get: () => undefined } as unknown as StateView;
const syncFor = (d: Deployment, rss: ReplicaSet[]): DeploymentSync =>
  new DeploymentSync(stubView, { now: 0, epoch: Date.UTC(2026, 0, 1), random: { next: () => 0 } as never }, d as KubeObject, rss, new Map());

describe('scale-down of old ReplicaSets', () => {
  it.each([
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ])('cleanupUnhealthyReplicas (k8s): %i old, %i available, max %i → %i', (old, available, max, want) => {
    const o = rs('foo-v1', old, { available });
    const s = syncFor(dep(10, 2, 2), [o]);
    expect(cleanupUnhealthyReplicas(s, [o], max)).toBe(want);
    expect(o.spec?.replicas).toBe(old - want);
  });
  it.each([
    // replicas, maxUnavailable, available (old), old replicas → old replicas after
    [10, 2, 10, 10, 8],
    [10, 0, 10, 10, 9], // both fenceposts 0 → maxUnavailable 1
    [10, 2, 8, 10, 10],
    [10, 2, 10, 0, 0],
  ])('scaleDownOldForRollingUpdate: %i replicas, maxUnavailable %i, %i available of %i old → %i', (replicas, unavail, available, old, want) => {
    const o = rs('foo-v1', old, { available });
    const n = rs('foo-v2', 0);
    const s = syncFor(dep(replicas, 0, unavail), [o, n]);
    scaleDownOldForRollingUpdate(s, [o, n], [o]);
    expect(o.spec?.replicas).toBe(want);
  });
  it('maxScaledDown counts the new ReplicaSet’s unavailable replicas against the room', () => {
    // 13 total, 8 must stay available, 3 new not available yet: 2 old may go.
    expect(maxScaledDown(13, 10, 2, rs('new', 3, { available: 0 }))).toBe(2);
    expect(maxScaledDown(13, 10, 2, rs('new', 3, { available: 3 }))).toBe(5);
    expect(maxScaledDown(10, 10, 0, rs('new', 0))).toBe(0);
  });
  it('records ScalingReplicaSet with 1.32 wording and patches spec.replicas and the replicas annotations', () => {
    const o = rs('foo-v1', 10, { available: 10 });
    const s = syncFor(dep(10, '25%', '25%'), [o]);
    s.scaleAndRecord(o, 8);
    const [patch, event] = s.commands;
    expect(patch).toMatchObject({ type: 'patch', patchType: 'merge', patch: { spec: { replicas: 8 }, metadata: { annotations: { [DESIRED_REPLICAS]: '10', [MAX_REPLICAS]: '13' } } } });
    expect(event).toMatchObject({ type: 'create', object: { reason: 'ScalingReplicaSet', message: 'Scaled down replica set foo-v1 to 8 from 10' } });
  });
});

describe('revisions and clean-up', () => {
  it('keeps revision history when an old ReplicaSet becomes new again, and copies annotations but the skipped ones', () => {
    const d = dep(3);
    d.metadata = { ...d.metadata, annotations: { team: 'a', 'deployment.kubernetes.io/revision': '9', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } };
    const back = rs('foo-v1', 0, { revision: '1', annotations: { 'deployment.kubernetes.io/revision-history': '' } });
    expect(setNewReplicaSetAnnotations(d, back, 4, true)).toBe(true);
    expect(back.metadata?.annotations).toEqual({ team: 'a', 'deployment.kubernetes.io/revision': '4', 'deployment.kubernetes.io/revision-history': '1' });
    expect(setNewReplicaSetAnnotations(d, back, 4, true)).toBe(false);
    expect(setNewReplicaSetAnnotations(d, back, 6, true)).toBe(true);
    expect(back.metadata?.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1,4');
  });
  it('deletes the lowest revisions beyond revisionHistoryLimit, only when fully scaled down and observed', () => {
    const d = dep(3, 1, 0, 'RollingUpdate', { revisionHistoryLimit: 1 });
    const r1 = rs('r1', 0, { revision: '1' });
    const r2 = rs('r2', 0, { revision: '2', status: 1 });
    const r3 = rs('r3', 0, { revision: '3' });
    expect(replicaSetsToCleanUp(d, [r3, r2, r1]).map((r) => r.metadata?.name)).toEqual(['r1']);
    expect(replicaSetsToCleanUp(dep(3, 1, 0, 'RollingUpdate', { revisionHistoryLimit: 5 }), [r1, r2, r3])).toEqual([]);
  });
});

describe('pod-template-hash', () => {
  it('uses only the SafeEncodeString images of decimal digits, and changes with the template and the collision count', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
    const h = computeHash(t);
    expect(h).toMatch(/^[4-9bcdf]+$/);
    expect(computeHash(structuredClone(t))).toBe(h);
    expect(computeHash({ ...t, spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } })).not.toBe(h);
    expect(computeHash(t, 1)).not.toBe(h);
    expect(computeHash(t, 0)).not.toBe(h);
  });
});
