/** Label selectors: one internal form, parsed from strings or built from structured selectors. */
export * from './selector.js';
export * from './parse-selector.js';
export * from './label-selector.js';
