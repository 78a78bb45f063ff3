/**
 * `requeueStuckDeployment` (Kubernetes 1.32 progress.go): when a rollout
 * with a deadline shows no progress, when to look again.
 */
import type { Deployment, DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import { describe, expect, it } from 'vitest';
import { RATE_LIMITED_REQUEUE_MS, stuckRequeueMs } from '../../../src/controllers/deployment/progress.js';

const T0 = Date.UTC(2026, 0, 1);
const at = (s: number) => ({ ms: T0 + s * 1000, stamp: new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z') });
const progressing = (reason: string, updatedAt: number) => ({
  type: 'Progressing',
  status: 'True',
  reason,
  lastUpdateTime: at(updatedAt).stamp,
  lastTransitionTime: at(updatedAt).stamp,
});
const dep = (reason: string, deadline: number | null = 600): Deployment => ({
  metadata: { name: 'web', generation: 2 },
  spec: { replicas: 4, selector: {}, template: {}, ...(deadline === null ? {} : { progressDeadlineSeconds: deadline }) },
  status: { observedGeneration: 2, conditions: [progressing(reason, 0)] },
});
const incomplete: DeploymentStatus = { replicas: 4, updatedReplicas: 2, availableReplicas: 3 };
const complete: DeploymentStatus = { replicas: 4, updatedReplicas: 4, availableReplicas: 4, observedGeneration: 2 };

describe('stuckRequeueMs', () => {
  it.each([
    ['3 minutes in, 10-minute deadline: after the 7 minutes left, plus a second', 180, 'ReplicaSetUpdated', 7 * 60_000 + 1000],
    ['half a second before the deadline: just after it', 599.5, 'ReplicaSetUpdated', 501],
    ['past the deadline without timing out: paced by the rate limiter, not a busy loop', 700, 'NewReplicaSetAvailable', RATE_LIMITED_REQUEUE_MS],
  ])('%s', (_what, nowS, reason, expected) => {
    expect(stuckRequeueMs(dep(reason), incomplete, at(nowS))).toBe(expected);
  });

  it('does not re-queue without a deadline, once complete, or once timed out', () => {
    expect(stuckRequeueMs(dep('ReplicaSetUpdated', null), incomplete, at(10))).toBeUndefined();
    expect(stuckRequeueMs(dep('ReplicaSetUpdated'), complete, at(10))).toBeUndefined();
    expect(stuckRequeueMs(dep('ProgressDeadlineExceeded'), incomplete, at(700))).toBeUndefined();
  });
});
