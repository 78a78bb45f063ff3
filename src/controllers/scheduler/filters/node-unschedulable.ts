/**
 * NodeUnschedulable (1.32): a cordoned node (`spec.unschedulable`) takes
 * only pods that tolerate the `node.kubernetes.io/unschedulable:NoSchedule`
 * taint.
 */
import type { FilterPlugin } from './filter.js';
import { rejection } from './filter.js';
import { toleratesTaint } from './taint-toleration.js';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;
const REJECTED = rejection('NodeUnschedulable', 'UnschedulableAndUnresolvable', 'node(s) were unschedulable');

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, node) {
    if (!node.unschedulable) return undefined;
    return pod.tolerations.some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT)) ? undefined : REJECTED;
  },
};
