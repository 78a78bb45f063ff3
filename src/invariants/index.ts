/**
 * invariants/ — named predicates over the cluster state at a revision
 * (built-ins and users' own, loaded from a module) and properties of whole
 * histories (always, eventually, stable), evaluated incrementally. One
 * library shared by debug/ (check, bisect) and testing/ (property runs). It
 * imports model, store, controllers and runtime, and never debug, testing,
 * http, cli or ui; it only reads histories, never writes one.
 */
export * from './invariant.js';
export { perObject } from './per-object.js';
export { replicaSetsSatisfied } from './replicasets-satisfied.js';
export { deploymentsAvailable } from './deployments-available.js';
export { DEFAULT_NOT_READY_TOLERATION_SECONDS, noPodsOnNotReadyNodes } from './no-pods-on-notready-nodes.js';
export { rolloutBounds } from './rollout-bounds.js';
export { builtinInvariants, findInvariant, UnknownInvariantError } from './builtin-invariants.js';
export { loadInvariants } from './load-invariants.js';
export { contextAt, InvariantTracker } from './invariant-tracker.js';
export { scanInvariant } from './scan-invariant.js';
export type { FailingRange, ScanOptions, ScanResult } from './scan-invariant.js';
export type { HistoryProperty, PropertyOptions, PropertyResult } from './history-property.js';
export { revAtTime } from './history-property.js';
export { always } from './always.js';
export { eventually } from './eventually.js';
export type { EventuallyOptions } from './eventually.js';
export { stable } from './stable.js';
export type { StableOptions } from './stable.js';
export { ownedActivePods, ownedPodCount, replicaSetPodCounts } from './owned-pod-count.js';
export type { OwnedPodCountOptions } from './owned-pod-count.js';
export { noOrphanedPods } from './no-orphaned-pods.js';
export { noWriteStorm, WRITE_STORM_WINDOW_MS } from './no-write-storm.js';
export type { WriteStormOptions } from './no-write-storm.js';
export { deletesOnlyOwned } from './deletes-only-owned.js';
export type { DeletesOnlyOwnedOptions } from './deletes-only-owned.js';
export { statefulSetOrdinals } from './statefulset-ordinals.js';
export { noExcessCreates } from './no-excess-creates.js';
export type { NoExcessCreatesOptions } from './no-excess-creates.js';
export { noExcessDeletes } from './no-excess-deletes.js';
export type { NoExcessDeletesOptions } from './no-excess-deletes.js';
