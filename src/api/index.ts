/**
 * api/ — Kubernetes request semantics over the log and store: verbs,
 * conflicts, defaulting, admission, validation, patches, server-side apply,
 * custom resources and discovery. It imports model, log and store; it never
 * knows about controllers or HTTP, and it is the only writer of the log.
 */
export * from './api.js';
export type { ApiDeps } from './deps.js';
export type { FieldTracker } from './field-tracker.js';
export type { Scheme } from './scheme.js';
export type { KindLookup, ResolvedKind, ResolvedTarget, Target } from './target.js';
export { KindResolver } from './target.js';
export type { DeleteOutcome } from './verbs/delete.js';
export type { ListOptions, ObjectList } from './verbs/list.js';
export type { WatchRequest } from './verbs/watch.js';
export { INITIAL_EVENTS_END } from './verbs/watch.js';
export { MAX_OBJECT_BYTES } from './write-path.js';
export { rfc3339 } from './timestamps.js';
export * from './table/index.js';
export { customKinds, kindsOfCrd } from './crd-kinds.js';
export type { CustomKind } from './crd-kinds.js';
export { SCALE_API_VERSION, toScale } from './scale.js';
export * from './pod-log.js';
export type { AdmissionAttributes, AdmissionOperation, AdmissionPlugin } from './admission/admission-plugin.js';
export type { AuthorizationRequest, Authorizer, RequestVerb } from './authorization/authorizer.js';
export { allowAll } from './authorization/authorizer.js';
export type { SubresourceCreate } from './subresource-creates.js';
export * from './admission/default-storage-class.js';
export * from './admission/limit-ranger.js';
export * from './admission/resource-quota.js';
export * from './admission/resource-quota-check.js';
export * from './admission/resource-quota-usage.js';
export * from './admission/resource-quota-evaluators.js';
export * from './admission/resource-quota-list.js';
export * from './admission/default-plugins.js';
export * from './service-allocation/service-address-allocation.js';
export * from './authorization/rbac.js';
export * from './service-allocation/kubernetes-service.js';
export * from './field-validation/index.js';
export * from './token-signer.js';
