/**
 * Node lifecycle: the node lifecycle controller (heartbeats, conditions,
 * taints), taint-based eviction and pod garbage collection, as
 * kube-controller-manager 1.32 runs them.
 */
export * from './config.js';
export { nodeLifecycleController } from './node-lifecycle-controller.js';
export { taintEvictionController } from './taint-eviction-controller.js';
export { podGCController } from './pod-gc-controller.js';
export * from './taints.js';
export { matchingTolerations, minTolerationSeconds, toleratesTaint } from './tolerations.js';
