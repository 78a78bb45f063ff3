/**
 * NodeName (1.32): a pod naming a node in `spec.nodeName` fits only there.
 * The scheduler only sees pods with an empty `spec.nodeName`, so for it this
 * filter always passes; it is kept so the plugin order matches kube-scheduler.
 */
import type { FilterPlugin } from './filter.js';
import { rejection } from './filter.js';

const REJECTED = rejection('NodeName', 'UnschedulableAndUnresolvable', "node(s) didn't match the requested node name");

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  skip: (pod) => (pod.pod.spec?.nodeName ?? '') === '',
  filter(pod, node) {
    const wanted = pod.pod.spec?.nodeName;
    return wanted === undefined || wanted === '' || wanted === node.name ? undefined : REJECTED;
  },
};
