/**
 * The Deployment controller (apps/v1), as kube-controller-manager 1.32's
 * `deployment` controller (pkg/controller/deployment): it owns ReplicaSets
 * named `DEPLOYMENT-HASH`, rolls the pod template out with the RollingUpdate
 * or Recreate strategy, scales proportionally when resized mid-rollout,
 * keeps `revisionHistoryLimit` old ReplicaSets, and reports status and the
 * Available / Progressing conditions, re-checking a stuck rollout at its
 * progress deadline.
 *
 * `syncDeployment` reads as Kubernetes' decisions, in its order:
 * claim ReplicaSets → (being deleted: status only) → paused conditions →
 * paused or a scaling event: scale only → otherwise roll out.
 * Rollback is client-side in apps/v1 (a template change); the deprecated
 * rollback annotation is not acted on.
 *
 * Level-triggered; may be called many times for one change.
 *
 * @example
 * manager.add(deploymentController);
 */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { matches } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { controllerOf } from '../handlers.js';
import { recordEvent } from '../events.js';
import { claimReplicaSets, deletedPodHandler, deploymentSelector, orphanReplicaSetHandler } from './claim-replica-sets.js';
import { DeploymentSync, SyncAborted } from './deployment-sync.js';
import { COMPONENT, Reason } from './names.js';
import { getCondition, hasProgressDeadline, newCondition, setCondition } from './progress.js';
import { rolloutRecreate } from './recreate.js';
import { rolloutRolling } from './rollout-rolling.js';
import { isScalingEvent, syncScaling } from './scale.js';
import { syncDeploymentStatus } from './status-sync.js';

/** `checkPausedConditions`: Progressing Unknown DeploymentPaused / DeploymentResumed, never over a timeout. */
function checkPausedConditions(s: DeploymentSync): void {
  if (!hasProgressDeadline(s.d)) return;
  const cond = getCondition(s.d.status, 'Progressing');
  if (cond?.reason === Reason.TimedOut) return;
  const pausedCond = cond?.reason === Reason.Paused;
  const paused = s.d.spec?.paused === true;
  if (paused && !pausedCond) setCondition((s.d.status ??= {}), newCondition('Progressing', 'Unknown', Reason.Paused, 'Deployment is paused', s.now));
  else if (!paused && pausedCond) setCondition((s.d.status ??= {}), newCondition('Progressing', 'Unknown', Reason.Resumed, 'Deployment is resumed', s.now));
}

function selectsEverything(d: Deployment): boolean {
  const sel = d.spec?.selector;
  return sel !== undefined && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

export function syncDeployment(key: string, view: StateView, ctx: ReconcileContext): ReconcileResult {
  const stored = view.get(key);
  if (stored === undefined) return done();
  const d = stored as Deployment;
  if (selectsEverything(d)) {
    const commands = [
      recordEvent(view, ctx, { object: stored, type: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.', component: COMPONENT }),
    ];
    if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
      commands.push({ type: 'update', subresource: 'status', object: { ...stored, status: { ...d.status, observedGeneration: d.metadata?.generation ?? 0 } } });
    }
    return { commands };
  }
  const claim = claimReplicaSets(view, stored);
  const selector = deploymentSelector(stored);
  const podMap = new Map<string, Pod[]>();
  for (const rs of claim.claimed) {
    const uid = rs.metadata?.uid ?? '';
    const pods = view.byOwner(uid).filter((p) => p.kind === 'Pod' && controllerOf(p)?.uid === uid && matches(selector, p.metadata.labels));
    podMap.set(uid, pods as Pod[]);
  }
  const s = new DeploymentSync(view, ctx, stored, claim.claimed, podMap);
  s.commands.push(...claim.commands);
  try {
    if (stored.metadata.deletionTimestamp !== undefined) {
      const { newRS, oldRSs } = s.getAll(false);
      return syncDeploymentStatus(s, [...oldRSs, newRS], newRS);
    }
    checkPausedConditions(s);
    if (d.spec?.paused === true || isScalingEvent(s)) return syncScaling(s);
    return d.spec?.strategy?.type === 'Recreate' ? rolloutRecreate(s) : rolloutRolling(s);
  } catch (e) {
    // A hash collision: the bumped collisionCount is written, and its write wakes the next try.
    if (e instanceof SyncAborted) return s.finish();
    throw e;
  }
}

export const deploymentController: ControllerDefinition = {
  name: 'deployment',
  for: { group: 'apps', kind: 'Deployment' },
  owns: [{ group: 'apps', kind: 'ReplicaSet' }],
  watches: [
    { kind: { group: 'apps', kind: 'ReplicaSet' }, handler: orphanReplicaSetHandler },
    { kind: { group: '', kind: 'Pod' }, handler: deletedPodHandler },
  ],
  reconcile: syncDeployment,
};
