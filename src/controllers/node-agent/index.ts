/**
 * The simulated kubelet (node agent): `nodeAgent(name, world, options)` and
 * its parts, for the controllers' front door to re-export.
 */
export * from './node-agent.js';
export { nodeHeartbeat, NODE_STATUS_REPORT_MS } from './node-heartbeat.js';
export { podWorker } from './pod-worker.js';
export { BEHAVIOUR_ANNOTATIONS, annotationBehaviour, behaviourOf } from './behaviour.js';
export { KUBELET_VERSION, defaultPodCIDR } from './node-object.js';
export { LEASE_DURATION_SECONDS, LEASE_RENEW_INTERVAL_MS, NODE_LEASE_NAMESPACE } from './node-lease.js';
export { INITIAL_BACKOFF_MS, MAX_BACKOFF_MS, BACKOFF_RESET_MS } from './crash-backoff.js';
