/**
 * The Filter extension point: a plugin says whether a pod may run on a node
 * and, if not, why — in kube-scheduler's words, since the reasons are
 * counted into the FailedScheduling message. `UnschedulableAndUnresolvable`
 * means preemption on that node cannot help.
 */
import type { NodeInfo } from '../node-info.js';
import type { PodFacts } from '../pod-facts.js';

export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterStatus {
  readonly code: FilterCode;
  readonly reasons: readonly string[];
  readonly plugin: string;
}

export interface FilterPlugin {
  readonly name: string;
  /** PreFilter's Skip: true when the filter passes every node for this pod, so the cycle leaves it out. */
  skip?(pod: PodFacts): boolean;
  /** undefined: the node passes. Runs for many nodes per pod, so it allocates only on failure. */
  filter(pod: PodFacts, node: NodeInfo): FilterStatus | undefined;
}

export function rejection(plugin: string, code: FilterCode, ...reasons: string[]): FilterStatus {
  return Object.freeze({ code, reasons: Object.freeze(reasons), plugin });
}
