/** Defaulting: Kubernetes 1.32 scheme defaults per built-in kind, applied to a copy. */
export { applyDefaults } from './apply-defaults.js';
export { defaultPullPolicy } from './pod-defaults.js';
export { generateJobSelector } from './workload-defaults.js';
