/**
 * The pvc-protection controller (pkg/controller/volume/pvcprotection, 1.32):
 * a claim being deleted keeps its `kubernetes.io/pvc-protection` finalizer —
 * and shows Terminating — while a pod that is on a node uses it (whatever
 * that pod's phase: a completed pod still holds it until it is deleted;
 * a generic ephemeral volume's pod only until it is shut down). Then the
 * finalizer is removed and the claim goes. Pod changes wake the claims
 * they name.
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition } from '../controller.js';
import { done } from '../controller.js';
import { updateOf } from './bind-commands.js';
import { podClaimNames, pvcKey } from './storage-facts.js';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';

/** `podIsShutDown`: deleted with a zero grace period (processed by the kubelet, or forced). */
const podIsShutDown = (pod: Pod): boolean => pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionGracePeriodSeconds === 0;

/** `podUsesPVC`: the pod is on a node and names the claim (an ephemeral one only while the pod is not shut down). */
export function podUsesClaim(pod: Pod, claim: PersistentVolumeClaim): boolean {
  if ((pod.spec?.nodeName ?? '') === '') return false;
  const name = claim.metadata?.name;
  return (pod.spec?.volumes ?? []).some(
    (v) => v.persistentVolumeClaim?.claimName === name || (v.ephemeral !== undefined && !podIsShutDown(pod) && `${pod.metadata?.name ?? ''}-${v.name}` === name),
  );
}

/** The pods (sorted by name) that keep a claim from being deleted. */
export function podsUsingClaim(view: StateView, claim: PersistentVolumeClaim): string[] {
  return view
    .list({ group: '', resource: 'pods', namespace: claim.metadata?.namespace ?? 'default' })
    .filter((p) => podUsesClaim(p as Pod, claim))
    .map((p) => p.metadata.name ?? '')
    .sort();
}

export function pvcProtectionController(): ControllerDefinition {
  return {
    name: 'pvc-protection',
    for: { group: '', kind: 'PersistentVolumeClaim' },
    watches: [
      {
        kind: { group: '', kind: 'Pod' },
        handler: (c) => {
          const pod = c.object as Pod;
          const ns = pod.metadata?.namespace ?? 'default';
          return podClaimNames(pod).map((n) => pvcKey(ns, n));
        },
      },
    ],
    reconcile(key, view) {
      const claim = view.get(key) as (PersistentVolumeClaim & KubeObject) | undefined;
      if (claim === undefined || claim.metadata.deletionTimestamp === undefined) return done();
      const finalizers = claim.metadata.finalizers ?? [];
      if (!finalizers.includes(PVC_PROTECTION_FINALIZER) || podsUsingClaim(view, claim).length > 0) return done();
      return { commands: [updateOf(claim, (c) => ({ ...c, metadata: { ...c.metadata, finalizers: finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER) } }))] };
    },
  };
}
