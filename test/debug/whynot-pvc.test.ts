import { describe, expect, it } from 'vitest';
import { whyNot } from '../../src/debug/index.js';
import { alice, harness, pod, pods } from '../api/harness.js';

const claims = { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default' };
const classes = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
const claim = (name: string, storageClassName: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { storageClassName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
});

describe('whyNot for a PersistentVolumeClaim, and a pod that uses one', () => {
  it('a claim of a WaitForFirstConsumer class waits for a pod; the pod is not scheduled and says which claim', async () => {
    const { api, store } = await harness();
    await api.create(classes, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'chronokube.io/sim', volumeBindingMode: 'WaitForFirstConsumer' }, alice);
    await api.create(claims, claim('data', 'local'), alice);
    const lonely = whyNot(store, [], 'core/persistentvolumeclaims/default/data');
    expect(lonely.question).toBe('why is persistentvolumeclaim default/data not bound?');
    expect(lonely.ok).toBe(false);
    expect(lonely.findings.map((f) => f.summary)).toEqual([
      'phase Pending, storage class local',
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
      'no pod uses it',
    ]);
    await api.create(pods(), pod('db', { app: 'db' }, { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }] }), alice);
    const used = whyNot(store, [], 'core/persistentvolumeclaims/default/data');
    expect(used.findings.map((f) => f.summary)).toContain('used by pod db (not scheduled)');
    expect(used.related?.[0]?.question).toBe('why is pod default/db not scheduled?');
    expect(used.related?.[0]?.findings.map((f) => f.summary)).toContain("its claim data is not bound: WaitForPodScheduled: waiting for pod db to be scheduled (see the scheduler's reason on the pod)");
  });

  it('a claim whose class does not exist says so; a pod whose claim is missing says so', async () => {
    const { api, store } = await harness();
    await api.create(claims, claim('data', 'gold'), alice);
    const a = whyNot(store, [], 'core/persistentvolumeclaims/default/data');
    expect(a.findings[1]?.summary).toMatch(/^StorageClassNotFound: storageclass.storage.k8s.io "gold" not found$/);
    await api.create(pods(), pod('orphan', {}, { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'nope' } }] }), alice);
    expect(whyNot(store, [], 'core/pods/default/orphan').findings.map((f) => f.summary)).toContain('its volume v claims persistentvolumeclaim nope, which does not exist');
  });

  it('a bound claim answers ok', async () => {
    const { api, store } = await harness();
    const c = await api.create(claims, claim('data', 'local'), alice);
    await api.update({ ...claims, name: 'data', subresource: 'status' }, { ...c, status: { phase: 'Bound' } }, alice);
    const a = whyNot(store, [], 'core/persistentvolumeclaims/default/data');
    expect(a.ok).toBe(true);
  });
});
