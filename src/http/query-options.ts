/**
 * Query parameters of Kubernetes requests, read into the api layer's option
 * shapes. Wrong values are 400 BadRequest before anything is read or written.
 */
import type { ListOptions } from '../api/index.js';
import type { DeleteOptions, PropagationPolicy } from '../model/index.js';
import { badRequest } from '../model/index.js';

/**
 * How a write treats unknown and duplicate fields in its body (see
 * field-validation.ts). Without the parameter kube-apiserver warns; kubectl
 * sends `Strict` unless told `--validate=warn` or `--validate=false`.
 */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

export interface WriteOptions {
  readonly dryRun: boolean;
  readonly fieldManager?: string;
  readonly fieldValidation: FieldValidation;
  readonly force: boolean;
}

const str = (q: URLSearchParams, name: string): string | undefined => q.get(name) ?? undefined;

export function boolParam(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null || v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  throw badRequest(`${name}: invalid value "${v}": must be a boolean`);
}

export function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?[0-9]+$/.test(v)) throw badRequest(`${name}: invalid value "${v}": must be an integer`);
  return Number(v);
}

export function listOptions(q: URLSearchParams): ListOptions {
  const limit = intParam(q, 'limit');
  if (limit !== undefined && limit < 0) throw badRequest(`limit: Invalid value: ${limit}: must be greater than or equal to 0`);
  const opts: Record<string, string | number> = {};
  for (const name of ['labelSelector', 'fieldSelector', 'resourceVersion', 'resourceVersionMatch', 'continue'] as const) {
    const v = str(q, name);
    if (v !== undefined) opts[name] = v;
  }
  if (limit !== undefined) opts['limit'] = limit;
  return opts as ListOptions;
}

function dryRunOf(q: URLSearchParams): boolean {
  const values = q.getAll('dryRun');
  if (values.length === 0) return false;
  for (const v of values) {
    if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  }
  return true;
}

/** Options of create, update, patch and apply; `apply` says whether `force` is allowed. */
export function writeOptions(q: URLSearchParams, apply: boolean): WriteOptions {
  const fieldManager = str(q, 'fieldManager');
  if (fieldManager !== undefined && fieldManager.length > 128) {
    throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
  }
  const fv = str(q, 'fieldValidation') ?? 'Warn';
  if (fv !== 'Ignore' && fv !== 'Warn' && fv !== 'Strict') {
    throw badRequest(`fieldValidation: Unsupported value: "${fv}": supported values: "Ignore", "Strict", "Warn"`);
  }
  const force = boolParam(q, 'force');
  if (force && !apply) throw badRequest('force: Forbidden: may not be specified for non-apply patch');
  return { dryRun: dryRunOf(q), ...(fieldManager === undefined ? {} : { fieldManager }), fieldValidation: fv, force };
}

const POLICIES = new Set(['Orphan', 'Background', 'Foreground']);

/**
 * DeleteOptions from the body (kubectl sends them there) and the query
 * (client libraries often use it); the body wins where both say something.
 */
export function deleteOptions(q: URLSearchParams, body: unknown): DeleteOptions & { dryRun: boolean } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const grace = typeof b['gracePeriodSeconds'] === 'number' ? b['gracePeriodSeconds'] : intParam(q, 'gracePeriodSeconds');
  if (grace !== undefined && (!Number.isInteger(grace) || grace < 0)) throw badRequest(`gracePeriodSeconds: Invalid value: ${grace}: must be a non-negative integer`);
  let policy = typeof b['propagationPolicy'] === 'string' ? b['propagationPolicy'] : str(q, 'propagationPolicy');
  const orphan = typeof b['orphanDependents'] === 'boolean' ? b['orphanDependents'] : q.has('orphanDependents') ? boolParam(q, 'orphanDependents') : undefined;
  if (orphan !== undefined) {
    if (policy !== undefined) throw badRequest('orphanDependents: Invalid value: both orphanDependents and propagationPolicy may not be set');
    policy = orphan ? 'Orphan' : 'Background';
  }
  if (policy !== undefined && !POLICIES.has(policy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Background", "Foreground", "Orphan"`);
  }
  const pre = b['preconditions'];
  const preconditions =
    typeof pre === 'object' && pre !== null
      ? {
          ...(typeof (pre as { uid?: unknown }).uid === 'string' ? { uid: (pre as { uid: string }).uid } : {}),
          ...(typeof (pre as { resourceVersion?: unknown }).resourceVersion === 'string'
            ? { resourceVersion: (pre as { resourceVersion: string }).resourceVersion }
            : {}),
        }
      : undefined;
  const bodyDryRun = Array.isArray(b['dryRun']) ? (b['dryRun'] as unknown[]) : [];
  for (const v of bodyDryRun) if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${String(v)}": supported values: "All"`);
  return {
    ...(grace === undefined ? {} : { gracePeriodSeconds: grace }),
    ...(policy === undefined ? {} : { propagationPolicy: policy as PropagationPolicy }),
    ...(preconditions === undefined ? {} : { preconditions }),
    dryRun: bodyDryRun.length > 0 || dryRunOf(q),
  };
}
