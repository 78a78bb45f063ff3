/**
 * The StatefulSet controller (apps/v1), as kube-controller-manager 1.32's
 * `statefulset` controller (pkg/controller/statefulset): stable pod names
 * `NAME-0 … NAME-(N-1)` (from `spec.ordinals.start`), one
 * PersistentVolumeClaim per volumeClaimTemplate and ordinal that outlives
 * its pod, OrderedReady or Parallel pod management, RollingUpdate from the
 * highest ordinal down to the partition or OnDelete, ControllerRevisions
 * for the current and update templates, and the status counts.
 *
 * One sync, in Kubernetes' order: adopt orphan revisions → claim pods →
 * current and update revisions (creating or re-numbering one) →
 * `updateStatefulSet` (pods and claims) → status, if it changed →
 * trim revision history. With minReadySeconds, a sync whose available
 * count is short of `spec.replicas` is repeated minReadySeconds later.
 *
 * Not modelled: PersistentVolume binding and provisioning (claims stay
 * Pending; the scheduler does not wait for them); the alpha
 * MaxUnavailableStatefulSet rolling update.
 *
 * Level-triggered; may be called many times for one change.
 *
 * @example
 * manager.add(statefulSetController);
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { orphanPodHandler } from '../replica-set/orphan-pod-handler.js';
import { candidatePods } from '../replica-set/select-pods.js';
import { claimSetPods } from './claim-set-pods.js';
import { failedCreateEvents } from './refusals.js';
import { listRevisions, statefulSetRevisions, truncateHistory } from './revisions.js';
import { completeRollingUpdate, inconsistentStatus, statusObject } from './status.js';
import { STATEFUL_SET_KIND } from './statefulset-kind.js';
import { updateStatefulSet } from './update-set.js';

/** client-go's default per-key backoff (5 ms doubling to 1000 s), for a sync that failed without a refused write. */
function errorBackoffMs(failures: number): number {
  return Math.min(5 * 2 ** Math.max(0, failures - 1), 1_000_000);
}

export function syncStatefulSet(key: string, view: StateView, ctx: ReconcileContext): ReconcileResult {
  const stored = view.get(key);
  if (stored === undefined) return done();
  const set = stored as StatefulSet;
  const selector = STATEFUL_SET_KIND.selectorOf(stored);
  const revs = listRevisions(view, set, selector);
  const claim = claimSetPods(set, selector, candidatePods(view, stored, selector));
  const { current, update, collisionCount, commands: revisionWrites } = statefulSetRevisions(view, set, revs.revisions);
  const result = updateStatefulSet(view, ctx, set, current, update, collisionCount, claim.pods);

  const status = { ...result.status };
  completeRollingUpdate(set, status);
  const statusWrite: Command[] = inconsistentStatus(set, status) ? [{ type: 'update', subresource: 'status', object: { ...stored, status: statusObject(status) } as KubeObject }] : [];
  const commands: Command[] = [
    ...failedCreateEvents(view, ctx, set, ctx.lastRefusal),
    ...revs.commands,
    ...claim.commands,
    ...revisionWrites,
    ...result.commands,
    ...statusWrite,
    ...truncateHistory(set, claim.pods, revs.revisions, current, update),
  ];
  if (result.error !== undefined) return { commands, requeueAfterMs: errorBackoffMs(failuresSoFar(view, set) + 1) };
  const minReady = set.spec?.minReadySeconds ?? 0;
  if (minReady > 0 && status.availableReplicas !== (set.spec?.replicas ?? 1)) return { commands, requeueAfterMs: minReady * 1000 };
  return { commands };
}

/** How many FailedCreate / FailedUpdate events the set has had (the backoff's exponent). */
function failuresSoFar(view: StateView, set: StatefulSet): number {
  const uid = set.metadata?.uid;
  let n = 0;
  for (const e of view.list({ group: '', resource: 'events', namespace: set.metadata?.namespace ?? 'default' })) {
    const involved = e['involvedObject'] as { uid?: string } | undefined;
    if (involved?.uid === uid && typeof e['reason'] === 'string' && e['reason'].startsWith('Failed')) n += typeof e['count'] === 'number' ? e['count'] : 1;
  }
  return n;
}

export const statefulSetController: ControllerDefinition = {
  name: 'statefulset',
  for: { group: 'apps', kind: 'StatefulSet' },
  owns: [{ group: '', kind: 'Pod' }],
  watches: [{ kind: { group: '', kind: 'Pod' }, handler: orphanPodHandler(STATEFUL_SET_KIND) }],
  reconcile: syncStatefulSet,
};
