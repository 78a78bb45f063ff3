/**
 * What the scheduler knows about a node: its parsed scheduling properties
 * (allocatable, labels, taints, `spec.unschedulable`) and the usage of the
 * pods bound to it (kube-scheduler's NodeInfo: Requested, NonZeroRequested
 * and the pod count). Usage objects are shared and updated in place by the
 * cluster cache; a node's properties are re-parsed only when it changes.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import type { Resources } from './resources.js';
import { addList, amount, emptyResources, podRequests } from './resources.js';

export interface NodeUsage {
  readonly requested: Resources;
  nonZeroCpu: number;
  nonZeroMemory: number;
  pods: number;
}

export interface NodeInfo {
  readonly name: string;
  readonly node: Node;
  readonly labels: Readonly<Record<string, string>>;
  readonly unschedulable: boolean;
  readonly taints: readonly Taint[];
  /** Some taint has effect PreferNoSchedule (only those affect TaintToleration's score). */
  readonly preferNoSchedule: boolean;
  readonly allocatable: Resources;
  /** Allocatable `pods`. */
  readonly allowedPods: number;
  readonly usage: NodeUsage;
}

/** What one bound, non-terminated pod adds to its node. */
export interface PodUsage {
  readonly node: string;
  readonly requests: Resources;
  readonly nonZeroCpu: number;
  readonly nonZeroMemory: number;
}

export const emptyUsage = (): NodeUsage => ({ requested: emptyResources(), nonZeroCpu: 0, nonZeroMemory: 0, pods: 0 });

export function nodeInfoOf(node: Node, usage: NodeUsage): NodeInfo {
  const allocatable = emptyResources();
  const list = node.status?.allocatable as Record<string, unknown> | undefined;
  addList(allocatable, list);
  return {
    name: node.metadata?.name ?? '',
    node,
    labels: node.metadata?.labels ?? {},
    unschedulable: node.spec?.unschedulable === true,
    taints: node.spec?.taints ?? [],
    preferNoSchedule: (node.spec?.taints ?? []).some((t) => t.effect === 'PreferNoSchedule'),
    allocatable,
    allowedPods: amount('pods', list?.['pods']),
    usage,
  };
}

/**
 * The usage a pod adds to its node, or undefined when it adds none: not
 * bound, or finished (kube-scheduler's informer skips Succeeded and Failed
 * pods; a pod being deleted still holds its resources until it is gone).
 */
export function podUsageOf(pod: Pod | undefined): PodUsage | undefined {
  const node = pod?.spec?.nodeName;
  if (pod === undefined || node === undefined || node === '') return undefined;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const nonZero = podRequests(pod, true);
  return { node, requests: podRequests(pod), nonZeroCpu: nonZero.cpu, nonZeroMemory: nonZero.memory };
}

/** Adds (sign 1) or removes (sign -1) a pod's usage. */
export function applyUsage(u: NodeUsage, p: PodUsage, sign: 1 | -1): void {
  const r = u.requested;
  r.cpu += sign * p.requests.cpu;
  r.memory += sign * p.requests.memory;
  r.ephemeralStorage += sign * p.requests.ephemeralStorage;
  if (p.requests.scalar !== undefined) {
    r.scalar ??= new Map();
    for (const [k, v] of p.requests.scalar) r.scalar.set(k, (r.scalar.get(k) ?? 0) + sign * v);
  }
  u.nonZeroCpu += sign * p.nonZeroCpu;
  u.nonZeroMemory += sign * p.nonZeroMemory;
  u.pods += sign;
}

/** True when a pod's departure may make room: it held some resource (or a pod slot, always). */
export function freesResources(before: PodUsage | undefined, after: PodUsage | undefined): boolean {
  if (before === undefined) return false;
  if (after === undefined || after.node !== before.node) return true;
  const a = after.requests;
  const b = before.requests;
  return a.cpu < b.cpu || a.memory < b.memory || a.ephemeralStorage < b.ephemeralStorage;
}

const conditionStatuses = (n: Node): string =>
  (n.status?.conditions ?? [])
    .map((c) => `${c.type}=${c.status}`)
    .sort()
    .join(',');

/**
 * kube-scheduler's `nodeSchedulingPropertiesChange` (1.32): an update that
 * can make an unschedulable pod schedulable changes `spec.unschedulable`,
 * allocatable, labels, taints, condition statuses (not heartbeat times) or
 * annotations.
 */
export function schedulingPropertiesChanged(before: Node, after: Node): boolean {
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (
    (before.spec?.unschedulable === true) !== (after.spec?.unschedulable === true) ||
    !same(before.status?.allocatable, after.status?.allocatable) ||
    !same(before.metadata?.labels, after.metadata?.labels) ||
    !same(before.spec?.taints, after.spec?.taints) ||
    !same(before.metadata?.annotations, after.metadata?.annotations) ||
    conditionStatuses(before) !== conditionStatuses(after)
  );
}
