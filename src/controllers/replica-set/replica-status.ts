/**
 * The status a replica controller reports, as Kubernetes 1.32's
 * `calculateStatus` and `updateReplicaSetStatus` compute it
 * (pkg/controller/replicaset/replica_set_utils.go):
 *
 * - `replicas`: the claimed active pods at the start of the sync (before this
 *   sync's creates and deletes, which the next sync sees);
 * - `fullyLabeledReplicas`: those whose labels match the template's labels;
 * - `readyReplicas`, `availableReplicas` (ready for longer than
 *   `minReadySeconds`);
 * - `observedGeneration`: the spec generation acted on;
 * - a `ReplicaFailure` condition (reason `FailedCreate` when short of pods,
 *   `FailedDelete` when over, message the error's text) while creates or
 *   deletes fail; an existing one is kept as is, and dropped on success.
 *
 * Nothing is written when nothing changed (the steady state).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { matches, selectorFromSet } from '../../model/index.js';
import { isPodAvailable, isPodReady, readySinceMs } from './pod-state.js';
import type { ReplicaCondition, ReplicaStatus } from './replica-kind.js';
import { specOf, statusOf } from './replica-kind.js';

export const REPLICA_FAILURE = 'ReplicaFailure';

export interface StatusInput {
  /** The claimed active pods. */
  readonly pods: readonly Pod[];
  /** The error message of this sync's failed create or delete, if any. */
  readonly manageError?: string;
  readonly nowUnixMs: number;
  /** `now` as an RFC 3339 timestamp (for a new condition's lastTransitionTime). */
  readonly nowStamp: string;
}

export function calculateStatus(owner: KubeObject, input: StatusInput): ReplicaStatus {
  const spec = specOf(owner);
  const old = statusOf(owner);
  const minReady = spec.minReadySeconds ?? 0;
  const templateLabels = selectorFromSet(spec.template?.metadata?.labels ?? {});
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of input.pods) {
    if (matches(templateLabels, pod.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, input.nowUnixMs)) available++;
    }
  }
  let conditions = old.conditions ?? [];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (input.manageError !== undefined && failure === undefined) {
    const diff = input.pods.length - (spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const cond: ReplicaCondition = { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: input.nowStamp, reason, message: input.manageError };
    conditions = [...conditions, cond];
  } else if (input.manageError === undefined && failure !== undefined) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  const { conditions: _dropped, ...rest } = old;
  return {
    ...rest,
    replicas: input.pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    ...(conditions.length === 0 ? {} : { conditions }),
  };
}

/** False in the steady state: counts, conditions and observedGeneration already say this. */
export function statusChanged(owner: KubeObject, next: ReplicaStatus): boolean {
  const old = statusOf(owner);
  return (
    old.replicas !== next.replicas ||
    (old.fullyLabeledReplicas ?? 0) !== next.fullyLabeledReplicas ||
    (old.readyReplicas ?? 0) !== next.readyReplicas ||
    (old.availableReplicas ?? 0) !== next.availableReplicas ||
    (owner.metadata.generation ?? 0) !== (old.observedGeneration ?? 0) ||
    JSON.stringify(old.conditions ?? []) !== JSON.stringify(next.conditions ?? [])
  );
}

/**
 * Milliseconds until the next ready pod becomes available, plus one second,
 * when one is waiting out `minReadySeconds` — Kubernetes re-enqueues the
 * owner `minReadySeconds + 1s` after a pod turns ready (`updatePod`).
 */
export function nextAvailabilityCheckMs(owner: KubeObject, pods: readonly Pod[], nowUnixMs: number): number | undefined {
  const minReady = specOf(owner).minReadySeconds ?? 0;
  if (minReady === 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    const since = readySinceMs(pod);
    if (since === undefined || isPodAvailable(pod, minReady, nowUnixMs)) continue;
    const due = Math.max(1, since + minReady * 1000 + 1000 - nowUnixMs);
    next = next === undefined ? due : Math.min(next, due);
  }
  return next;
}
