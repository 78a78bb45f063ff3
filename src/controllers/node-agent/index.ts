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
export { resolveEnvironment, expandVariables, isRelaxedEnvVarName } from './container-environment.js';
export type { EnvResolution, EnvironmentInputs } from './container-environment.js';
export { mountVolume, mountFailedMessage } from './volume-mount.js';
export type { MountResult } from './volume-mount.js';
export { volumeContents, mountContents, containerEnvironment, podSyncTimes, sandboxCreatedAt, SYNC_FREQUENCY_MS } from './volume-contents.js';
export type { HistoryAt } from './volume-contents.js';
export { CONFIG_ERROR_REASON } from './container-start.js';
export { POD_SYNC_BACKOFF_MS, MOUNT_INITIAL_BACKOFF_MS, MOUNT_MAX_BACKOFF_MS } from './config-retry.js';
export { podConfigProblems } from './config-problems.js';
export type { ConfigProblem } from './config-problems.js';
export { serviceEnvironment, serviceEnvVars } from './service-env.js';
