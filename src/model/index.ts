/**
 * model/ — the shared vocabulary of chronokube: object shapes and keys,
 * history records, commands, watch events, `Status` errors, the clock and id
 * interfaces, kinds, selectors, validation and defaulting.
 * It imports nothing from other layers and does no I/O except manifest
 * loading from files the caller names; it never reads the clock or randomness.
 */
export * from './assert-never.js';
export * from './clock.js';
export * from './command.js';
export * from './history.js';
export * from './key.js';
export * from './object.js';
export * from './status.js';
export * from './watch.js';
export * from './random.js';
export * from './json-pointer.js';
export * from './json-patch-apply.js';
export * from './kinds/index.js';
export * from './labels/index.js';
export * from './fields/index.js';
export * from './quantity.js';
export * from './validation/index.js';
export * from './defaults/index.js';
export * from './manifest.js';
export * from './world.js';
