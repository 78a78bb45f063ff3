/** Admission: pure functions the API applies to objects on create, after defaulting and before validation. */
export * from './default-toleration-seconds.js';
export * from './service-account.js';
export * from './priority.js';
export * from './admission-plugin.js';
export * from './default-storage-class.js';
export * from './limit-ranger.js';
export * from './resource-quota.js';
export * from './resource-quota-check.js';
export * from './resource-quota-usage.js';
export * from './resource-quota-evaluators.js';
export * from './resource-quota-list.js';
export * from './default-plugins.js';
export * from './storage-object-in-use-protection.js';
