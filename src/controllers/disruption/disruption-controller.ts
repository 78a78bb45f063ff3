/**
 * The disruption controller (policy/v1 PodDisruptionBudget), as
 * kube-controller-manager 1.32's `disruption` controller: for each budget
 * it counts the selected pods that are healthy (Ready, not being deleted,
 * not just evicted), works out how many must stay healthy from
 * `minAvailable` / `maxUnavailable` and the owning controllers' scale, and
 * writes `status` — currentHealthy, desiredHealthy, expectedPods,
 * disruptionsAllowed, disruptedPods, observedGeneration and the
 * DisruptionAllowed condition — which the eviction subresource reads.
 * A budget it cannot compute (an unknown owner kind, a percentage that is
 * not one) fails safe: no disruption allowed, condition reason SyncFailed.
 * An eviction's entry in `disruptedPods` is looked at again when its
 * 2-minute DeletionTimeout ends.
 *
 * @example
 * cluster.start([disruptionController]);
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { Command, KubeObject } from '../../model/index.js';
import type { ControllerDefinition, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { buildDisruptedPods, countHealthyPods } from './disrupted-pods.js';
import { expectedCountFailedEvent, noPodsEvent, notDeletedEvent, unmanagedPodsEvent } from './disruption-events.js';
import { expectedPodCount } from './expected-pods.js';
import { failSafeStatus, nextPdbStatus } from './pdb-status.js';
import { pdbSelector, podsForPdb } from './pdb-pods.js';
import { podBudgetHandler } from './pod-budget-handler.js';
import type { StateView } from '../../store/index.js';

export const DISRUPTION_CONTROLLER = 'disruption';

const stampOf = (ctx: ReconcileContext): string => new Date(ctx.epoch + ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z');

const statusUpdate = (obj: KubeObject, status: unknown): Command => ({ type: 'update', subresource: 'status', object: { ...obj, status } });

/** `failSafe` after a failed sync: the events so far, and a status allowing no disruption. */
function failSafe(obj: KubeObject, error: string, events: Command[], ctx: ReconcileContext): ReconcileResult {
  const status = failSafeStatus(obj as unknown as PodDisruptionBudget, error, stampOf(ctx));
  return { commands: [...events, statusUpdate(obj, status)] };
}

export function syncBudget(key: string, view: StateView, ctx: ReconcileContext): ReconcileResult {
  const obj = view.get(key);
  if (obj === undefined) return done();
  const pdb = obj as unknown as PodDisruptionBudget;
  const events: Command[] = [];

  let pods: readonly KubeObject[];
  try {
    pods = podsForPdb(view, pdb, pdbSelector(pdb));
  } catch (e) {
    const message = (e as Error).message;
    events.push(noPodsEvent(view, ctx, obj));
    return failSafe(obj, message, events, ctx);
  }
  if (pods.length === 0) events.push(noPodsEvent(view, ctx, obj));

  const expected = expectedPodCount(view, pdb, pods);
  if ('error' in expected) {
    events.push(expectedCountFailedEvent(view, ctx, obj, expected.error));
    return failSafe(obj, expected.error, events, ctx);
  }
  if (expected.unmanagedPods.length > 0) events.push(unmanagedPodsEvent(view, ctx, obj, pdb.spec?.selector));

  const nowUnixMs = ctx.epoch + ctx.now;
  const disrupted = buildDisruptedPods(pods, pdb.status?.disruptedPods, nowUnixMs);
  for (const pod of disrupted.expired) events.push(notDeletedEvent(view, ctx, pod, obj));
  const currentHealthy = countHealthyPods(pods, disrupted.kept, nowUnixMs);
  const status = nextPdbStatus(
    pdb,
    { currentHealthy, desiredHealthy: expected.desiredHealthy, expectedCount: expected.expectedCount, disruptedPods: disrupted.kept },
    stampOf(ctx),
  );
  const commands = status === undefined ? events : [...events, statusUpdate(obj, status)];
  // Look again just after the earliest entry's DeletionTimeout, when it is strictly past.
  if (disrupted.recheckAt === undefined) return { commands };
  return { commands, requeueAfterMs: Math.max(1, disrupted.recheckAt - nowUnixMs + 1) };
}

export const disruptionController: ControllerDefinition = {
  name: DISRUPTION_CONTROLLER,
  for: { group: 'policy', kind: 'PodDisruptionBudget' },
  watches: [{ kind: { group: '', kind: 'Pod' }, handler: podBudgetHandler }],
  reconcile: syncBudget,
};
