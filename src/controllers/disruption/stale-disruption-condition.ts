/**
 * The disruption controller's second queue (Kubernetes 1.32
 * `syncStalePodDisruption`): a pod that carries `DisruptionTarget=True` but
 * was never deleted (an eviction whose delete failed, say) has the
 * condition set back to False once it is 2 minutes old
 * (`stalePodDisruptionTimeout`). Conditions the kubelet set
 * (`TerminationByKubelet`), pods being deleted and pods in a terminal
 * phase are left alone. Runs under the disruption controller's actor.
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import type { ControllerDefinition, Predicate, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { unixMs } from '../replica-set/pod-state.js';
import { DISRUPTION_CONTROLLER } from './disruption-controller.js';

export const STALE_POD_DISRUPTION_TIMEOUT_MS = 2 * 60_000;

/** The pod's DisruptionTarget condition when it is one this controller would reset, else undefined. */
function staleCandidate(obj: KubeObject): PodCondition | undefined {
  const pod = obj as unknown as Pod;
  if (obj.metadata.deletionTimestamp !== undefined) return undefined;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const cond = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
  if (cond === undefined || cond.status !== 'True' || cond.reason === 'TerminationByKubelet') return undefined;
  return cond;
}

const candidate: Predicate = (c) => c.type !== 'DELETED' && staleCandidate(c.object) !== undefined;

export function syncStalePodDisruption(key: string, view: { get(key: string): KubeObject | undefined }, ctx: ReconcileContext): ReconcileResult {
  const obj = view.get(key);
  if (obj === undefined) return done();
  const cond = staleCandidate(obj);
  if (cond === undefined) return done();
  const now = ctx.epoch + ctx.now;
  const since = unixMs(cond.lastTransitionTime) ?? now;
  const waitMs = since + STALE_POD_DISRUPTION_TIMEOUT_MS - now;
  if (waitMs > 0) return { commands: [], requeueAfterMs: waitMs };
  const pod = obj as unknown as Pod;
  const stamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  // `UpdatePodCondition` replaces the condition: status False, no reason or message, a new transition time.
  const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'DisruptionTarget' ? { type: 'DisruptionTarget', status: 'False', lastProbeTime: null, lastTransitionTime: stamp } : c));
  return { commands: [{ type: 'update', subresource: 'status', object: { ...obj, status: { ...pod.status, conditions } } }] };
}

export const stalePodDisruptionController: ControllerDefinition = {
  name: `${DISRUPTION_CONTROLLER}-stale-pods`,
  actor: `controller:${DISRUPTION_CONTROLLER}`,
  for: { group: '', kind: 'Pod' },
  predicates: [candidate],
  reconcile: syncStalePodDisruption,
};
