/**
 * The StatefulSet status (Kubernetes 1.32 `computeReplicaStatus`,
 * `completeRollingUpdate`, `inconsistentStatus`):
 *
 * - replicas counts created pods; readyReplicas running and ready ones;
 *   availableReplicas those also ready for minReadySeconds;
 *   currentReplicas / updatedReplicas the created, non-terminating pods at
 *   the current / update revision;
 * - a RollingUpdate is complete when updated, ready and replicas all equal
 *   `spec.replicas`: the current revision becomes the update revision;
 * - the status is written only when observedGeneration grew or a count or
 *   revision differs (collisionCount alone does not trigger a write).
 */
import type { StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { replicasOf } from './identity.js';
import { podRevision } from './identity.js';
import { isCreated, isRunningAndAvailable, isRunningAndReady, isTerminating } from './pod-health.js';

export interface SetStatus {
  observedGeneration: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
}

/** `updateStatus`: recounts `status` over the pod lists. */
export function recount(status: SetStatus, minReadySeconds: number, nowUnixMs: number, ...lists: readonly (readonly Pod[])[]): void {
  status.replicas = status.readyReplicas = status.availableReplicas = status.currentReplicas = status.updatedReplicas = 0;
  for (const list of lists) {
    for (const pod of list) {
      if (isCreated(pod)) status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, nowUnixMs)) status.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const rev = podRevision(pod);
        if (rev === status.currentRevision) status.currentReplicas++;
        if (rev === status.updateRevision) status.updatedReplicas++;
      }
    }
  }
}

export function completeRollingUpdate(set: StatefulSet, status: SetStatus): void {
  const want = replicasOf(set);
  if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && status.updatedReplicas === want && status.readyReplicas === want && status.replicas === want) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

export function inconsistentStatus(set: StatefulSet, s: SetStatus): boolean {
  const o: StatefulSetStatus = set.status ?? { replicas: 0 };
  return (
    s.observedGeneration > (o.observedGeneration ?? 0) ||
    s.replicas !== o.replicas ||
    s.currentReplicas !== (o.currentReplicas ?? 0) ||
    s.readyReplicas !== (o.readyReplicas ?? 0) ||
    s.updatedReplicas !== (o.updatedReplicas ?? 0) ||
    s.currentRevision !== (o.currentRevision ?? '') ||
    s.availableReplicas !== (o.availableReplicas ?? 0) ||
    s.updateRevision !== (o.updateRevision ?? '')
  );
}

/** The status as Go serialises it: omitempty fields dropped when zero; replicas and availableReplicas always. */
export function statusObject(s: SetStatus): StatefulSetStatus {
  return {
    ...(s.observedGeneration === 0 ? {} : { observedGeneration: s.observedGeneration }),
    replicas: s.replicas,
    ...(s.readyReplicas === 0 ? {} : { readyReplicas: s.readyReplicas }),
    ...(s.currentReplicas === 0 ? {} : { currentReplicas: s.currentReplicas }),
    ...(s.updatedReplicas === 0 ? {} : { updatedReplicas: s.updatedReplicas }),
    ...(s.currentRevision === '' ? {} : { currentRevision: s.currentRevision }),
    ...(s.updateRevision === '' ? {} : { updateRevision: s.updateRevision }),
    collisionCount: s.collisionCount,
    availableReplicas: s.availableReplicas,
  };
}
