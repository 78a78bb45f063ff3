/**
 * The DaemonSet controller (apps/v1), as kube-controller-manager 1.32's
 * `daemonset` controller (pkg/controller/daemon): one pod on every node
 * that should run it (node name, nodeSelector, required node affinity, and
 * the NoSchedule / NoExecute taints the pod — with its automatic daemon
 * tolerations — does not tolerate), created pinned to the node by a
 * `metadata.name` node affinity and bound by the default scheduler; pods
 * follow nodes as they join, change and leave; templates roll out with
 * RollingUpdate (maxUnavailable / maxSurge) or OnDelete; history is kept
 * as ControllerRevisions; status counts scheduled, misscheduled, ready,
 * available and updated pods.
 *
 * `syncDaemonSet` reads as Kubernetes' decisions, in its order:
 * selecting everything → a Warning and stop; being deleted → stop;
 * history (the current revision and its hash) → claim pods → manage (create
 * and delete per node) → if manage wrote nothing, the RollingUpdate step →
 * clean up old revisions → status.
 *
 * No expectations: Kubernetes skips the rolling update (and raising
 * observedGeneration) while its own creates and deletes are unobserved. A
 * reconcile here sees the store after its previous commands, so the only
 * case left is "this sync's manage wrote something": then the rolling
 * update waits for the next sync, which those writes wake.
 *
 * Level-triggered; may be called many times for one change.
 *
 * @example
 * manager.add(daemonSetController); // built in: controlPlaneControllers() runs it
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Command } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import type { ControllerDefinition, ReconcileContext, ReconcileResult } from '../controller.js';
import { done } from '../controller.js';
import { recordEvent } from '../events.js';
import { adoptCommand, claimPods, releaseCommand } from '../replica-set/claim-pods.js';
import { orphanPodHandler } from '../replica-set/orphan-pod-handler.js';
import { candidatePods } from '../replica-set/select-pods.js';
import { createdPodEvents } from './created-pod-events.js';
import { DAEMON_SET_KIND } from './daemon-kind.js';
import { cleanupHistory, constructHistory } from './history.js';
import { manage } from './manage.js';
import { COMPONENT, Reason } from './names.js';
import { nodeHandler } from './node-handler.js';
import { nodesToDaemonPods } from './node-pods.js';
import { rollingUpdate } from './rolling-update.js';
import { daemonSetStatus } from './status.js';
import { syncNodes } from './sync-nodes.js';

function selectsEverything(ds: DaemonSet): boolean {
  const sel = ds.spec?.selector;
  return sel !== undefined && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

const minDefined = (...xs: (number | undefined)[]): number | undefined => {
  const ds = xs.filter((x): x is number => x !== undefined);
  return ds.length === 0 ? undefined : Math.min(...ds);
};

export function syncDaemonSet(key: string, view: StateView, ctx: ReconcileContext): ReconcileResult {
  const dsObj = view.get(key);
  if (dsObj === undefined) return done();
  const ds = dsObj as unknown as DaemonSet;
  if (selectsEverything(ds)) {
    const message = 'This daemon set is selecting all pods. A non-empty selector is required.';
    return { commands: [recordEvent(view, ctx, { object: dsObj, type: 'Warning', reason: Reason.SelectingAll, message, component: COMPONENT })] };
  }
  // Kubernetes cannot tell which revisions a DaemonSet being deleted still has, so it leaves it alone, status included.
  if (dsObj.metadata.deletionTimestamp !== undefined) return done();

  const nodes = view.list({ group: '', resource: 'nodes' }) as unknown as Node[];
  const selector = DAEMON_SET_KIND.selectorOf(dsObj);
  const claim = claimPods(dsObj, selector, candidatePods(view, dsObj, selector));
  const history = constructHistory(view, dsObj, claim.claimed);
  if (history.type === 'collision') return { commands: history.commands };
  const hash = history.hash;
  const adopted = new Set<Pod>(claim.adopt);
  const commands: Command[] = [
    ...history.commands,
    ...claim.adopt.map((p) => adoptCommand(dsObj, DAEMON_SET_KIND, p)),
    ...claim.release.map((p) => releaseCommand(dsObj, p)),
    ...createdPodEvents(view, ctx, dsObj, claim.claimed.filter((p) => !adopted.has(p))),
  ];

  const nowUnixMs = ctx.epoch + ctx.now;
  const byNode = nodesToDaemonPods(claim.claimed);
  const plan = manage(view, ctx, ds, nodes, byNode, hash);
  const managed = syncNodes(view, ctx, dsObj, plan.podsToDelete, plan.nodesNeedingDaemonPods, hash);
  const refusal = ctx.lastRefusal;
  if (refusal !== undefined && refusal.details?.kind === 'pods') {
    const creating = managed.batches.length > 0;
    const spec = creating
      ? { reason: Reason.FailedCreate, message: `Error creating: ${refusal.message}` }
      : { reason: Reason.FailedDelete, message: `Error deleting: ${refusal.message}` };
    commands.push(recordEvent(view, ctx, { object: dsObj, type: 'Warning', ...spec, component: COMPONENT }));
  }
  commands.push(...plan.events, ...managed.commands);

  const manageWrote = managed.batches.length > 0 || managed.deleted.length > 0;
  if (!manageWrote && (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const update = rollingUpdate(ds, nodes, byNode, hash, nowUnixMs);
    commands.push(...syncNodes(view, ctx, dsObj, update.podsToDelete, update.nodesToCreate, hash).commands);
  }
  commands.push(...cleanupHistory(ds, history.old, [...nodesToDaemonPods(claim.claimed, true).values()].flat()));

  const status = daemonSetStatus(dsObj, nodes, byNode, hash, nowUnixMs);
  commands.push(...status.commands);
  const requeue = minDefined(plan.requeueAfterMs, status.requeueAfterMs);
  return requeue === undefined ? { commands } : { commands, requeueAfterMs: requeue };
}

export const daemonSetController: ControllerDefinition = {
  name: 'daemonset',
  for: { group: 'apps', kind: 'DaemonSet' },
  owns: [
    { group: '', kind: 'Pod' },
    { group: 'apps', kind: 'ControllerRevision' },
  ],
  watches: [
    { kind: { group: '', kind: 'Pod' }, handler: orphanPodHandler(DAEMON_SET_KIND) },
    { kind: { group: 'apps', kind: 'ControllerRevision' }, handler: orphanPodHandler(DAEMON_SET_KIND) },
    { kind: { group: '', kind: 'Node' }, handler: nodeHandler },
  ],
  reconcile: syncDaemonSet,
};
