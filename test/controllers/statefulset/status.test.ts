/** StatefulSet status decisions, from Kubernetes 1.32 completeRollingUpdate and inconsistentStatus. */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import { describe, expect, it } from 'vitest';
import type { SetStatus } from '../../../src/controllers/statefulset/status.js';
import { completeRollingUpdate, inconsistentStatus } from '../../../src/controllers/statefulset/status.js';

const set = (spec: Partial<NonNullable<StatefulSet['spec']>> = {}, status: StatefulSet['status'] = { replicas: 0 }): StatefulSet => ({
  metadata: { name: 'web', namespace: 'default', uid: 'u1' },
  spec: { selector: { matchLabels: { app: 'web' } }, serviceName: 'web', template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'db:1' }] } }, ...spec },
  status,
});

describe('status', () => {
  const st = (o: Partial<SetStatus>): SetStatus => ({ observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 3, availableReplicas: 3, currentRevision: 'r1', updateRevision: 'r2', collisionCount: 0, ...o });
  it.each([
    ['all updated and ready', {}, 'RollingUpdate', 'r2'],
    ['one not ready', { readyReplicas: 2 }, 'RollingUpdate', 'r1'],
    ['one not updated', { updatedReplicas: 2 }, 'RollingUpdate', 'r1'],
    ['OnDelete never completes', {}, 'OnDelete', 'r1'],
  ] as const)('completeRollingUpdate: %s', (_t, o, type, want) => {
    const s = st(o);
    completeRollingUpdate(set({ replicas: 3, updateStrategy: { type } }), s);
    expect(s.currentRevision).toBe(want);
    if (want === 'r2') expect(s.currentReplicas).toBe(3);
  });
  it('inconsistentStatus ignores collisionCount alone', () => {
    const stored = set({}, { observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 3, availableReplicas: 3, currentRevision: 'r1', updateRevision: 'r2', collisionCount: 0 });
    expect(inconsistentStatus(stored, st({}))).toBe(false);
    expect(inconsistentStatus(stored, st({ collisionCount: 4 }))).toBe(false);
    expect(inconsistentStatus(stored, st({ availableReplicas: 2 }))).toBe(true);
    expect(inconsistentStatus(stored, st({ observedGeneration: 2 }))).toBe(true);
  });
});
