/**
 * Kubernetes `Status` errors: the only way the API layer reports failure.
 * A closed set of reasons, each with a constructor and a guard. Errors are
 * identified by `reason`, never by `instanceof`, so they survive the history
 * file (attempt records) and replays unchanged.
 *
 * @example
 * throw notFound({ group: 'apps', resource: 'deployments' }, 'web');
 * // ...
 * catch (e) { if (isNotFound(e)) ... }
 */

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'Invalid'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

const CODES: Readonly<Record<StatusReason, number>> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  AlreadyExists: 409,
  Conflict: 409,
  Gone: 410,
  Expired: 410,
  RequestEntityTooLarge: 413,
  UnsupportedMediaType: 415,
  Invalid: 422,
  TooManyRequests: 429,
  InternalError: 500,
  ServiceUnavailable: 503,
  Timeout: 504,
};

/** One field-level cause of an `Invalid` (or other) error. */
export interface StatusCause {
  /** e.g. `FieldValueInvalid`, `FieldValueRequired`, `FieldValueNotSupported`, `FieldValueDuplicate`, `FieldValueForbidden`, `FieldValueTooLong`. */
  readonly reason: string;
  readonly message: string;
  /** The JSON path of the field, Kubernetes style: `spec.containers[0].image`. */
  readonly field?: string;
}

export interface StatusDetails {
  readonly name?: string;
  readonly group?: string;
  readonly kind?: string;
  readonly causes?: readonly StatusCause[];
  readonly retryAfterSeconds?: number;
}

/** The `meta/v1` `Status` object, exactly as the HTTP front sends it. */
export interface Status {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: StatusReason;
  readonly details?: StatusDetails;
  readonly code: number;
}

/** What a Status is about: the resource (plural) and its group, for messages like `deployments.apps "web" not found`. */
export interface StatusTarget {
  readonly group: string;
  readonly resource: string;
}

/**
 * The thrown form of a `Status`. Catch it and read `.status`; test with the
 * guards below, which also accept a bare `Status` (e.g. one read back from an
 * attempt record).
 */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
    this.name = 'StatusError';
  }
}

export function statusOf(reason: StatusReason, message: string, details?: StatusDetails): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details === undefined ? {} : { details }),
    code: CODES[reason],
  };
}

export function codeOf(reason: StatusReason): number {
  return CODES[reason];
}

function err(reason: StatusReason, message: string, details?: StatusDetails): StatusError {
  return new StatusError(statusOf(reason, message, details));
}

/** `deployments.apps` or `pods`: how Kubernetes names a resource in messages. */
export function qualifiedResource(t: StatusTarget): string {
  return t.group === '' ? t.resource : `${t.resource}.${t.group}`;
}

export const notFound = (t: StatusTarget, name: string): StatusError =>
  err('NotFound', `${qualifiedResource(t)} "${name}" not found`, { name, group: t.group, kind: t.resource });

export const alreadyExists = (t: StatusTarget, name: string): StatusError =>
  err('AlreadyExists', `${qualifiedResource(t)} "${name}" already exists`, { name, group: t.group, kind: t.resource });

export const conflict = (t: StatusTarget, name: string, why: string): StatusError =>
  err('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(t)} "${name}": ${why}`, {
    name,
    group: t.group,
    kind: t.resource,
  });

/** The message Kubernetes gives for a stale `resourceVersion` on update. */
export const STALE_OBJECT_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

/**
 * 422 Invalid, with one cause per field. `kind` is the Kind (`Pod`), as
 * Kubernetes writes it in this message: `Pod "x" is invalid: [...]`.
 */
export function invalid(kind: string, group: string, name: string, causes: readonly StatusCause[]): StatusError {
  const parts = causes.map((c) => (c.field === undefined ? c.message : `${c.field}: ${c.message}`));
  const list = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
  return err('Invalid', `${kind} "${name}" is invalid: ${list}`, { name, group, kind, causes });
}

export const badRequest = (message: string): StatusError => err('BadRequest', message);
export const forbidden = (t: StatusTarget, name: string, why: string): StatusError =>
  err('Forbidden', `${qualifiedResource(t)} "${name}" is forbidden: ${why}`, { name, group: t.group, kind: t.resource });
export const methodNotAllowed = (message: string): StatusError => err('MethodNotAllowed', message);
export const unsupportedMediaType = (message: string): StatusError => err('UnsupportedMediaType', message);
export const notAcceptable = (message: string): StatusError => err('NotAcceptable', message);
export const tooLarge = (message: string): StatusError => err('RequestEntityTooLarge', message);
export const internalError = (message: string): StatusError =>
  err('InternalError', `Internal error occurred: ${message}`);
/** 410 for a read or watch from a compacted revision, worded as Kubernetes words it. */
export const expired = (requested: number, oldest: number): StatusError =>
  err('Expired', `too old resource version: ${requested} (${oldest})`);
export const gone = (message: string): StatusError => err('Gone', message);
export const unauthorized = (message = 'Unauthorized'): StatusError => err('Unauthorized', message);
export const tooManyRequests = (message: string): StatusError => err('TooManyRequests', message);
export const timeout = (message: string): StatusError => err('Timeout', message);

/** The Status carried by an error or a bare Status, or undefined for anything else. */
export function asStatus(e: unknown): Status | undefined {
  if (e instanceof StatusError) return e.status;
  if (typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'Status') return e as Status;
  if (typeof e === 'object' && e !== null && 'status' in e) {
    const s = (e as { status: unknown }).status;
    if (typeof s === 'object' && s !== null && (s as { kind?: unknown }).kind === 'Status') return s as Status;
  }
  return undefined;
}

export function reasonOf(e: unknown): StatusReason | undefined {
  return asStatus(e)?.reason;
}

/**
 * Used at the HTTP and CLI edges: anything that is not already a Status
 * becomes an `InternalError`, so callers always get a Status.
 */
export function toStatus(e: unknown): Status {
  return asStatus(e) ?? internalError(e instanceof Error ? e.message : String(e)).status;
}

const is =
  (reason: StatusReason) =>
  (e: unknown): boolean =>
    reasonOf(e) === reason;

export const isNotFound = is('NotFound');
export const isAlreadyExists = is('AlreadyExists');
export const isConflict = is('Conflict');
export const isInvalid = is('Invalid');
export const isBadRequest = is('BadRequest');
export const isForbidden = is('Forbidden');
export const isExpired = (e: unknown): boolean => reasonOf(e) === 'Expired' || reasonOf(e) === 'Gone';
export const isInternalError = is('InternalError');
