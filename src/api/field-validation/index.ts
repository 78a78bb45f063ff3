/**
 * Which fields an object may carry (built-in structs and CRD schemas), the
 * unknown ones in a request body and dropping them: what kube-apiserver's
 * strict decoding and pruning decide, for the HTTP front's
 * `fieldValidation` (Strict, Warn, Ignore).
 */
export type { FieldSchema } from './field-schema.js';
export { builtInSchema, customResourceSchema, objectMetaSchema } from './field-schema.js';
export type { PathSegment } from './unknown-fields.js';
export { decoderPath, dropUnknownFields, schemaAt, unknownFieldPaths } from './unknown-fields.js';
export { applyFieldErrors, joinApplyErrors } from './apply-field-errors.js';
export { targetSchema } from './target-schema.js';
export { applyPatchOfType } from '../verbs/patch.js';
