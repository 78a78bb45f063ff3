/**
 * PodDisruptionBudgets: the disruption controller that keeps each budget's
 * status, and the pure facts the eviction subresource, drains and `whynot`
 * read from it.
 */
export { disruptionController, DISRUPTION_CONTROLLER, syncBudget } from './disruption-controller.js';
export { DELETION_TIMEOUT_MS } from './disrupted-pods.js';
export { pdbsForPod, podsForPdb, pdbSelector } from './pdb-pods.js';
export { expectedPodCount } from './expected-pods.js';
export { DISRUPTION_ALLOWED, SUFFICIENT_PODS, INSUFFICIENT_PODS, SYNC_FAILED } from './pdb-status.js';
export { evictionBlockers } from './eviction-blockers.js';
export type { EvictionBlocker, EvictionBlockerReason, EvictionFacts } from './eviction-blockers.js';
export { stalePodDisruptionController, STALE_POD_DISRUPTION_TIMEOUT_MS } from './stale-disruption-condition.js';
