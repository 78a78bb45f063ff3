/** The kubelet's view of a pod's claim-backed volumes: missing, deleting, unbound or volume-less claims, and the FailedMount message. */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podClaimVolumeProblems } from '../../../src/controllers/persistent-volume/claim-volume-problem.js';
import { testEngine } from '../../runtime/engine.js';
import { addStorageControllers, claim, podWithClaims, PVCS, PVS, user, volume } from './helpers.js';

const pod = (claims: string[]): Pod => podWithClaims('db', claims, undefined, { nodeName: 'n1' }) as unknown as Pod;

describe('podClaimVolumeProblems', () => {
  it('a missing claim and an unbound claim, in the kubelet words; nothing once bound', async () => {
    const e = await testEngine();
    await e.api.create(PVCS, claim('b'), user);
    expect(podClaimVolumeProblems(e.store.head(), pod(['a', 'b']))).toEqual({
      volumes: ['v0', 'v1'],
      message:
        'Unable to attach or mount volumes: unmounted volumes=[v0 v1], unattached volumes=[v0 v1], failed to process volumes=[v0 v1]: ' +
        'error processing PVC default/a: failed to fetch PVC from API server: persistentvolumeclaims "a" not found; error processing PVC default/b: PVC is not bound',
    });
    addStorageControllers(e);
    await e.api.create(PVS, volume('pv-b'), user);
    await e.scheduler.run(20_000);
    expect(podClaimVolumeProblems(e.store.head(), pod(['b']))).toBeUndefined();
    // An admin forcing the Bound volume out past pv-protection.
    await e.api.delete({ ...PVS, name: 'pv-b' }, user);
    await e.api.patch({ ...PVS, name: 'pv-b' }, 'merge', { metadata: { finalizers: null } }, user);
    expect(podClaimVolumeProblems(e.store.head(), pod(['b']))?.message).toContain('error processing PVC default/b: failed to fetch PV pv-b from API server: persistentvolumes "pv-b" not found');
  });

  it('a claim being deleted; pods without claims have no problem', async () => {
    const e = await testEngine();
    await e.api.create(PVCS, { ...claim('a'), metadata: { name: 'a', namespace: 'default', finalizers: ['kubernetes.io/pvc-protection'] } }, user);
    await e.api.delete({ ...PVCS, name: 'a' }, user);
    expect(podClaimVolumeProblems(e.store.head(), pod(['a']))?.message).toContain('error processing PVC default/a: PVC is being deleted');
    expect(podClaimVolumeProblems(e.store.head(), pod([]))).toBeUndefined();
  });
});
