/** Admission: pure functions the API applies to objects on create, after defaulting and before validation. */
export * from './default-toleration-seconds.js';
export * from './service-account.js';
export * from './priority.js';
export * from './admission-plugin.js';
