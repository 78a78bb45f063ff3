/**
 * `getPodsForStatefulSet` (Kubernetes 1.32): `ClaimPods` with the extra
 * filter `isMemberOf` — a pod counts only if the selector matches it and its
 * name is `SET-N`. Pods we control that stop qualifying are released;
 * qualifying orphans (not being deleted) are adopted; neither happens while
 * the set is being deleted. The adopt and release patches are the
 * ReplicaSet controller's (uid-preconditioned strategic merge patches).
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject, LabelSelectorInternal } from '../../model/index.js';
import { matches } from '../../model/index.js';
import { controllerOf } from '../handlers.js';
import { adoptCommand, releaseCommand } from '../replica-set/claim-pods.js';
import { isMemberOf } from './identity.js';
import { STATEFUL_SET_KIND } from './statefulset-kind.js';

export function claimSetPods(set: StatefulSet, selector: LabelSelectorInternal, pods: readonly Pod[]): { pods: Pod[]; commands: Command[] } {
  const owner = set as KubeObject;
  const uid = set.metadata?.uid ?? '';
  const deleting = set.metadata?.deletionTimestamp !== undefined;
  const claimed: Pod[] = [];
  const commands: Command[] = [];
  for (const pod of pods) {
    const ref = controllerOf(pod as KubeObject);
    const ok = matches(selector, pod.metadata?.labels) && isMemberOf(set, pod);
    if (ref !== undefined) {
      if (ref.uid !== uid) continue;
      if (ok) claimed.push(pod);
      else if (!deleting) commands.push(releaseCommand(owner, pod));
      continue;
    }
    if (deleting || !ok || pod.metadata?.deletionTimestamp !== undefined || pod.metadata?.namespace !== set.metadata?.namespace) continue;
    commands.push(adoptCommand(owner, STATEFUL_SET_KIND, pod));
    claimed.push(pod);
  }
  return { pods: claimed, commands };
}
