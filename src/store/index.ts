/**
 * store/ — the fold of the log's writes into state at any revision: views,
 * indexes, cursor, diffs, checkpoints and watch streams. It imports model/
 * and log/, and never validates or rejects a write (that is api/'s job).
 */
export * from './types.js';
