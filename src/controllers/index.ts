/**
 * controllers/ — the controller contract (a definition whose reconcile
 * returns commands as data), its reusable pieces (predicates, handlers, the
 * work-queue operator), and the built-in controllers, one per file. It
 * imports model, log, store and api; it never runs anything itself — the
 * runtime does — and never knows about the runtime, HTTP or the CLI.
 */
export * from './controller.js';
export * from './handlers.js';
export * from './predicates.js';
export * from './operators/work-queue.js';
export * from './events.js';
export { replicaSetController } from './replica-set/replica-set.js';
export { replicationControllerController } from './replica-set/replication-controller.js';
export { garbageCollector, deletableKinds } from './garbage-collector/garbage-collector.js';
export * from './node-lifecycle/index.js';
export * from './node-agent/index.js';
export { namespaceController } from './namespace/namespace-controller.js';
export { createServiceAccountController, serviceAccountController } from './service-account/service-account-controller.js';
export { createRootCaPublisher, rootCaPublisherController } from './service-account/root-ca-publisher.js';
export { schedulerController } from './scheduler/scheduler.js';
export { deploymentController } from './deployment/deployment.js';
export { jobController } from './job/job-controller.js';
export { ttlAfterFinishedController } from './job/ttl-after-finished.js';
export { cronJobController } from './cronjob/cronjob-controller.js';
export { statefulSetController } from './statefulset/statefulset.js';
export { daemonSetController } from './daemonset/daemonset.js';
export { hpaController, HPA_CONTROLLER, HPA_COMPONENT, HPA_SYNC_PERIOD_MS } from './hpa/hpa-controller.js';
export { planRollback, rolloutHistory, RollbackError } from './deployment/rollback.js';
export type { RollbackPlan, RolloutRevision } from './deployment/rollback.js';
export { deploymentRolloutStatus } from './deployment/rollout-status.js';
export type { RolloutStatus } from './deployment/rollout-status.js';
export { desiredReplicas, maxSurge, maxUnavailable } from './deployment/rolling-update.js';
export { isPodActive, isPodAvailable } from './replica-set/pod-state.js';
export { endpointsController } from './endpoints/endpoints-controller.js';
export { endpointSliceController } from './endpoint-slice/endpoint-slice-controller.js';
export { disruptionController } from './disruption/disruption-controller.js';
export { stalePodDisruptionController } from './disruption/stale-disruption-condition.js';
export { pvcProtectionController } from './persistent-volume/pvc-protection.js';
export { pvProtectionController } from './persistent-volume/pv-protection.js';
export { persistentVolumeClaimBinder } from './persistent-volume/claim-binder.js';
export { persistentVolumeController } from './persistent-volume/volume-controller.js';
export { DEFAULT_STORAGE_CLASS, SIM_PROVISIONER_RBAC, simProvisioner } from './persistent-volume/sim-provisioner.js';
export { resourceQuotaController } from './resource-quota/resource-quota-controller.js';
export { pvcPendingReason } from './persistent-volume/pvc-pending-reason.js';
export type { PvcPendingReason, PvcPendingReasonCode } from './persistent-volume/pvc-pending-reason.js';
export { evictionBlockers } from './disruption/eviction-blockers.js';
export type { EvictionBlocker, EvictionBlockerReason } from './disruption/eviction-blockers.js';
