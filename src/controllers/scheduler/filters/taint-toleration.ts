/**
 * TaintToleration (1.32): every `NoSchedule` and `NoExecute` taint of the
 * node must be tolerated; the first one that is not is the reason
 * (`node(s) had untolerated taint {KEY: VALUE}`). Not-ready and unreachable
 * nodes are kept off this way: the node lifecycle controller taints them
 * `node.kubernetes.io/not-ready` / `unreachable`.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import type { FilterPlugin, FilterStatus } from './filter.js';
import { rejection } from './filter.js';

/** `Toleration.ToleratesTaint`: empty effect and empty key (with Exists) match anything; an empty operator is Equal. */
export function toleratesTaint(t: Toleration, taint: Pick<Taint, 'key' | 'value' | 'effect'>): boolean {
  if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** The first taint with one of `effects` that no toleration tolerates. */
export function untoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly string[]): Taint | undefined {
  for (const taint of taints) {
    if (!effects.includes(taint.effect)) continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

const FILTERED_EFFECTS = ['NoSchedule', 'NoExecute'];
const byTaint = new Map<string, FilterStatus>();

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, node) {
    if (node.taints.length === 0) return undefined;
    const taint = untoleratedTaint(node.taints, pod.tolerations, FILTERED_EFFECTS);
    if (taint === undefined) return undefined;
    const reason = `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
    let status = byTaint.get(reason);
    if (status === undefined) {
      status = rejection('TaintToleration', 'UnschedulableAndUnresolvable', reason);
      if (byTaint.size < 1000) byTaint.set(reason, status);
    }
    return status;
  },
};
