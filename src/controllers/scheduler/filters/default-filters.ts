/**
 * The default profile's filters in kube-scheduler 1.32's order
 * (pkg/scheduler/apis/config/v1/default_plugins.go). A node's status is the
 * first plugin that rejects it. Not modelled: NodePorts, VolumeRestrictions,
 * NodeVolumeLimits, VolumeZone, PodTopologySpread and InterPodAffinity.
 */
import type { FilterPlugin } from './filter.js';
import { nodeAffinity } from './node-affinity.js';
import { nodeName } from './node-name.js';
import { nodeResourcesFit } from './node-resources-fit.js';
import { nodeUnschedulable } from './node-unschedulable.js';
import { taintToleration } from './taint-toleration.js';
import { volumeBinding } from './volume-binding.js';

export const DEFAULT_FILTERS: readonly FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodeResourcesFit, volumeBinding];
