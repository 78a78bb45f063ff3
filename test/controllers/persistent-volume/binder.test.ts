/**
 * The PersistentVolume binder and the simulated provisioner end to end in
 * virtual time: static binding, pre-binding, dynamic provisioning
 * (Immediate and WaitForFirstConsumer), the events of a Pending claim, and
 * the reclaim policies.
 */
import { describe, expect, it } from 'vitest';
import { persistentVolumeClaimBinder } from '../../../src/controllers/persistent-volume/claim-binder.js';
import type { TestEngine } from '../../runtime/engine.js';
import { testEngine } from '../../runtime/engine.js';
import { addStorageControllers, claim, CLASSES, eventsOf, getClaim, getVolume, podWithClaims, PODS, PVCS, PVS, storageClass, user, volume } from './helpers.js';

async function engine(): Promise<TestEngine> {
  const e = await testEngine();
  addStorageControllers(e);
  return e;
}
/** Runs the engine this many ms past now (SimScheduler.run takes an absolute time). */
const after = (e: TestEngine, ms: number): Promise<number> => e.scheduler.run(e.scheduler.now() + ms);
const volumeNames = (e: TestEngine): string[] => e.api.list(PVS).items.map((v) => v.metadata.name ?? '');

describe('persistentvolume-binder: static binding', () => {
  it('binds a claim to the smallest fitting Available volume: claimRef, phases, annotations, capacity and access modes', async () => {
    const e = await engine();
    await e.api.create(PVS, volume('big', { size: '10Gi' }), user);
    await e.api.create(PVS, volume('small', { size: '2Gi' }), user);
    await after(e, 1000);
    expect(getVolume(e, 'small').status?.phase).toBe('Available');
    await e.api.create(PVCS, claim('data', { size: '1Gi' }), user);
    await after(e, 1000);
    const c = getClaim(e, 'data');
    expect(c.spec?.volumeName).toBe('small');
    expect(c.metadata?.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(c.status).toMatchObject({ phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] });
    const v = getVolume(e, 'small');
    expect(v.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: c.metadata?.uid });
    expect(v.metadata?.annotations).toMatchObject({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(v.status?.phase).toBe('Bound');
    expect(getVolume(e, 'big').status?.phase).toBe('Available');
  });

  it('a claim with no class and no volume waits with FailedBinding, re-synced every 15 s, and binds a volume created later', async () => {
    const e = await engine();
    await e.api.create(PVCS, claim('data'), user);
    await after(e, 1000);
    const [ev] = eventsOf(e, 'data', 'FailedBinding');
    expect(ev).toMatchObject({ type: 'Normal', message: 'no persistent volumes available for this claim and no storage class is set', source: { component: 'persistentvolume-controller' } });
    await after(e, 31_000);
    // Synced at 0 s, 15 s and 30 s.
    expect(eventsOf(e, 'data', 'FailedBinding')[0]?.['count']).toBe(3);
    await e.api.create(PVS, volume('late'), user);
    await after(e, 15_000);
    expect(getClaim(e, 'data').status?.phase).toBe('Bound');
  });

  it('a claim naming a volume: binds it when it fits (no bound-by-controller), refuses a mismatch and a volume held by another claim', async () => {
    const e = await engine();
    await e.api.create(PVS, volume('mine'), user);
    await e.api.create(PVS, volume('tiny', { size: '100Mi' }), user);
    await e.api.create(PVS, volume('taken', { claimRef: { name: 'someone', uid: 'x' } }), user);
    await e.api.create(PVCS, claim('a', { volumeName: 'mine' }), user);
    await e.api.create(PVCS, claim('b', { volumeName: 'tiny' }), user);
    await e.api.create(PVCS, claim('c', { volumeName: 'taken' }), user);
    await after(e, 1000);
    expect(getClaim(e, 'a').status?.phase).toBe('Bound');
    expect(getClaim(e, 'a').metadata?.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
    expect(eventsOf(e, 'b', 'VolumeMismatch')[0]?.['message']).toBe('Cannot bind to requested volume "tiny": capacity 100Mi is less than the requested 1Gi');
    expect(eventsOf(e, 'c', 'FailedBinding')[0]).toMatchObject({ type: 'Warning', message: 'volume "taken" already bound to a different claim.' });
    expect(getClaim(e, 'b').status?.phase ?? 'Pending').toBe('Pending');
  });

  it('a volume pre-bound to a claim by name waits Available, then binds that claim only', async () => {
    const e = await engine();
    await e.api.create(PVS, volume('reserved', { claimRef: { name: 'wanted' } }), user);
    await e.api.create(PVCS, claim('other'), user);
    await after(e, 1000);
    expect(getVolume(e, 'reserved').status?.phase).toBe('Available');
    expect(getClaim(e, 'other').status?.phase ?? 'Pending').toBe('Pending');
    await e.api.create(PVCS, claim('wanted'), user);
    await after(e, 1000);
    expect(getClaim(e, 'wanted').spec?.volumeName).toBe('reserved');
    expect(getVolume(e, 'reserved').spec?.claimRef?.uid).toBe(getClaim(e, 'wanted').metadata?.uid);
  });

  it('a bound claim whose volume is deleted is Lost, with one ClaimLost warning', async () => {
    const e = await engine();
    await e.api.create(PVS, volume('v'), user);
    await e.api.create(PVCS, claim('data'), user);
    await after(e, 1000);
    await e.api.delete({ ...PVS, name: 'v' }, user);
    await after(e, 1000);
    // pv-protection keeps a Bound volume Terminating; an admin forcing it out removes the finalizer.
    expect(getVolume(e, 'v').metadata?.finalizers).toEqual(['kubernetes.io/pv-protection']);
    await e.api.patch({ ...PVS, name: 'v' }, 'merge', { metadata: { finalizers: null } }, user);
    await after(e, 60_000);
    expect(getClaim(e, 'data').status?.phase).toBe('Lost');
    expect(eventsOf(e, 'data', 'ClaimLost')).toMatchObject([{ type: 'Warning', count: 1, message: 'Bound claim has lost its PersistentVolume. Data on the volume is lost!' }]);
  });
});

describe('persistentvolume-binder: reclaim policies', () => {
  async function releasedAfterClaimDelete(policy: string): Promise<TestEngine> {
    const e = await engine();
    await e.api.create(PVS, volume('v', { policy }), user);
    await e.api.create(PVCS, claim('data'), user);
    await after(e, 1000);
    await e.api.delete({ ...PVCS, name: 'data' }, user);
    await after(e, 1000);
    return e;
  }
  it('Retain: the volume stays Released, still pointing at the deleted claim', async () => {
    const e = await releasedAfterClaimDelete('Retain');
    expect(getVolume(e, 'v').status?.phase).toBe('Released');
    expect(getVolume(e, 'v').spec?.claimRef?.name).toBe('data');
  });
  it('Recycle (deprecated): Failed, "No recycler plugin found for the volume!"', async () => {
    const e = await releasedAfterClaimDelete('Recycle');
    expect(getVolume(e, 'v').status).toMatchObject({ phase: 'Failed', message: 'No recycler plugin found for the volume!' });
    expect(eventsOf(e, 'v', 'VolumeFailedRecycle')).toHaveLength(1);
  });
  it('Delete on a static volume: Failed, no deleter', async () => {
    const e = await releasedAfterClaimDelete('Delete');
    expect(getVolume(e, 'v').status?.phase).toBe('Failed');
    expect(eventsOf(e, 'v', 'VolumeFailedDelete')[0]?.['message']).toBe('error getting deleter volume plugin for volume "v": no deletable volume plugin matched');
  });
});

describe('dynamic provisioning by the simulated provisioner', () => {
  it('Immediate: the claim is handed to the provisioner, which creates pvc-<uid> with the class policy; the binder binds it; deleting the claim deletes the volume', async () => {
    const e = await engine();
    await e.api.create(CLASSES, storageClass('fast'), user);
    await e.api.create(PVCS, claim('data', { cls: 'fast', size: '3Gi', modes: ['ReadWriteMany'] }), user);
    await after(e, 1000);
    const c = getClaim(e, 'data');
    const name = `pvc-${c.metadata?.uid ?? ''}`;
    expect(c.metadata?.annotations).toMatchObject({ 'volume.kubernetes.io/storage-provisioner': 'chronokube.io/sim', 'volume.beta.kubernetes.io/storage-provisioner': 'chronokube.io/sim' });
    expect(c.spec?.volumeName).toBe(name);
    expect(c.status).toMatchObject({ phase: 'Bound', capacity: { storage: '3Gi' }, accessModes: ['ReadWriteMany'] });
    const v = getVolume(e, name);
    expect(v.metadata?.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('chronokube.io/sim');
    expect(v.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'fast', csi: { driver: 'chronokube.io/sim' } });
    expect(v.spec?.nodeAffinity).toBeUndefined();
    expect(eventsOf(e, 'data').map((x) => x['reason'])).toEqual(expect.arrayContaining(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']));
    expect(eventsOf(e, 'data', 'ExternalProvisioning')[0]?.['message']).toBe(
      "Waiting for a volume to be created either by the external provisioner 'chronokube.io/sim' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(eventsOf(e, 'data', 'ProvisioningSucceeded')[0]?.['message']).toBe(`Successfully provisioned volume ${name}`);
    await e.api.delete({ ...PVCS, name: 'data' }, user);
    await after(e, 1000);
    expect(volumeNames(e)).toEqual([]);
  });

  it('Retain on the class: the provisioned volume outlives its claim, Released', async () => {
    const e = await engine();
    await e.api.create(CLASSES, storageClass('keep', { policy: 'Retain' }), user);
    await e.api.create(PVCS, claim('data', { cls: 'keep' }), user);
    await after(e, 1000);
    const name = getClaim(e, 'data').spec?.volumeName ?? '';
    await e.api.delete({ ...PVCS, name: 'data' }, user);
    await after(e, 1000);
    expect(getVolume(e, name).status?.phase).toBe('Released');
  });

  it('WaitForFirstConsumer: Pending with WaitForFirstConsumer, then WaitForPodScheduled; provisioned on the selected node with node affinity', async () => {
    const e = await engine();
    await e.api.create(CLASSES, storageClass('local', { mode: 'WaitForFirstConsumer' }), user);
    await e.api.create({ group: '', version: 'v1', resource: 'nodes' }, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } } }, user);
    await e.api.create(PVCS, claim('data', { cls: 'local' }), user);
    await after(e, 1000);
    expect(eventsOf(e, 'data', 'WaitForFirstConsumer')[0]?.['message']).toBe('waiting for first consumer to be created before binding');
    expect(volumeNames(e)).toEqual([]);
    await e.api.create(PODS, podWithClaims('db', ['data']), user);
    await after(e, 15_000);
    expect(eventsOf(e, 'data', 'WaitForPodScheduled')[0]?.['message']).toBe('waiting for pod db to be scheduled');
    expect(getClaim(e, 'data').status?.phase ?? 'Pending').toBe('Pending');
    // The scheduler's PreBind.
    await e.api.patch({ ...PVCS, name: 'data' }, 'merge', { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'n1' } } }, user);
    await after(e, 1000);
    const c = getClaim(e, 'data');
    expect(c.status?.phase).toBe('Bound');
    expect(getVolume(e, c.spec?.volumeName ?? '').spec?.nodeAffinity?.required?.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] },
    ]);
  });

  it('a selected node that does not exist: ProvisioningFailed, and the claim goes back to the scheduler', async () => {
    const e = await engine();
    await e.api.create(CLASSES, storageClass('local', { mode: 'WaitForFirstConsumer' }), user);
    await e.api.create(PVCS, claim('data', { cls: 'local' }), user);
    await e.api.patch({ ...PVCS, name: 'data' }, 'merge', { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'ghost' } } }, user);
    await after(e, 1000);
    expect(eventsOf(e, 'data', 'ProvisioningFailed')[0]?.['message']).toBe('failed to get target node: node "ghost" not found');
    expect(getClaim(e, 'data').metadata?.annotations?.['volume.kubernetes.io/selected-node']).toBeUndefined();
    expect(volumeNames(e)).toEqual([]);
  });

  it('a missing class and an in-tree provisioner are ProvisioningFailed warnings', async () => {
    const e = await engine();
    await e.api.create(CLASSES, storageClass('manual', { provisioner: 'kubernetes.io/no-provisioner' }), user);
    await e.api.create(PVCS, claim('a', { cls: 'nope' }), user);
    await e.api.create(PVCS, claim('b', { cls: 'manual' }), user);
    await after(e, 1000);
    expect(eventsOf(e, 'a', 'ProvisioningFailed')[0]).toMatchObject({ type: 'Warning', message: 'storageclass.storage.k8s.io "nope" not found' });
    expect(eventsOf(e, 'b', 'ProvisioningFailed')[0]?.['message']).toBe('no volume plugin matched name: kubernetes.io/no-provisioner');
  });

  it('a claim with no class at all gets the default class, retroactively (reconcile decision)', async () => {
    const e = await testEngine();
    // Created before any default class exists (DefaultStorageClass admission had nothing to set).
    await e.api.create(PVCS, claim('data'), user);
    await e.api.create(CLASSES, storageClass('std', { isDefault: true }), user);
    const out = persistentVolumeClaimBinder().reconcile('core/persistentvolumeclaims/default/data', e.store.head(), { now: 0, epoch: 0, random: { next: () => 0 } as never });
    expect(out.commands).toHaveLength(1);
    expect(out.commands[0]).toMatchObject({ type: 'update', object: { metadata: { name: 'data', resourceVersion: String(e.store.head().versionRev('core/persistentvolumeclaims/default/data')) }, spec: { storageClassName: 'std' } } });
  });
});
