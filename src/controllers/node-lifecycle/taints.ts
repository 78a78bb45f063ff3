/**
 * The taints the node lifecycle controller owns, and how they follow node
 * conditions (Kubernetes 1.32, pkg/controller/nodelifecycle):
 *
 * - NoExecute `node.kubernetes.io/not-ready` while Ready is False and
 *   `node.kubernetes.io/unreachable` while it is Unknown; the two are
 *   mutually exclusive and swapped as the condition changes (taint-based
 *   eviction then removes the pods, see taint-eviction-controller.ts).
 * - NoSchedule taints by condition (TaintNodesByCondition): not-ready /
 *   unreachable for Ready False / Unknown, memory-pressure, disk-pressure,
 *   pid-pressure and network-unavailable for those conditions True, and
 *   unschedulable for `spec.unschedulable`.
 *
 * Taints match by key and effect (`Taint.MatchTaint`); every taint the
 * controller adds carries `timeAdded` (SwapNodeControllerTaint stamps it).
 */
import type { Node, Taint } from 'kubernetes-types/core/v1.js';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** A taint to look for: key and effect. */
export interface TaintTemplate {
  readonly key: string;
  readonly effect: TaintEffect;
}

export const NOT_READY_NO_EXECUTE: TaintTemplate = { key: TAINT_NOT_READY, effect: 'NoExecute' };
export const UNREACHABLE_NO_EXECUTE: TaintTemplate = { key: TAINT_UNREACHABLE, effect: 'NoExecute' };

/** `nodeConditionToTaintKeyStatusMap`: condition type → status → NoSchedule taint key. */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};

/** Keys whose NoSchedule taints the controller owns (`taintKeyToNodeConditionMap` plus unschedulable). */
const CONDITION_TAINT_KEYS = new Set([
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  TAINT_MEMORY_PRESSURE,
  TAINT_DISK_PRESSURE,
  TAINT_PID_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_UNSCHEDULABLE,
]);

export function taintMatches(t: Taint, template: TaintTemplate): boolean {
  return t.key === template.key && t.effect === template.effect;
}

export function hasTaint(node: Node, template: TaintTemplate): boolean {
  return (node.spec?.taints ?? []).some((t) => taintMatches(t, template));
}

/** The NoSchedule taints the node's conditions and `spec.unschedulable` call for, in condition order. */
export function wantedNoScheduleTaints(node: Node): TaintTemplate[] {
  const out: TaintTemplate[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key !== undefined) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable === true) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

/** The NoSchedule taints the controller owns that the node carries now. */
export function ownedNoScheduleTaints(taints: readonly Taint[]): Taint[] {
  return taints.filter((t) => t.effect === 'NoSchedule' && CONDITION_TAINT_KEYS.has(t.key));
}

/**
 * `SwapNodeControllerTaint`: appends each of `add` not already present
 * (stamped `timeAdded`; a present one keeps its time, so an eviction clock
 * is never restarted) and removes `remove`; returns the new list, or
 * undefined if nothing changes.
 */
export function swapTaints(taints: readonly Taint[], add: readonly TaintTemplate[], remove: readonly TaintTemplate[], timeAdded: string): Taint[] | undefined {
  let out = [...taints];
  let changed = false;
  for (const a of add) {
    if (out.some((t) => taintMatches(t, a))) continue;
    out.push({ key: a.key, effect: a.effect, timeAdded });
    changed = true;
  }
  const before = out.length;
  out = out.filter((t) => !remove.some((r) => taintMatches(t, r)));
  if (out.length !== before) changed = true;
  return changed ? out : undefined;
}
