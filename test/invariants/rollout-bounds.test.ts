import { describe, expect, it } from 'vitest';
import { rolloutBounds } from '../../src/invariants/index.js';
import { EPOCH, HistoryBuilder, podOn } from './history-builder.js';

function deployment(replicas: number, strategy: Record<string, unknown> = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }) {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'default', uid: 'd1' }, spec: { replicas, strategy } };
}
const rs = (name: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: 'default', uid: `rs-${name}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', uid: 'd1', controller: true }] }, spec: {} });
const pod = (name: string, set: string, ready = true, deleting = false) => podOn(name, 'n1', { owner: { kind: 'ReplicaSet', name: set, uid: `rs-${set}` }, ready, deleting });

describe('rollout-bounds', () => {
  it('fails above replicas + maxSurge active pods (25% of 4 rounds up to 1), terminating pods not counted', () => {
    const b = new HistoryBuilder();
    b.put(deployment(4));
    b.put(rs('old'));
    b.put(rs('new'));
    for (const n of ['o1', 'o2', 'o3', 'o4']) b.put(pod(n, 'old'));
    b.put(pod('n1', 'new', false));
    b.put(pod('gone', 'new', false, true));
    const ok = b.store.rev;
    expect(rolloutBounds.check(b.store.at(ok), { rev: ok, time: 0, epoch: EPOCH })).toEqual([]);
    const over = b.put(pod('n2', 'new', false));
    expect(rolloutBounds.check(b.store.at(over), { rev: over, time: 0, epoch: EPOCH })).toEqual([{ key: 'apps/deployments/default/api', message: '6 pods, more than replicas 4 + maxSurge 1 = 5' }]);
  });

  it('fails under replicas − maxUnavailable available during a rollout, but not for a new Deployment', () => {
    const b = new HistoryBuilder();
    b.put(deployment(4));
    b.put(rs('old'));
    b.put(pod('o1', 'old', false));
    const fresh = b.store.rev;
    expect(rolloutBounds.check(b.store.at(fresh), { rev: fresh, time: 0, epoch: EPOCH })).toEqual([]);
    b.put(rs('new'));
    b.put(pod('o2', 'old'));
    b.put(pod('o3', 'old'));
    const under = b.put(pod('n1', 'new', false));
    expect(rolloutBounds.check(b.store.at(under), { rev: under, time: 0, epoch: EPOCH })).toEqual([
      { key: 'apps/deployments/default/api', message: '2 pods available during a rollout, fewer than replicas 4 − maxUnavailable 1 = 3' },
    ]);
  });

  it('re-checks a Deployment when a pod of one of its ReplicaSets changes', () => {
    const b = new HistoryBuilder();
    b.put(deployment(1));
    b.put(rs('old'));
    const before = b.store.rev;
    const w = b.put(pod('o1', 'old'));
    expect(rolloutBounds.subjects?.touched(b.store.write(w)!, b.store.at(w), b.store.at(before))).toEqual(['apps/deployments/default/api']);
  });
});
