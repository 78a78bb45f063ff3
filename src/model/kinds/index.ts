/** Kinds: what each served kind is called, its scope, verbs and subresources, and how names resolve. */
export * from './kind-info.js';
export * from './builtin-kinds.js';
export * from './kind-registry.js';
