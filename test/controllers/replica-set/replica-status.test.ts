import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { calculateStatus, nextAvailabilityCheckMs, statusChanged } from '../../../src/controllers/replica-set/replica-status.js';
import type { KubeObject } from '../../../src/model/index.js';

const EPOCH = Date.UTC(2026, 0, 1);
const at = (s: number): string => new Date(EPOCH + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const rs = (status: object = { replicas: 0 }, minReadySeconds = 10): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', generation: 2 },
  spec: { replicas: 3, minReadySeconds, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
  status,
});
const pod = (labels: Record<string, string>, readyAt?: number): Pod => ({
  metadata: { labels },
  status: { conditions: readyAt === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: at(readyAt) }] },
});

describe('calculateStatus', () => {
  const pods = [pod({ app: 'web', tier: 'fe' }, 0), pod({ app: 'web', tier: 'fe' }, 95), pod({ app: 'web' })];
  it('counts fully labeled, ready and available (ready for more than minReadySeconds) pods', () => {
    const s = calculateStatus(rs(), { pods, nowUnixMs: EPOCH + 100_000, nowStamp: at(100) });
    expect(s).toMatchObject({ replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1 });
    expect(s.conditions).toBeUndefined();
  });
  it('is strict at the minReadySeconds boundary, as Before(now) is', () => {
    expect(calculateStatus(rs(), { pods: [pod({}, 90)], nowUnixMs: EPOCH + 100_000, nowStamp: at(100) }).availableReplicas).toBe(0);
    expect(calculateStatus(rs(), { pods: [pod({}, 90)], nowUnixMs: EPOCH + 100_001, nowStamp: at(100) }).availableReplicas).toBe(1);
  });
  it('adds ReplicaFailure with FailedCreate when short of pods, keeps it, and drops it on success', () => {
    const failing = calculateStatus(rs(), { pods: [pods[0] as Pod], manageError: 'pods "web-x" is forbidden: quota', nowUnixMs: EPOCH, nowStamp: at(0) });
    expect(failing.conditions).toEqual([{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: at(0), reason: 'FailedCreate', message: 'pods "web-x" is forbidden: quota' }]);
    const again = calculateStatus(rs(failing), { pods: [], manageError: 'other', nowUnixMs: EPOCH + 5000, nowStamp: at(5) });
    expect(again.conditions).toEqual(failing.conditions);
    expect(calculateStatus(rs(failing), { pods, nowUnixMs: EPOCH, nowStamp: at(0) }).conditions).toBeUndefined();
    const over = calculateStatus(rs(), { pods: [...pods, ...pods], manageError: 'nope', nowUnixMs: EPOCH, nowStamp: at(0) });
    expect(over.conditions?.[0]?.reason).toBe('FailedDelete');
  });
  it('changes only when counts, conditions or the observed generation differ', () => {
    const steady = { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 2 };
    expect(statusChanged(rs(steady), { ...steady })).toBe(false);
    expect(statusChanged(rs(steady), { ...steady, readyReplicas: 3 })).toBe(true);
    expect(statusChanged(rs({ ...steady, observedGeneration: 1 }), { ...steady })).toBe(true);
  });
});

describe('nextAvailabilityCheckMs', () => {
  it('re-checks minReadySeconds + 1 s after the earliest ready-but-unavailable pod turned ready', () => {
    expect(nextAvailabilityCheckMs(rs(), [pod({}, 95), pod({}, 97), pod({})], EPOCH + 100_000)).toBe(6_000);
    expect(nextAvailabilityCheckMs(rs(), [pod({}, 0)], EPOCH + 100_000)).toBeUndefined();
    expect(nextAvailabilityCheckMs(rs({}, 0), [pod({}, 99)], EPOCH + 100_000)).toBeUndefined();
  });
});
