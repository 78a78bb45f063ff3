/**
 * The invariants the property-testing harness added, judged on hand-built
 * histories (each violation and its absence) and on shipped fixtures.
 */
import { describe, expect, it } from 'vitest';
import { findInvariant, noOrphanedPods, replicaSetPodCounts, scanInvariant, statefulSetOrdinals } from '../../src/invariants/index.js';
import { runFixture } from '../runtime/scenario/run-fixture.js';
import { EPOCH, HistoryBuilder, podOn } from './history-builder.js';

const ctx = (rev: number) => ({ rev, time: 0, epoch: EPOCH });
const set = (name: string, replicas: number, policy = 'OrderedReady') => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'default', uid: `sts-${name}` },
  spec: { replicas, podManagementPolicy: policy, selector: { matchLabels: { app: name } } },
});
const member = (set: string, name: string) => podOn(name, 'n1', { owner: { kind: 'StatefulSet', name: set, uid: `sts-${set}` } });

describe('statefulset-ordinals', () => {
  it('holds for db-0..db-2, fails on a gap under OrderedReady (not under Parallel) and on a foreign name', () => {
    const b = new HistoryBuilder();
    b.put(set('db', 3));
    b.put(member('db', 'db-0'));
    const ok = b.put(member('db', 'db-1'));
    expect(statefulSetOrdinals.check(b.store.at(ok), ctx(ok))).toEqual([]);
    const gap = b.put(member('db', 'db-3'));
    expect(statefulSetOrdinals.check(b.store.at(gap), ctx(gap))).toEqual([{ key: 'apps/statefulsets/default/db', message: 'ordinals not contiguous from 0: missing 2 below 3' }]);
    const parallel = b.put(set('db', 3, 'Parallel'));
    expect(statefulSetOrdinals.check(b.store.at(parallel), ctx(parallel))).toEqual([]);
    const odd = b.put(member('db', 'db-x'));
    expect(statefulSetOrdinals.check(b.store.at(odd), ctx(odd)).map((v) => v.message)).toEqual(['pod db-x is not named db-ORDINAL']);
  });
});

describe('no-orphaned-pods', () => {
  it('fails while a pod names a controller that is gone, and not for pods being deleted', () => {
    const b = new HistoryBuilder();
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'rs-web' }, spec: { replicas: 1 } };
    b.put(rs);
    const owned = b.put(podOn('web-1', 'n1', { owner: { kind: 'ReplicaSet', name: 'web', uid: 'rs-web' } }));
    expect(noOrphanedPods.check(b.store.at(owned), ctx(owned))).toEqual([]);
    const gone = b.remove('apps/replicasets/default/web');
    expect(noOrphanedPods.check(b.store.at(gone), ctx(gone)).map((v) => v.key)).toEqual(['core/pods/default/web-1']);
    const deleting = b.put(podOn('web-1', 'n1', { owner: { kind: 'ReplicaSet', name: 'web', uid: 'rs-web' }, deleting: true }));
    expect(noOrphanedPods.check(b.store.at(deleting), ctx(deleting))).toEqual([]);
  });
});

describe('harness invariants on the shipped fixtures', () => {
  it('statefulset-ordinals holds at every revision of statefulset-ordered; replicaset-pod-counts settles after the node failure', async () => {
    const sts = await runFixture('fixtures/statefulset-ordered.yaml');
    expect(scanInvariant(sts.store, statefulSetOrdinals, { epoch: sts.scenario.epoch }).ranges).toEqual([]);
    const nf = await runFixture('fixtures/replicaset-node-failure.yaml');
    const ranges = scanInvariant(nf.store, replicaSetPodCounts, { epoch: nf.scenario.epoch }).ranges;
    expect(ranges.length).toBeGreaterThan(0); // pods are missing for a while ...
    expect(ranges.at(-1)?.to).toBeLessThan(nf.store.rev); // ... and the count is right again by the end
    expect(findInvariant('replicaset-pod-counts')).toBe(replicaSetPodCounts);
  }, 120_000);
});
