/**
 * log/ — the append-only history log and its backends (memory, file; etcd
 * later). It imports only model/ and never folds state: revisions, framing,
 * durability, locking and compaction live here, meaning lives in store/.
 */
export * from './log.js';
export * from './memory-log.js';
export { openFileLog, type FileLogOptions } from './file-log.js';
export type { HeaderEncryption } from './encryption-config.js';
export { parseEncryptionConfig, type AesGcmKey, type EncryptionKeys } from './encryption-config.js';
export { SEALED_PREFIX } from './record-cipher.js';
