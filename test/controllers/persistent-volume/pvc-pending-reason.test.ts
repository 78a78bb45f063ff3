/** pvcPendingReason: the binder's and provisioner's current decision for a Pending claim, with each candidate volume's misfit (facts for whynot). */
import { describe, expect, it } from 'vitest';
import { pvcPendingReason } from '../../../src/controllers/persistent-volume/pvc-pending-reason.js';
import type { TestEngine } from '../../runtime/engine.js';
import { testEngine } from '../../runtime/engine.js';
import { addStorageControllers, claim, CLASSES, podWithClaims, PODS, PVCS, PVS, storageClass, user, volume } from './helpers.js';

const KEY = 'core/persistentvolumeclaims/default/data';
const reasonOf = (e: TestEngine) => pvcPendingReason(e.store.head(), KEY);

describe('pvcPendingReason', () => {
  it('a missing claim', async () => {
    const e = await testEngine();
    expect(reasonOf(e)).toEqual({ reason: 'NotFound', message: 'persistentvolumeclaim "data" not found', volumes: [] });
  });

  it('no class and no default class: the binder\'s FailedBinding words, and why each class-less volume does not fit', async () => {
    const e = await testEngine();
    await e.api.create(PVS, volume('small', { size: '100Mi' }), user);
    await e.api.create(PVS, volume('other-class', { cls: 'fast' }), user);
    await e.api.create(PVCS, claim('data'), user);
    expect(reasonOf(e)).toEqual({
      reason: 'NoStorageClass',
      message: 'no persistent volumes available for this claim and no storage class is set',
      volumes: [{ name: 'small', why: 'capacity 100Mi is less than the requested 1Gi' }],
    });
  });

  it('a class that does not exist', async () => {
    const e = await testEngine();
    await e.api.create(PVCS, claim('data', { cls: 'nope' }), user);
    expect(reasonOf(e)).toMatchObject({ reason: 'StorageClassNotFound', message: 'storageclass.storage.k8s.io "nope" not found' });
  });

  it('WaitForFirstConsumer: no consumer, then a consumer not yet scheduled, then provisioning on the selected node', async () => {
    const e = await testEngine();
    await e.api.create(CLASSES, storageClass('local', { mode: 'WaitForFirstConsumer' }), user);
    await e.api.create(PVCS, claim('data', { cls: 'local' }), user);
    expect(reasonOf(e)).toMatchObject({ reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' });
    await e.api.create(PODS, podWithClaims('db', ['data']), user);
    expect(reasonOf(e)?.reason).toBe('WaitForPodScheduled');
    expect(reasonOf(e)?.message).toContain('waiting for pod db to be scheduled');
    await e.api.patch({ ...PVCS, name: 'data' }, 'merge', { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'n1' } } }, user);
    expect(reasonOf(e)?.reason).toBe('ExternalProvisioning');
    expect(reasonOf(e)?.message).toContain(`waiting for 'chronokube.io/sim' to provision the claim on node "n1"`);
  });

  it('a class without a dynamic provisioner and no fitting volume', async () => {
    const e = await testEngine();
    await e.api.create(CLASSES, storageClass('manual', { provisioner: 'kubernetes.io/no-provisioner' }), user);
    await e.api.create(PVS, volume('ro', { cls: 'manual', modes: ['ReadOnlyMany'] }), user);
    await e.api.create(PVCS, claim('data', { cls: 'manual' }), user);
    expect(reasonOf(e)).toEqual({
      reason: 'NoProvisioner',
      message: 'class "manual" has no dynamic provisioner (kubernetes.io/no-provisioner) and no volume matches',
      volumes: [{ name: 'ro', why: 'phase is Pending, not Available' }],
    });
  });

  it('a named volume that does not exist; a matching volume the binder has not bound yet; a bound claim', async () => {
    const e = await testEngine();
    await e.api.create(PVCS, claim('data', { volumeName: 'ghost' }), user);
    expect(reasonOf(e)?.reason).toBe('VolumeNotFound');
    const e2 = await testEngine();
    addStorageControllers(e2);
    await e2.api.create(PVS, volume('v'), user);
    await e2.scheduler.run(1000);
    await e2.api.create(PVCS, claim('data'), user);
    expect(reasonOf(e2)).toMatchObject({ reason: 'Binding', message: 'volume "v" matches; the binder binds it at its next sync' });
    await e2.scheduler.run(2000);
    expect(reasonOf(e2)).toBeUndefined();
  });
});

