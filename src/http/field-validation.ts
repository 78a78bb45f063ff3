/**
 * Server-side field validation (`fieldValidation=Strict|Warn|Ignore`), as
 * kube-apiserver's handlers do it while decoding a write's body:
 *
 * - create and update: unknown and duplicate fields of the body, in
 *   document order for JSON (YAML: go-yaml's duplicate-key lines first,
 *   then unknown fields in key order). Strict answers 400
 *   `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz"`.
 * - JSON merge and strategic merge patch: duplicate fields of the patch,
 *   then unknown fields of the patched object; JSON Patch: unknown and
 *   duplicate keys of its operations (`json patch unknown field "[0].foo"`),
 *   then unknown fields of the result. Strict answers 400 `strict decoding error: …`.
 * - server-side apply: duplicate keys (Strict: 400 `error strict decoding YAML: …`);
 *   an unknown field is always refused, whatever the directive, with
 *   structured-merge-diff's 500 `failed to create typed patch object (…): .spec.replicaz: field not declared in schema`.
 *
 * Warn lets the write through with one `Warning: 299 - "…"` header per
 * problem; Ignore lets it through silently. Either way unknown fields are
 * dropped before the api sees the body, since Kubernetes decodes into typed
 * structs (or prunes custom resources) and never stores them.
 */
import type { ServerResponse } from 'node:http';
import type { FieldSchema, ResolvedTarget, Target } from '../api/index.js';
import {
  applyFieldErrors,
  applyPatchOfType,
  decoderPath,
  dropUnknownFields,
  joinApplyErrors,
  schemaAt,
  targetSchema,
  toScale,
  unknownFieldPaths,
} from '../api/index.js';
import type { KubeObject, PatchType, Status } from '../model/index.js';
import { badRequest, splitApiVersion, StatusError } from '../model/index.js';
import { decodeBody, mediaTypeOf } from './body-reader.js';
import { jsonKeyOccurrences, yamlDuplicateKeys } from './duplicate-fields.js';
import type { FieldValidation } from './query-options.js';
import { patchTargetSchema, smpSchema } from './patch-field-schema.js';

/** A body ready for the api, and the warnings to send with the answer. */
export interface CheckedBody {
  readonly body: unknown;
  readonly warnings: readonly string[];
}

const YAML_TYPES = new Set(['application/yaml', 'application/apply-patch+yaml']);

interface Decoded {
  readonly value: unknown;
  /** JSON: key occurrences in document order; YAML: go-yaml's duplicate-key lines. */
  readonly keys?: ReturnType<typeof jsonKeyOccurrences>;
  readonly yamlDuplicates?: readonly string[];
}

function decode(raw: Buffer, contentType: string | undefined, mode: FieldValidation): Decoded {
  const value = decodeBody(raw, contentType, { uniqueKeys: false });
  if (mode === 'Ignore') return { value };
  const text = raw.toString('utf8');
  if (YAML_TYPES.has(mediaTypeOf(contentType))) return { value, yamlDuplicates: yamlDuplicateKeys(text) };
  return { value, keys: jsonKeyOccurrences(text) };
}

/** POST and PUT bodies (objects, their status, scale, binding, eviction). */
export function checkObjectBody(mode: FieldValidation, t: ResolvedTarget, raw: Buffer, contentType: string | undefined): CheckedBody {
  const d = decode(raw, contentType, mode);
  const schema = targetSchema(t, d.value);
  if (schema === undefined) return { body: d.value, warnings: [] };
  if (mode === 'Ignore') return { body: dropUnknownFields(schema, d.value), warnings: [] };
  const problems: string[] = [];
  let yamlError: string | undefined;
  if (d.yamlDuplicates !== undefined) {
    if (d.yamlDuplicates.length > 0) yamlError = goYamlErrors(d.yamlDuplicates);
    problems.push(...d.yamlDuplicates, ...unknownFieldPaths(schema, d.value).map(unknownField));
  } else if (t.info.custom || d.keys === undefined || d.keys.length === 0) {
    // Unstructured first, pruned after (or a body too deeply nested to scan for keys).
    problems.push(...typedDecodeProblems(schema, d.keys ?? [], true), ...unknownFieldPaths(schema, d.value).map(unknownField));
  } else {
    problems.push(...typedDecodeProblems(schema, d.keys, false));
  }
  if (problems.length === 0) return { body: d.value, warnings: [] };
  if (mode === 'Strict') {
    const listed = yamlError === undefined ? problems : [yamlError, ...problems.slice(d.yamlDuplicates?.length ?? 0)];
    throw badRequest(`${cannotBeHandled(t, d.value)}: strict decoding error: ${listed.join(', ')}`);
  }
  return { body: dropUnknownFields(schema, d.value), warnings: problems };
}

/**
 * A typed JSON decode's complaints in document order: an unknown field
 * once (nothing below it), a repeated known field as a duplicate. Custom
 * resources decode into unstructured maps first: every repeated key is a
 * duplicate there, and unknown fields come from pruning afterwards.
 */
function typedDecodeProblems(schema: FieldSchema, keys: ReturnType<typeof jsonKeyOccurrences>, unstructured: boolean): string[] {
  const out: string[] = [];
  const reported = new Set<string>();
  for (const k of keys) {
    const path = decoderPath(k.path);
    if (unstructured) {
      if (k.duplicate) out.push(duplicateField(path));
      continue;
    }
    const at = schemaAt(schema, k.path);
    if ('unknownAt' in at) {
      if (at.unknownAt === k.path.length - 1 && !reported.has(path)) out.push(unknownField(path));
      reported.add(path);
    } else if (k.duplicate) out.push(duplicateField(path));
  }
  return out;
}

/** PATCH bodies of the three non-apply patch types. */
export function checkPatchBody(
  mode: FieldValidation,
  t: ResolvedTarget,
  current: KubeObject | undefined,
  patchType: PatchType,
  raw: Buffer,
  contentType: string | undefined,
): CheckedBody {
  const d = decode(raw, contentType, mode);
  const schema = targetSchema(t, current);
  if (schema === undefined) return { body: d.value, warnings: [] };
  const patch = dropPatchUnknowns(schema, patchType, d.value);
  if (mode === 'Ignore') return { body: patch, warnings: [] };
  const problems = patchType === 'json' ? jsonPatchOpProblems(d.keys ?? []) : (d.keys ?? []).filter((k) => k.duplicate).map((k) => duplicateField(decoderPath(k.path)));
  // A patch with nothing to drop brings no unknown field in: the patched object need not be computed.
  if (patch !== d.value) problems.push(...patchedUnknowns(t, schema, current, patchType, d.value).map(unknownField));
  if (problems.length === 0) return { body: d.value, warnings: [] };
  if (mode === 'Strict') throw badRequest(`strict decoding error: ${problems.join(', ')}`);
  return { body: patch, warnings: problems };
}

const JSON_PATCH_KEYS = new Set(['op', 'path', 'value', 'from']);

function jsonPatchOpProblems(keys: ReturnType<typeof jsonKeyOccurrences>): string[] {
  const out: string[] = [];
  for (const k of keys) {
    if (k.path.length !== 2) continue;
    const path = decoderPath(k.path);
    if (k.duplicate) out.push(`json patch duplicate field ${JSON.stringify(path)}`);
    else if (!JSON_PATCH_KEYS.has(String(k.path[1]))) out.push(`json patch unknown field ${JSON.stringify(path)}`);
  }
  return out;
}

/** Unknown fields the patch brings into the object (not those the stored object already had); none if the patch does not apply. */
function patchedUnknowns(t: ResolvedTarget, schema: FieldSchema, current: KubeObject | undefined, patchType: PatchType, patch: unknown): string[] {
  if (current === undefined) return [];
  const base = t.subresource === 'scale' ? toScale(current) : current;
  let result: KubeObject;
  try {
    result = applyPatchOfType(t, base, patchType, patch);
  } catch {
    return []; // the api answers for a patch that does not apply
  }
  const before = new Set(unknownFieldPaths(schema, base));
  return unknownFieldPaths(schema, result).filter((p) => !before.has(p));
}

function dropPatchUnknowns(schema: FieldSchema, patchType: PatchType, patch: unknown): unknown {
  switch (patchType) {
    case 'merge':
      return dropUnknownFields(schema, patch);
    case 'strategic':
      return dropUnknownFields(smpSchema(schema), patch);
    case 'json': {
      if (!Array.isArray(patch)) return patch;
      const ops = patch.flatMap((op: unknown) => jsonPatchOp(schema, op));
      return ops.length === patch.length && ops.every((op, i) => op === patch[i]) ? patch : ops;
    }
  }
}

/** A JSON Patch operation without unknown fields: gone if it writes at an unknown path, its value dropped of them otherwise. */
function jsonPatchOp(schema: FieldSchema, op: unknown): unknown[] {
  if (typeof op !== 'object' || op === null) return [op];
  const o = op as { op?: unknown; path?: unknown; value?: unknown };
  if (typeof o.path !== 'string' || !['add', 'replace', 'move', 'copy'].includes(String(o.op))) return [op];
  const at = patchTargetSchema(schema, o.path);
  if (at === undefined) return [];
  if (!('value' in o)) return [op];
  return [{ ...o, value: dropUnknownFields(at, o.value) }];
}

/** Server-side apply configurations. */
export function checkApplyBody(mode: FieldValidation, t: ResolvedTarget, raw: Buffer, contentType: string | undefined): CheckedBody {
  const d = decode(raw, contentType, mode);
  const duplicates = d.yamlDuplicates ?? [];
  if (mode === 'Strict' && duplicates.length > 0) {
    throw badRequest(`error strict decoding YAML: error converting YAML to JSON: ${goYamlErrors(duplicates)}`);
  }
  const schema = targetSchema(t, d.value);
  const applied = d.value as KubeObject;
  if (schema !== undefined && typeof applied === 'object' && applied !== null && !Array.isArray(applied)) {
    const apiVersion = typeof applied.apiVersion === 'string' ? applied.apiVersion : '';
    const kind = typeof applied.kind === 'string' ? applied.kind : t.info.kind;
    const errors = applyFieldErrors(schema, applied as unknown as Record<string, unknown>, apiVersion, kind);
    if (errors.length > 0) throw typedPatchError(applied, apiVersion, kind, joinApplyErrors(errors));
  }
  return { body: d.value, warnings: mode === 'Warn' ? duplicates : [] };
}

/**
 * structured-merge-diff's refusal, which kube-apiserver passes on as a
 * plain error: a 500 Status without a reason (kubectl prints
 * `Error from server: failed to create typed patch object …`).
 */
function typedPatchError(applied: KubeObject, apiVersion: string, kind: string, errors: string): StatusError {
  const { group, version } = splitApiVersion(apiVersion);
  const meta = (applied.metadata ?? {}) as { namespace?: string; name?: string };
  const message = `failed to create typed patch object (${meta.namespace ?? ''}/${meta.name ?? ''}; ${group}/${version}, Kind=${kind}): ${errors}`;
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } as unknown as Status;
  return new StatusError(status);
}

/** `Deployment in version "v1" cannot be handled as a Deployment`: the body's kind and version, then the kind served. */
function cannotBeHandled(t: ResolvedTarget, body: unknown): string {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { apiVersion?: unknown; kind?: unknown };
  const served = t.subresource === 'scale' ? 'Scale' : t.subresource !== undefined && t.subresource !== 'status' && typeof b.kind === 'string' ? b.kind : t.info.kind;
  const kind = typeof b.kind === 'string' && b.kind !== '' ? b.kind : served;
  const version = typeof b.apiVersion === 'string' ? splitApiVersion(b.apiVersion).version : t.info.version;
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${served}`;
}

const unknownField = (path: string): string => `unknown field ${JSON.stringify(path)}`;
const duplicateField = (path: string): string => `duplicate field ${JSON.stringify(path)}`;
const goYamlErrors = (lines: readonly string[]): string => ['yaml: unmarshal errors:', ...lines.map((l) => `  ${l}`)].join('\n');

/**
 * One `Warning` header per distinct problem, as kube-apiserver's warning
 * recorder writes them (`299 - "text"`). Set before the api call, so an
 * answer that then fails (422, 409) still carries them, as Kubernetes' do.
 */
export function setWarnings(res: ServerResponse, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  // Field names reach the texts JSON-quoted, so no control character does.
  const values = [...new Set(warnings)].map((w) => `299 - "${w.replace(/["\\]/g, (c) => `\\${c}`)}"`);
  res.setHeader('Warning', values);
}

/** The object a PATCH addresses, or undefined when it is absent (the api answers 404). */
export function currentOf(get: (t: Target) => KubeObject, target: Target): KubeObject | undefined {
  const { subresource: _sub, ...object } = target;
  try {
    return get(object);
  } catch {
    return undefined;
  }
}
