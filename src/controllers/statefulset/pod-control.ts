/**
 * Kubernetes 1.32 `StatefulPodControl` as commands: creating a pod creates
 * its claims first; every pod and claim write is reported on the set with
 * Kubernetes' reasons and messages:
 *
 * - `SuccessfulCreate` "create Pod web-0 in StatefulSet web successful",
 *   "create Claim www-web-0 Pod web-0 in StatefulSet web success";
 * - `SuccessfulDelete` "delete Pod web-2 in StatefulSet web successful";
 * - `SuccessfulUpdate` "update Pod web-0 in StatefulSet web successful";
 * - `FailedCreate` "create Pod web-0 in StatefulSet web failed error: …".
 *
 * A claim being deleted is an error: the pod is not created (Kubernetes
 * retries until the claim is gone, then creates a fresh one). Each event
 * follows the write it reports, so a refused write is never reported as
 * done.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ReconcileContext } from '../controller.js';
import { recordEvent } from '../events.js';
import { claimKey, retentionUpdates } from './claim-retention.js';
import { claimsFor, identityMatches, ordinalOf, storageMatches, withIdentity, withStorage } from './identity.js';
import { COMPONENT } from './names.js';

/** Commands, and the error Kubernetes would return (the sync stops there). */
export interface Outcome {
  readonly commands: Command[];
  readonly error?: string;
}

export type Verb = 'create' | 'update' | 'delete';

const title = (v: Verb): string => v.charAt(0).toUpperCase() + v.slice(1);

/** `recordPodEvent`. */
export function podEvent(view: StateView, ctx: ReconcileContext, set: StatefulSet, verb: Verb, pod: Pod, error?: string): Command {
  const name = pod.metadata?.name ?? '';
  const setName = set.metadata?.name ?? '';
  return recordEvent(view, ctx, {
    object: set as KubeObject,
    component: COMPONENT,
    ...(error === undefined
      ? { type: 'Normal', reason: `Successful${title(verb)}`, message: `${verb} Pod ${name} in StatefulSet ${setName} successful` }
      : { type: 'Warning', reason: `Failed${title(verb)}`, message: `${verb} Pod ${name} in StatefulSet ${setName} failed error: ${error}` }),
  });
}

/** `utilerrors.NewAggregate(...).Error()`. */
function aggregate(errors: readonly string[]): string {
  return errors.length === 1 ? (errors[0] ?? '') : `[${errors.join(', ')}]`;
}

/** `createPersistentVolumeClaims`: creates the missing claims (each with its event); a claim being deleted is an error. */
export function createClaims(view: StateView, ctx: ReconcileContext, set: StatefulSet, pod: Pod): Outcome {
  const commands: Command[] = [];
  const errors: string[] = [];
  for (const claim of claimsFor(set, ordinalOf(pod))) {
    const existing = view.get(claimKey(claim)) as PersistentVolumeClaim | undefined;
    if (existing === undefined) {
      commands.push({ type: 'create', object: claim as KubeObject });
      commands.push(
        recordEvent(view, ctx, {
          object: set as KubeObject,
          component: COMPONENT,
          type: 'Normal',
          reason: 'SuccessfulCreate',
          message: `create Claim ${claim.metadata?.name ?? ''} Pod ${pod.metadata?.name ?? ''} in StatefulSet ${set.metadata?.name ?? ''} success`,
        }),
      );
    } else if (existing.metadata?.deletionTimestamp !== undefined) {
      errors.push(`pvc ${claim.metadata?.name ?? ''} is being deleted`);
    }
  }
  return errors.length === 0 ? { commands } : { commands, error: aggregate(errors) };
}

/** `CreateStatefulPod`: claims, then the pod, then the claims' retention references. */
export function createPod(view: StateView, ctx: ReconcileContext, set: StatefulSet, pod: Pod): Outcome {
  const claims = createClaims(view, ctx, set, pod);
  if (claims.error !== undefined) return { commands: [...claims.commands, podEvent(view, ctx, set, 'create', pod, claims.error)], error: claims.error };
  return { commands: [...claims.commands, { type: 'create', object: pod as KubeObject }, ...retentionUpdates(view, set, pod), podEvent(view, ctx, set, 'create', pod)] };
}

/** `DeleteStatefulPod` (the pod's own grace period). */
export function deletePod(view: StateView, ctx: ReconcileContext, set: StatefulSet, pod: Pod): Command[] {
  return [{ type: 'delete', ref: { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' } }, podEvent(view, ctx, set, 'delete', pod)];
}

/** `createMissingPersistentVolumeClaims` (for a pending pod whose claim went missing). */
export function createMissingClaims(view: StateView, ctx: ReconcileContext, set: StatefulSet, pod: Pod): Outcome {
  const claims = createClaims(view, ctx, set, pod);
  return claims.error !== undefined ? claims : { commands: [...claims.commands, ...retentionUpdates(view, set, pod)] };
}

/** `UpdateStatefulPod`: restores the identity labels and claim volumes, and the claims' retention references. */
export function updatePod(view: StateView, ctx: ReconcileContext, set: StatefulSet, pod: Pod): Outcome {
  let fixed = pod;
  let consistent = true;
  const commands: Command[] = [];
  if (!identityMatches(set, fixed)) {
    fixed = withIdentity(set, fixed);
    consistent = false;
  }
  if (!storageMatches(set, fixed)) {
    fixed = withStorage(set, fixed);
    consistent = false;
    const claims = createClaims(view, ctx, set, fixed);
    commands.push(...claims.commands);
    if (claims.error !== undefined) return { commands: [...commands, podEvent(view, ctx, set, 'update', fixed, claims.error)], error: claims.error };
  }
  const retention = retentionUpdates(view, set, fixed);
  if (retention.length > 0) {
    commands.push(...retention);
    consistent = false;
  }
  if (consistent) return { commands };
  return { commands: [...commands, { type: 'update', object: fixed as KubeObject }, podEvent(view, ctx, set, 'update', fixed)] };
}
