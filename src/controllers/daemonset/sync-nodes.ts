/**
 * `syncNodes` (Kubernetes 1.32) as commands: the creates first, in
 * slow-start batches of 1, 2, 4, ... (at most `BURST_REPLICAS`, 250, per
 * sync), each pod pinned to its node; then the deletes (at most 250), each
 * followed by its `SuccessfulDelete` event ("Deleted pod: NAME", as
 * RealPodControl records it).
 *
 * The runtime runs a reconcile's commands in order and stops at the first
 * refusal, so a refused create stops the later batches as Kubernetes'
 * slow start does (the refused batch's other creates are not sent here).
 * Kubernetes ignores creates refused because the namespace is terminating;
 * none is sent into a terminating namespace.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { objectKey, refOf } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import { recordEvent } from '../events.js';
import { slowStartBatches } from '../replica-set/slow-start.js';
import { daemonPodFor } from './daemon-pod.js';
import { BURST_REPLICAS, COMPONENT, Reason } from './names.js';

function namespaceTerminating(view: StateView, namespace: string): boolean {
  const ns = view.get(objectKey({ group: '', resource: 'namespaces', namespace: '', name: namespace }));
  return ns !== undefined && (ns.metadata.deletionTimestamp !== undefined || (ns['status'] as { phase?: string } | undefined)?.phase === 'Terminating');
}

export interface SyncNodesResult {
  readonly commands: readonly Command[];
  /** Creates sent, as slow-start batch sizes. */
  readonly batches: readonly number[];
  readonly deleted: readonly Pod[];
}

export function syncNodes(
  view: StateView,
  ctx: ReconcileContext,
  ds: KubeObject,
  podsToDelete: readonly Pod[],
  nodesNeedingDaemonPods: readonly string[],
  hash: string,
): SyncNodesResult {
  const commands: Command[] = [];
  const creating = namespaceTerminating(view, ds.metadata.namespace ?? '') ? [] : nodesNeedingDaemonPods.slice(0, BURST_REPLICAS);
  const batches = slowStartBatches(creating.length);
  for (const node of creating) commands.push({ type: 'create', object: daemonPodFor(ds, node, hash) });
  const deleted = podsToDelete.slice(0, BURST_REPLICAS);
  for (const pod of deleted) {
    commands.push({ type: 'delete', ref: refOf(pod as KubeObject) });
    commands.push(recordEvent(view, ctx, { object: ds, type: 'Normal', reason: Reason.SuccessfulDelete, message: `Deleted pod: ${pod.metadata?.name ?? ''}`, component: COMPONENT }));
  }
  return { commands, batches, deleted };
}
