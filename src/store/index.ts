/**
 * store/ — the fold of the log's writes into state at any revision: views,
 * indexes, cursor, diffs, checkpoints and watch streams. It imports model/
 * and log/, and never validates or rejects a write (that is api/'s job);
 * it only refuses a history that is corrupt (gaps, broken prevRev chains).
 */
export * from './types.js';
export { createStore, DEFAULT_SNAPSHOT_INTERVAL, FoldStore, type StoreOptions } from './fold-store.js';
export { openStore } from './open-store.js';
export { checkpointOf, validateCheckpoint } from './checkpoint.js';
export { clusterDocument, objectDiff } from './diff.js';
export { stampVersion, unstampVersion } from './fold-write.js';
