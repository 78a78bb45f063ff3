/**
 * Importers: histories from what real clusters leave behind — audit logs,
 * saved watch streams, state snapshots — as pure functions from text to
 * records, and an atomic writer for the result.
 */
export { importAudit } from './audit-import.js';
export { auditActor, CONTROLLER_OF_SERVICE_ACCOUNT } from './audit-actor.js';
export { importWatchStream } from './watch-import.js';
export { importSnapshot } from './snapshot-import.js';
export { ImportError } from './import-error.js';
export { writeImportedHistory, type ImportedHistory, type ImportStats } from './imported-history.js';
export { HistoryBuilder, type Head, type Observation } from './history-builder.js';
export { ResourceNames, type ResourceName } from './resource-names.js';
export { inferActor, type InferredActor } from './managed-fields-actor.js';
export { importText, isImportFormat, IMPORT_FORMATS, type ImportFormat } from './import-text.js';
