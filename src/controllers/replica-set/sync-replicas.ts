/**
 * One sync of a ReplicaSet or ReplicationController (Kubernetes 1.32
 * `syncReplicaSet`): claim pods (adopt matching orphans, release pods that
 * no longer match), create or delete pods towards `spec.replicas` unless
 * the owner is being deleted, then write the status if it changed.
 *
 * No expectations: Kubernetes' controller keeps "expectations" because its
 * informer cache lags behind its own writes, and a sync that ran before its
 * creates were observed would create them again. A reconcile here reads the
 * store at its current revision, after the previous reconcile's commands
 * were applied, so it sees its own pods. It is safe even against a stale
 * view: one reconcile never creates more than the deficit it sees (capped at
 * 500), and deletes name the exact pods.
 *
 * `SuccessfulCreate` events are recorded by the sync after the create, once
 * the API has chosen the pod's name: each pod this owner created (its
 * `generateName` prefix, created after the owner) gets one
 * `Created pod: NAME` event, looked up by its deterministic name.
 *
 * Level-triggered; may be called many times for one change.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject, Status } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import type { EventSpec } from '../events.js';
import { eventName, recordEvent } from '../events.js';
import { adoptCommand, claimPods, releaseCommand } from './claim-pods.js';
import { manageReplicas } from './manage-replicas.js';
import { isPodActive, unixMs } from './pod-state.js';
import { podPrefix } from './pod-template.js';
import type { ReplicaKind } from './replica-kind.js';
import { specOf } from './replica-kind.js';
import { calculateStatus, nextAvailabilityCheckMs, statusChanged } from './replica-status.js';
import { candidatePods } from './select-pods.js';

/** Exponential backoff while creates or deletes keep failing: client-go's 5 ms doubling to 1000 s, counted by the failure event. */
function failureBackoffMs(count: number): number {
  return Math.min(5 * 2 ** Math.max(0, count - 1), 1_000_000);
}

function stampOf(ctx: ReconcileContext): string {
  return new Date(ctx.epoch + ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** How many times this event was recorded (0: never). */
function eventCount(view: StateView, spec: EventSpec): number {
  const ns = spec.object.metadata.namespace ?? 'default';
  const e = view.get(objectKey({ group: '', resource: 'events', namespace: ns, name: eventName(spec) }));
  return e === undefined ? 0 : typeof e['count'] === 'number' ? e['count'] : 1;
}

/** `SuccessfulCreate` for pods this owner created whose event is not recorded yet. */
function createdPodEvents(view: StateView, ctx: ReconcileContext, kind: ReplicaKind, owner: KubeObject, pods: readonly Pod[]): Command[] {
  const out: Command[] = [];
  const prefix = podPrefix(owner);
  const born = unixMs(owner.metadata.creationTimestamp) ?? 0;
  for (const pod of pods) {
    if (pod.metadata?.generateName !== prefix || (unixMs(pod.metadata.creationTimestamp) ?? 0) < born) continue;
    const spec: EventSpec = { object: owner, type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name ?? ''}`, component: kind.component };
    if (eventCount(view, spec) === 0) out.push(recordEvent(view, ctx, spec));
  }
  return out;
}

/**
 * @param refusal the Status the API gave this owner's previous create or
 *   delete, when the runtime reports it: recorded as a `FailedCreate` /
 *   `FailedDelete` event and the `ReplicaFailure` condition.
 */
export function syncReplicas(kind: ReplicaKind, key: string, view: StateView, ctx: ReconcileContext, refusal?: Status): ReconcileResult {
  const owner = view.get(key);
  if (owner === undefined) return done();
  const selector = kind.selectorOf(owner);
  const candidates = candidatePods(view, owner, selector).filter(isPodActive);
  const claim = claimPods(owner, selector, candidates);
  const adopted = new Set(claim.adopt);
  const commands: Command[] = [
    ...claim.adopt.map((p) => adoptCommand(owner, kind, p)),
    ...claim.release.map((p) => releaseCommand(owner, p)),
    ...createdPodEvents(view, ctx, kind, owner, claim.claimed.filter((p) => !adopted.has(p))),
  ];

  const deleting = owner.metadata.deletionTimestamp !== undefined;
  const plan = deleting ? undefined : manageReplicas(view, ctx, kind, owner, claim.claimed);
  // Only a refused pod create or delete is a replica failure; a refused status write is just retried.
  const podRefusal = refusal !== undefined && refusal.details?.kind === 'pods';
  const manageError = !podRefusal || deleting ? undefined : refusal.message;
  let failureCount = 0;
  if (manageError !== undefined) {
    const creating = claim.claimed.length < (specOf(owner).replicas ?? 1);
    const spec: EventSpec = {
      object: owner,
      type: 'Warning',
      reason: creating ? 'FailedCreate' : 'FailedDelete',
      message: `${creating ? 'Error creating' : 'Error deleting'}: ${manageError}`,
      component: kind.component,
    };
    commands.push(recordEvent(view, ctx, spec));
    failureCount = eventCount(view, spec) + 1;
  }

  const nowUnixMs = ctx.epoch + ctx.now;
  const status = calculateStatus(owner, { pods: claim.claimed, nowUnixMs, nowStamp: stampOf(ctx), ...(manageError === undefined ? {} : { manageError }) });
  const statusWrite: Command[] = statusChanged(owner, status)
    ? [{ type: 'update', subresource: 'status', object: { ...owner, status: { ...status, observedGeneration: owner.metadata.generation ?? 0 } } }]
    : [];
  // A failure is reported before retrying, so the report lands even if the retry is refused again.
  if (manageError !== undefined) commands.push(...statusWrite, ...(plan?.commands ?? []));
  else commands.push(...(plan?.commands ?? []), ...statusWrite);

  const requeue = manageError !== undefined ? failureBackoffMs(failureCount) : nextAvailabilityCheckMs(owner, claim.claimed, nowUnixMs);
  return requeue === undefined ? { commands } : { commands, requeueAfterMs: requeue };
}
