/** Tables of pod identity decisions, from Kubernetes 1.32 stateful_set_utils.go. */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import { describe, expect, it } from 'vitest';
import { newVersionedPod, parentAndOrdinal } from '../../../src/controllers/statefulset/identity.js';

const set = (spec: Partial<NonNullable<StatefulSet['spec']>> = {}, status: StatefulSet['status'] = { replicas: 0 }): StatefulSet => ({
  metadata: { name: 'web', namespace: 'default', uid: 'u1' },
  spec: { selector: { matchLabels: { app: 'web' } }, serviceName: 'web', template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'db:1' }] } }, ...spec },
  status,
});

describe('parentAndOrdinal (getParentNameAndOrdinal)', () => {
  it.each([
    ['web-0', 'web', 0],
    ['web-12', 'web', 12],
    ['my-db-3', 'my-db', 3],
    ['web', '', -1],
    ['web-', '', -1],
    ['web-x1', '', -1],
    ['web-2147483648', 'web', -1],
  ])('%s → parent %s, ordinal %i', (name, parent, ordinal) => {
    const [p, o] = parentAndOrdinal(name);
    expect(o).toBe(ordinal);
    if (ordinal >= 0) expect(p).toBe(parent);
  });
});

describe('newVersionedPod (newVersionedStatefulSetPod)', () => {
  const current = set();
  const update = set({ template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'db:2' }] } } });
  const rev = (s: StatefulSet, ordinal: number): string | undefined => newVersionedPod(s, update, 'r1', 'r2', ordinal).metadata?.labels?.['controller-revision-hash'];
  it.each([
    ['RollingUpdate, partition 2, ordinal 1', { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, 1, 'r1'],
    ['RollingUpdate, partition 2, ordinal 2', { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, 2, 'r2'],
    ['RollingUpdate, partition 0', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, 0, 'r2'],
    ['OnDelete', { type: 'OnDelete' }, 0, 'r2'],
    ['RollingUpdate without rollingUpdate, below currentReplicas', { type: 'RollingUpdate' }, 0, 'r1'],
    ['RollingUpdate without rollingUpdate, at currentReplicas', { type: 'RollingUpdate' }, 1, 'r2'],
  ] as const)('%s → %s', (_t, strategy, ordinal, want) => {
    const s = set({ updateStrategy: strategy as never }, { replicas: 1, currentReplicas: 1 });
    expect(rev({ ...current, spec: s.spec!, status: s.status! }, ordinal)).toBe(want);
  });
  it('takes the template of the revision it picks', () => {
    const s = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } });
    expect(newVersionedPod(s, update, 'r1', 'r2', 0).spec?.containers[0]?.image).toBe('db:1');
    expect(newVersionedPod(s, update, 'r1', 'r2', 1).spec?.containers[0]?.image).toBe('db:2');
  });
});
