/**
 * debug/ — the time-travel debugger's operations over any history: why
 * (provenance), and next cursor moves, bisect, fork and replay. It imports
 * the layers below it (model, log, store, api, controllers, runtime,
 * invariants) and never http, cli or ui: those present what it computes.
 */
export * from './why.js';
export * from './why-field.js';
export * from './render-why.js';
export * from './replay-reconciles.js';
export * from './check.js';
export * from './bisect.js';
export * from './blame.js';
export * from './replay-controllers.js';
export * from './describe-command.js';
export * from './fork.js';
export * from './fork-inputs.js';
export * from './fork-world.js';
export * from './run-branch.js';
export { defaultStart, RESIMULATE_ACTOR, RESIMULATION, resimulate } from './resimulate/resimulate.js';
export type { ObjectComparison, ObjectVerdict, ResimulateOptions, ResimulationInputs, ResimulationReport } from './resimulate/resimulate.js';
export type { FieldComparison, TimedValue } from './resimulate/compare-trajectories.js';
export type { DerivedFault, EnvironmentNode } from './resimulate/environment.js';
export { writeRole } from './resimulate/write-role.js';
export type { WriteRole } from './resimulate/write-role.js';
export * from './compare-branches.js';
export * from './whynot.js';
export * from './whynot-evidence.js';
export * from './redact-secrets.js';
export * from './export-history.js';
export * from './write-filter.js';
export * from './debug-cursor.js';
export * from './bookmarks.js';
export * from './import/index.js';
export * from './record/index.js';
