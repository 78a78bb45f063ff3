/**
 * Kubernetes' `PodControllerRefManager.ClaimPods` (pkg/controller/
 * controller_ref_manager.go), as decisions over active pods:
 *
 * - a pod controlled by another owner is left alone;
 * - a pod we control that still matches is ours; one that no longer matches
 *   is released (its ownerReference to us removed), unless we are being
 *   deleted;
 * - an orphan (no controller) that matches, is not being deleted and lives
 *   in our namespace is adopted (a controller ownerReference added), unless
 *   we are being deleted. An adopted pod counts as ours at once.
 *
 * Both patches are strategic merge patches keyed by the reference's uid and
 * carry the pod's uid, which the API checks as a precondition — the same
 * patches client-go's ControllerRefManager sends.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject, LabelSelectorInternal } from '../../model/index.js';
import { matches } from '../../model/index.js';
import { controllerOf } from '../handlers.js';
import { controllerRef } from './pod-template.js';
import type { ReplicaKind } from './replica-kind.js';

export interface Claim {
  /** The pods the owner counts: those it controls and matches, plus those it adopts now. */
  readonly claimed: readonly Pod[];
  readonly adopt: readonly Pod[];
  readonly release: readonly Pod[];
}

export function claimPods(owner: KubeObject, selector: LabelSelectorInternal, pods: readonly Pod[]): Claim {
  const uid = owner.metadata.uid ?? '';
  const deleting = owner.metadata.deletionTimestamp !== undefined;
  const claimed: Pod[] = [];
  const adopt: Pod[] = [];
  const release: Pod[] = [];
  for (const pod of pods) {
    const ref = controllerOf(pod as KubeObject);
    const match = matches(selector, pod.metadata?.labels);
    if (ref !== undefined) {
      if (ref.uid !== uid) continue;
      if (match) claimed.push(pod);
      else if (!deleting) release.push(pod);
      continue;
    }
    if (deleting || !match || pod.metadata?.deletionTimestamp !== undefined) continue;
    if (pod.metadata?.namespace !== owner.metadata.namespace) continue;
    adopt.push(pod);
    claimed.push(pod);
  }
  return { claimed, adopt, release };
}

function podRef(pod: Pod): { apiVersion: string; kind: string; namespace: string; name: string } {
  return { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
}

/** Adds `owner` as the pod's controller. */
export function adoptCommand(owner: KubeObject, kind: ReplicaKind, pod: Pod): Command {
  return {
    type: 'patch',
    ref: podRef(pod),
    patchType: 'strategic',
    patch: { metadata: { ownerReferences: [controllerRef(owner, kind)], uid: pod.metadata?.uid } },
  };
}

/** Removes the pod's ownerReference to `owner`. */
export function releaseCommand(owner: KubeObject, pod: Pod): Command {
  return {
    type: 'patch',
    ref: podRef(pod),
    patchType: 'strategic',
    patch: { metadata: { ownerReferences: [{ $patch: 'delete', uid: owner.metadata.uid }], uid: pod.metadata?.uid } },
  };
}
