/**
 * Node health from heartbeats, as `tryUpdateNodeHealth` judges it
 * (Kubernetes 1.32, pkg/controller/nodelifecycle):
 *
 * - the last heartbeat is the newer of the node's Lease `spec.renewTime`
 *   (in `kube-node-lease`) and its Ready condition's `lastHeartbeatTime`
 *   (the node's creation when it never posted a Ready condition);
 * - the grace period is `--node-monitor-grace-period` (50 s), or
 *   `--node-startup-grace-period` (60 s) for a node without a Ready
 *   condition;
 * - the check runs on every monitor pass (every 5 s); the first pass
 *   strictly after heartbeat + grace sets Ready, MemoryPressure,
 *   DiskPressure and PIDPressure to Unknown (reason `NodeStatusUnknown`,
 *   message `Kubelet stopped posting node status.`), adding missing ones as
 *   Unknown with `NodeStatusNeverUpdated` / `Kubelet never posted node
 *   status.`; NetworkUnavailable is left alone.
 *
 * Level-triggered difference: Kubernetes measures silence from the moment
 * its informer saw the heartbeat change (so a restarted controller grants a
 * fresh grace period); here it is measured from the timestamps themselves,
 * which the simulated kubelets write on the same clock.
 */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node, NodeCondition } from 'kubernetes-types/core/v1.js';
import { TerminalError } from '../controller.js';
import type { ReconcileContext } from '../controller.js';
import type { NodeLifecycleConfig } from './config.js';
import { isMalformedTime, nextTick, parseTime, stamp } from './time.js';

/** Conditions the monitor pass turns Unknown (NetworkUnavailable is the control plane's). */
const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

export const REASON_STATUS_UNKNOWN = 'NodeStatusUnknown';
export const MESSAGE_STATUS_UNKNOWN = 'Kubelet stopped posting node status.';
export const REASON_NEVER_UPDATED = 'NodeStatusNeverUpdated';
export const MESSAGE_NEVER_UPDATED = 'Kubelet never posted node status.';

export function conditionOf(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

export interface Health {
  /** Run-clock ms of the newest heartbeat. */
  readonly lastHeartbeat: number;
  readonly graceMs: number;
  /** The monitor pass that will find the node silent (the first tick strictly after heartbeat + grace). */
  readonly staleAt: number;
}

/** The node's heartbeat and when it goes stale; a malformed timestamp is a TerminalError (it can never be judged). */
export function nodeHealth(node: Node, lease: Lease | undefined, ctx: ReconcileContext, cfg: NodeLifecycleConfig): Health {
  const ready = conditionOf(node, 'Ready');
  const name = node.metadata?.name ?? '';
  for (const [what, value] of [
    ['Ready lastHeartbeatTime', ready?.lastHeartbeatTime],
    ['Lease renewTime', lease?.spec?.renewTime],
  ] as const) {
    if (isMalformedTime(value)) throw new TerminalError(`node ${name}: ${what} ${JSON.stringify(value)} is not an RFC 3339 time`);
  }
  const created = parseTime(ctx, node.metadata?.creationTimestamp) ?? 0;
  const posted = ready === undefined ? created : (parseTime(ctx, ready.lastHeartbeatTime) ?? created);
  const renewed = parseTime(ctx, lease?.spec?.renewTime);
  const lastHeartbeat = renewed === undefined ? posted : Math.max(posted, renewed);
  const graceMs = ready === undefined ? cfg.nodeStartupGracePeriodMs : cfg.nodeMonitorGracePeriodMs;
  return { lastHeartbeat, graceMs, staleAt: nextTick(lastHeartbeat + graceMs, cfg.nodeMonitorPeriodMs) };
}

/**
 * The node's conditions once the controller has found it silent, or
 * undefined when the Ready condition is already Unknown (Kubernetes writes
 * the status only when Ready changes).
 */
export function unknownConditions(node: Node, ctx: ReconcileContext): NodeCondition[] | undefined {
  const ready = conditionOf(node, 'Ready');
  if (ready !== undefined && ready.status === 'Unknown') return undefined;
  const now = stamp(ctx);
  const conditions = [...(node.status?.conditions ?? [])].map((c) =>
    (MONITORED_CONDITIONS as readonly string[]).includes(c.type) && c.status !== 'Unknown'
      ? { ...c, status: 'Unknown', reason: REASON_STATUS_UNKNOWN, message: MESSAGE_STATUS_UNKNOWN, lastTransitionTime: now }
      : c,
  );
  for (const type of MONITORED_CONDITIONS) {
    if (conditions.some((c) => c.type === type)) continue;
    conditions.push({
      type,
      status: 'Unknown',
      reason: REASON_NEVER_UPDATED,
      message: MESSAGE_NEVER_UPDATED,
      ...(node.metadata?.creationTimestamp === undefined ? {} : { lastHeartbeatTime: node.metadata.creationTimestamp }),
      lastTransitionTime: now,
    });
  }
  return conditions;
}
