/**
 * Kubernetes 1.32 `defaultStatefulSetControl.updateStatefulSet`, as
 * commands: the pods are split into `replicas` (ordinals in
 * [start, start + spec.replicas)) and `condemned` (valid ordinals outside,
 * highest first); missing replicas are made at the right revision; then,
 * in order:
 *
 * 1. each replica, lowest ordinal first: a Failed or Succeeded pod is
 *    deleted (and made again on a later sync, once it is gone); a missing
 *    pod is created — with OrderedReady (monotonic) the sync stops there,
 *    and it stops at any pod that is terminating, not Running and Ready, or
 *    not yet available (minReadySeconds); identity and storage are repaired;
 * 2. condemned pods' claims follow the retention policy;
 * 3. condemned pods are deleted, highest ordinal first — with OrderedReady
 *    one per sync, only once it and every pod before it is Running and Ready
 *    (the first unhealthy pod may go), waiting for terminating ones;
 * 4. OnDelete stops here. RollingUpdate deletes the highest-ordinal pod
 *    (at or above the partition, counted as an index) not at the update
 *    revision, one per sync, and waits while a pod it passes is unhealthy.
 *
 * Parallel (burst) runs steps 1 and 3 over every pod in slow-start batches
 * (1, 2, 4, … at most 500), stopping after a batch that failed; the rolling
 * update is still one pod at a time (MaxUnavailableStatefulSet is alpha and
 * off in 1.32).
 *
 * The trap this reproduces: with OrderedReady a pod that never becomes
 * Running and Ready stops step 1 for good, so neither the rolling update
 * nor a reverted template replaces it — it must be deleted by hand.
 */
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import { podClaimIsStale, retentionUpdates } from './claim-retention.js';
import { identityMatches, inOrdinalRange, newVersionedPod, ordinalOf, podRevision, replicasOf, startOrdinal, storageMatches } from './identity.js';
import type { Outcome } from './pod-control.js';
import { createMissingClaims, createPod, deletePod, updatePod } from './pod-control.js';
import { isCreated, isFailed, isHealthy, isPending, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating } from './pod-health.js';
import { applyRevision } from './revision-data.js';
import type { SetStatus } from './status.js';
import { recount } from './status.js';

const MAX_BATCH_SIZE = 500;

interface Step {
  readonly exit: boolean;
  readonly error?: string;
}

/** `runForAll`: in order until one exits (monotonic), or in slow-start batches until a batch fails (burst). */
function runForAll(count: number, fn: (i: number) => Step, monotonic: boolean): Step {
  if (monotonic) {
    for (let i = 0; i < count; i++) {
      const s = fn(i);
      if (s.exit || s.error !== undefined) return { exit: true, ...(s.error === undefined ? {} : { error: s.error }) };
    }
    return { exit: false };
  }
  let j = 0;
  let remaining = count;
  for (let batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining, MAX_BATCH_SIZE)) {
    const errors: string[] = [];
    for (let k = 0; k < batch; k++, j++) {
      const e = fn(j).error;
      if (e !== undefined) errors.push(e);
    }
    if (errors.length > 0) return { exit: true, error: errors.join(', ') };
    remaining -= batch;
  }
  return { exit: false };
}

export interface UpdateResult {
  readonly status: SetStatus;
  readonly commands: readonly Command[];
  readonly error?: string;
}

export function updateStatefulSet(
  view: StateView,
  ctx: ReconcileContext,
  set: StatefulSet,
  current: ControllerRevision,
  update: ControllerRevision,
  collisionCount: number,
  pods: readonly Pod[],
): UpdateResult {
  const now = ctx.epoch + ctx.now;
  const minReady = set.spec?.minReadySeconds ?? 0;
  const currentSet = applyRevision(set, current);
  const updateSet = applyRevision(set, update);
  const currentName = current.metadata?.name ?? '';
  const updateName = update.metadata?.name ?? '';
  const status: SetStatus = {
    observedGeneration: set.metadata?.generation ?? 0,
    currentRevision: currentName,
    updateRevision: updateName,
    collisionCount,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
  };
  recount(status, minReady, now, pods);

  const start = startOrdinal(set);
  const slots: (Pod | undefined)[] = new Array<Pod | undefined>(replicasOf(set)).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    if (inOrdinalRange(pod, set)) slots[ordinalOf(pod) - start] = pod;
    else if (ordinalOf(pod) >= 0) condemned.push(pod);
  }
  const replicas: Pod[] = slots.map((p, i) => p ?? newVersionedPod(currentSet, updateSet, currentName, updateName, start + i));
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  const firstUnhealthy = replicas.find((p) => !isHealthy(p)) ?? [...condemned].reverse().find((p) => !isHealthy(p));

  const commands: Command[] = [];
  const finish = (error?: string): UpdateResult => {
    recount(status, minReady, now, replicas, condemned);
    return { status, commands, ...(error === undefined ? {} : { error }) };
  };
  if (set.metadata?.deletionTimestamp !== undefined) return { status, commands };
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';
  const take = (o: Outcome): string | undefined => {
    commands.push(...o.commands);
    return o.error;
  };

  const processReplica = (i: number): Step => {
    const pod = replicas[i]!;
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!isTerminating(pod)) commands.push(...deletePod(view, ctx, set, pod));
      return { exit: true };
    }
    if (!isCreated(pod)) {
      if (podClaimIsStale(view, set, pod)) return { exit: true };
      const error = take(createPod(view, ctx, set, pod));
      if (error !== undefined) return { exit: true, error };
      if (monotonic) return { exit: true };
    }
    if (isPending(pod)) {
      const error = take(createMissingClaims(view, ctx, set, pod));
      if (error !== undefined) return { exit: true, error };
    }
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now))) return { exit: true };
    const retentionMatch = !isCreated(pod) || retentionUpdates(view, updateSet, pod).length === 0;
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return { exit: false };
    const error = take(updatePod(view, ctx, updateSet, pod));
    return error === undefined ? { exit: false } : { exit: true, error };
  };
  let step = runForAll(replicas.length, processReplica, monotonic);
  if (step.exit) return finish(step.error);

  for (const pod of condemned) commands.push(...retentionUpdates(view, updateSet, pod));

  const processCondemned = (i: number): Step => {
    const pod = condemned[i]!;
    if (isTerminating(pod)) return { exit: monotonic };
    if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now))) return { exit: true };
    commands.push(...deletePod(view, ctx, set, pod));
    return { exit: true };
  };
  step = runForAll(condemned.length, processCondemned, monotonic);
  if (step.exit) return finish(step.error);

  recount(status, minReady, now, replicas, condemned);
  if (set.spec?.updateStrategy?.type === 'OnDelete') return { status, commands };

  const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= updateMin; target--) {
    const pod = replicas[target]!;
    if (podRevision(pod) !== updateName && !isTerminating(pod)) {
      commands.push(...deletePod(view, ctx, set, pod));
      status.currentReplicas--;
      return { status, commands };
    }
    if (!isHealthy(pod)) break;
  }
  return { status, commands };
}
