/**
 * `manageReplicas` (pkg/controller/replicaset/replica_set.go, 1.32) as
 * commands: create the missing pods in slow-start batches, or delete the
 * surplus pods least valuable first, at most `burstReplicas` (500) either
 * way per sync, each delete followed by its `SuccessfulDelete` event.
 *
 * The runtime runs a reconcile's commands in order and stops at the first
 * refusal, so a failing create stops the rest of the sync's batches as
 * `slowStartBatch` does (Kubernetes also lets the failing batch's other,
 * concurrent creates finish; here they are not sent). A namespace being
 * terminated refuses every create, and Kubernetes ignores that cause, so no
 * create is sent into one.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import { objectKey, refOf } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import { recordEvent } from '../events.js';
import { podsToDelete } from './pod-ranking.js';
import { podFromTemplate } from './pod-template.js';
import type { ReplicaKind } from './replica-kind.js';
import { specOf } from './replica-kind.js';
import { relatedPods } from './select-pods.js';
import { BURST_REPLICAS, slowStartBatches } from './slow-start.js';

export interface ManagePlan {
  readonly commands: readonly Command[];
  /** Creates planned, as slow-start batch sizes (for the record and tests). */
  readonly batches: readonly number[];
  readonly deleting: readonly Pod[];
}

function namespaceTerminating(view: StateView, namespace: string): boolean {
  const ns = view.get(objectKey({ group: '', resource: 'namespaces', namespace: '', name: namespace }));
  return ns !== undefined && (ns.metadata.deletionTimestamp !== undefined || (ns['status'] as { phase?: string } | undefined)?.phase === 'Terminating');
}

export function manageReplicas(
  view: StateView,
  ctx: ReconcileContext,
  kind: ReplicaKind,
  owner: KubeObject,
  pods: readonly Pod[],
): ManagePlan {
  const diff = pods.length - (specOf(owner).replicas ?? 1);
  if (diff < 0) {
    if (namespaceTerminating(view, owner.metadata.namespace ?? '')) return { commands: [], batches: [], deleting: [] };
    const batches = slowStartBatches(Math.min(-diff, BURST_REPLICAS));
    const commands: Command[] = [];
    for (const size of batches) for (let i = 0; i < size; i++) commands.push({ type: 'create', object: podFromTemplate(owner, kind) });
    return { commands, batches, deleting: [] };
  }
  if (diff > 0) {
    const victims = podsToDelete(pods, relatedPods(view, owner, kind), Math.min(diff, BURST_REPLICAS), ctx.epoch + ctx.now);
    const commands: Command[] = [];
    for (const pod of victims) {
      commands.push({ type: 'delete', ref: refOf(pod as KubeObject) });
      commands.push(
        recordEvent(view, ctx, { object: owner, type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata?.name ?? ''}`, component: kind.component }),
      );
    }
    return { commands, batches: [], deleting: victims };
  }
  return { commands: [], batches: [], deleting: [] };
}
