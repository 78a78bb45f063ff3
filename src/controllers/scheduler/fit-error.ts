/**
 * The FailedScheduling message, worded as kube-scheduler 1.32's `FitError`
 * plus DefaultPreemption's PostFilter:
 *
 *   0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are
 *   available: 3 No preemption victims found for incoming pod.
 *
 * Each node contributes the reasons of the first filter that rejected it;
 * "N reason" strings are sorted as strings (so "10 …" sorts before "3 …"),
 * joined with ", ". Nodes never filtered (outside a PreFilter's node set)
 * carry the absent-node status. Preemption's part counts every node whose
 * status is UnschedulableAndUnresolvable as "Preemption is not helpful for
 * scheduling" and the others as having no victims (chronokube does not
 * evict: it models clusters where the pending pod outranks nobody).
 */
import type { FilterStatus } from './filters/filter.js';

export interface Diagnosis {
  readonly numAllNodes: number;
  /** One status per filtered node that was rejected. */
  readonly statuses: readonly FilterStatus[];
  /** The status of nodes absent from `statuses` (a PreFilter's exclusion), if any. */
  readonly absent?: FilterStatus;
  /** A PreFilter that rejected the pod outright. */
  readonly preFilterMsg?: string;
}

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';
/** The longest Event note (events.k8s.io NoteLengthLimit); longer messages are cut with " ...". */
export const NOTE_LENGTH_LIMIT = 1024;

function histogram(reasons: ReadonlyMap<string, number>): string {
  return [...reasons]
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${r}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(', ');
}

function fitErrorText(d: Diagnosis): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== undefined && d.preFilterMsg !== '') return `${msg} ${d.preFilterMsg}.`;
  const reasons = new Map<string, number>();
  for (const s of d.statuses) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const absent = d.numAllNodes - d.statuses.length;
  if (absent > 0 && d.absent !== undefined) for (const r of d.absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
  const text = histogram(reasons);
  if (text !== '') msg += ` ${text}.`;
  return msg;
}

function preemptionText(d: Diagnosis, neverPreempts: boolean): string {
  if (neverPreempts) return 'preemption: not eligible due to preemptionPolicy=Never.';
  let victimsMissing = d.statuses.filter((s) => s.code === 'Unschedulable').length;
  if (d.absent?.code === 'Unschedulable') victimsMissing += d.numAllNodes - d.statuses.length;
  const reasons = new Map([
    [NO_VICTIMS, victimsMissing],
    [NOT_HELPFUL, d.numAllNodes - victimsMissing],
  ]);
  return `preemption: 0/${d.numAllNodes} nodes are available: ${histogram(reasons)}.`;
}

/** The PodScheduled condition's message for a pod no node fits. */
export function unschedulableMessage(d: Diagnosis, neverPreempts: boolean): string {
  return `${fitErrorText(d)} ${preemptionText(d, neverPreempts)}`;
}

/** kube-scheduler's `truncateMessage` for the FailedScheduling event. */
export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}
