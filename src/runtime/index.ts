/**
 * runtime/ — what runs controllers against an API: the clocks, the
 * controller manager, fault injection and the simulated world outside the
 * API. It may import model, log, store, api and controllers; never http, cli
 * or ui.
 */
export * from './virtual-clock.js';
export * from './wall-clock.js';
export * from './sim-scheduler.js';
export * from './controller-manager.js';
export * from './indexes.js';
export * from './cluster.js';
export * from './cluster-addons.js';
export * from './world/index.js';
export * from './scenario/scenario.js';
export * from './scenario/duration.js';
export * from './scenario/parse-scenario.js';
export * from './scenario/run-scenario.js';
export { cordonNode, drainNode } from './scenario/drain-node.js';
export type { DrainOptions, DrainResult, DrainScheduler } from './scenario/drain-node.js';
export * from './load-controllers.js';
export * from './network/index.js';
export * from './controller-settings.js';
