import { describe, expect, it } from 'vitest';
import type { InvariantContext } from '../../src/invariants/index.js';
import { builtinInvariants, deploymentsAvailable, findInvariant, noPodsOnNotReadyNodes, replicaSetsSatisfied, UnknownInvariantError } from '../../src/invariants/index.js';
import { EPOCH, HistoryBuilder, node, podOn, replicaSet } from './history-builder.js';

const ctx = (rev: number, time: number): InvariantContext => ({ rev, time, epoch: EPOCH });

describe('replicasets-satisfied', () => {
  it('names each ReplicaSet with fewer ready replicas than it asks for (1 when unset)', () => {
    const b = new HistoryBuilder();
    b.put(replicaSet('full', 3, 3));
    b.put(replicaSet('short', 3, 2));
    const rev = b.put(replicaSet('default-one', undefined, 0));
    expect(replicaSetsSatisfied.check(b.store.at(rev), ctx(rev, 0))).toEqual([
      { key: 'apps/replicasets/default/default-one', message: '0 of 1 replicas ready' },
      { key: 'apps/replicasets/default/short', message: '2 of 3 replicas ready' },
    ]);
    const fixed = b.put(replicaSet('short', 3, 3));
    expect(replicaSetsSatisfied.check(b.store.at(fixed), ctx(fixed, 0)).map((v) => v.key)).toEqual(['apps/replicasets/default/default-one']);
  });
});

describe('deployments-available', () => {
  it('holds only when availableReplicas reaches spec.replicas', () => {
    const b = new HistoryBuilder();
    const d = (available: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'default', uid: 'd1' }, spec: { replicas: 4 }, status: { availableReplicas: available } });
    const r1 = b.put(d(3));
    expect(deploymentsAvailable.check(b.store.at(r1), ctx(r1, 0))).toEqual([{ key: 'apps/deployments/default/api', message: '3 of 4 replicas available' }]);
    const r2 = b.put(d(4));
    expect(deploymentsAvailable.check(b.store.at(r2), ctx(r2, 0))).toEqual([]);
  });
});

describe('no-pods-on-notready-nodes', () => {
  const T = 100_000; // the node's Ready condition turned Unknown at 100 s
  const setup = () => {
    const b = new HistoryBuilder();
    b.put(node('n1', 'Unknown', T));
    b.put(node('ok', 'True', 0));
    b.put(podOn('plain', 'n1'));
    b.put(podOn('short', 'n1', { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }));
    b.put(podOn('forever', 'n1', { tolerations: [{ operator: 'Exists' }] }));
    b.put(podOn('evicted', 'n1', { deleting: true }));
    b.put(podOn('done', 'n1', { phase: 'Succeeded' }));
    const rev = b.put(podOn('elsewhere', 'ok'));
    return { b, rev };
  };
  const failing = (b: HistoryBuilder, rev: number, time: number) => noPodsOnNotReadyNodes.check(b.store.at(rev), ctx(rev, time)).map((v) => v.key);

  it('fails for a pod once its toleration (default 300 s) has run out since the Ready transition', () => {
    const { b, rev } = setup();
    expect(failing(b, rev, T + 60_000)).toEqual([]);
    expect(failing(b, rev, T + 61_000)).toEqual(['core/pods/default/short']);
    expect(failing(b, rev, T + 300_000)).toEqual(['core/pods/default/short']);
    expect(failing(b, rev, T + 301_000)).toEqual(['core/pods/default/plain', 'core/pods/default/short']);
    const [v] = noPodsOnNotReadyNodes.check(b.store.at(rev), ctx(rev, T + 301_000));
    expect(v?.message).toBe('still on NotReady node n1 1 s past its 300 s toleration of node.kubernetes.io/unreachable');
  });

  it('times from the NoExecute taint when the node lifecycle controller added it later, and uses the not-ready key for Ready=False', () => {
    const b = new HistoryBuilder();
    b.put(node('n1', 'False', T, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: new Date(EPOCH + T + 5_000).toISOString() }]));
    const rev = b.put(podOn('p', 'n1', { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1 }] }));
    expect(failing(b, rev, T + 15_000)).toEqual([]);
    expect(failing(b, rev, T + 15_001)).toEqual(['core/pods/default/p']);
  });

  it('reports when time alone will change the verdict', () => {
    const { b, rev } = setup();
    const next = noPodsOnNotReadyNodes.subjects?.nextChange?.(b.store.at(rev), 'core/nodes/_/n1', ctx(rev, T));
    expect(next).toBe(T + 60_001);
    expect(noPodsOnNotReadyNodes.subjects?.nextChange?.(b.store.at(rev), 'core/nodes/_/ok', ctx(rev, T))).toBeUndefined();
  });
});

describe('findInvariant', () => {
  it('finds the built-ins by their names and prefers a user invariant of the same name', () => {
    expect(builtinInvariants.map((i) => i.name)).toEqual([
      'replicasets-satisfied',
      'deployments-available',
      'no-pods-on-notready-nodes',
      'rollout-bounds',
      'replicaset-pod-counts',
      'no-orphaned-pods',
      'statefulset-ordinals',
    ]);
    expect(findInvariant('deployments-available')).toBe(deploymentsAvailable);
    const mine = { name: 'deployments-available', description: 'mine', check: () => [] };
    expect(findInvariant('deployments-available', [mine])).toBe(mine);
  });

  it('refuses an unknown name, listing the known ones', () => {
    expect(() => findInvariant('nope', [{ name: 'mine', description: '', check: () => [] }])).toThrow(UnknownInvariantError);
    expect(() => findInvariant('nope')).toThrow('unknown invariant "nope"; known: deployments-available, no-orphaned-pods, no-pods-on-notready-nodes, replicaset-pod-counts, replicasets-satisfied, rollout-bounds, statefulset-ordinals');
  });
});
