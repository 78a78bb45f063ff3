/** Validation: field causes worded as Kubernetes words them, per-kind rules, update rules, CR schemas. */
export * as fieldErrors from './field-errors.js';
export { renderValue } from './field-errors.js';
export * from './identifiers.js';
export * from './object-meta.js';
export * from './pod.js';
export * from './workloads.js';
export * from './batch.js';
export * from './cron-schedule.js';
export * from './service.js';
export * from './core-misc.js';
export * from './networking.js';
export * from './crd.js';
export * from './openapi-schema.js';
export * from './validate.js';
export { deepEqual } from './access.js';
