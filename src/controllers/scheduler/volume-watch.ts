/**
 * Which pending pods a claim or volume change concerns (VolumeBinding's
 * cluster events, 1.32: PersistentVolumeClaim and PersistentVolume
 * add/update): the pods not yet on a node, in the claim's namespace, whose
 * volumes name the claim (for a volume, the claim its claimRef names,
 * before and after the change). The scheduler re-runs their cycle — a pod
 * waiting in PreBind sees its claims bound; an unschedulable one may now fit.
 */
import type { PersistentVolume, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ObjectChange } from '../controller.js';
import { podClaimNames } from '../persistent-volume/storage-facts.js';

function claimsOf(o: KubeObject | undefined): { namespace: string; name: string }[] {
  if (o === undefined) return [];
  if (o.kind === 'PersistentVolumeClaim') return [{ namespace: o.metadata.namespace ?? 'default', name: o.metadata.name ?? '' }];
  const ref = (o as PersistentVolume).spec?.claimRef;
  return ref?.name === undefined ? [] : [{ namespace: ref.namespace ?? 'default', name: ref.name }];
}

/** `isPending`: the scheduler's own test for a pod it should place. */
export function pendingPodsUsingClaimsOf(c: ObjectChange, view: StateView, isPending: (pod: Pod) => boolean): string[] {
  const out = new Set<string>();
  for (const claim of [...claimsOf(c.object), ...claimsOf(c.previous)]) {
    for (const o of view.list({ group: '', resource: 'pods', namespace: claim.namespace })) {
      const pod = o as Pod;
      if (!isPending(pod) || !podClaimNames(pod).includes(claim.name)) continue;
      out.add(objectKey({ group: '', resource: 'pods', namespace: claim.namespace, name: o.metadata.name ?? '' }));
    }
  }
  return [...out].sort();
}
