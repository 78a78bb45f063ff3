/**
 * `POST serviceaccounts/NAME/token` (authentication.k8s.io/v1 TokenRequest),
 * as kube-apiserver 1.32's TokenREST answers it: a signed JWT for the
 * ServiceAccount, returned in `status.token` with 201, and nothing written —
 * a token is a credential, not an object, so the history does not change.
 *
 * In Kubernetes' order:
 * 1. `metadata.name` / `metadata.namespace`, when given, must match the URL
 *    (422 "must match the service account name if specified").
 * 2. The ServiceAccount must exist (404 `serviceaccounts "NAME" not found`).
 * 3. `spec.audiences` defaults to the API audiences; `spec.expirationSeconds`
 *    to 3600 and must lie in [600, 2^32] (422
 *    `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds:
 *    Invalid value: 300: may not specify a duration less than 10 minutes`).
 * 4. `spec.boundObjectRef` (core Pod, Secret or Node, any version) must exist
 *    (404); a Pod must run as this ServiceAccount (400); a given `uid` must be
 *    the object's (409); any other kind is 400 "cannot bind token to object of
 *    type GROUP/VERSION, Kind=KIND". A pod-bound token also names the pod's
 *    node (its uid when the Node exists).
 * 5. A pod-bound token asking for exactly 3607 s with API audiences (what a
 *    kubelet asks) is extended to a year with `warnafter` at 3607 s, as
 *    `--service-account-extend-token-expiration` (default true) does; the
 *    status still reports the requested expiry.
 *
 * Claims: `aud`, `exp`, `iat`, `iss`, `jti` (a uid from the api's seeded id
 * source), `kubernetes.io` {namespace, node?, pod?, secret?, serviceaccount
 * {name, uid}, warnafter?}, `nbf`, `sub` (`system:serviceaccount:NS:NAME`),
 * all times whole seconds of the api's clock.
 */
import type { KubeObject, RequestContext, StatusCause } from '../../model/index.js';
import { badRequest, conflict, fieldErrors, notFound, objectKey, StatusError, statusOf } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import type { ResolvedTarget } from '../target.js';
import { rfc3339 } from '../timestamps.js';
import { serviceAccountTokenSignerOf } from '../token-signer.js';

export const TOKEN_REQUEST_API_VERSION = 'authentication.k8s.io/v1';
/** `SetDefaults_TokenRequestSpec`: one hour. */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;
/** `MinTokenAgeSec`: ten minutes. */
export const MIN_TOKEN_EXPIRATION_SECONDS = 600;
export const MAX_TOKEN_EXPIRATION_SECONDS = 2 ** 32;
/** `WarnOnlyBoundTokenExpirationSeconds`: what kubelets ask for projected tokens. */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
/** `ExpirationExtensionSeconds`: one year. */
export const EXPIRATION_EXTENSION_SECONDS = 365 * 24 * 3600;

interface BoundRef {
  readonly kind?: string;
  readonly apiVersion?: string;
  readonly name?: string;
  readonly uid?: string;
}
interface Ref {
  readonly name: string;
  readonly uid?: string;
}

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** 422 worded as `errors.NewInvalid(TokenRequest.authentication.k8s.io, name, errs)`. */
function invalidTokenRequest(name: string, cause: StatusCause): StatusError {
  const message = `TokenRequest.authentication.k8s.io "${name}" is invalid: ${cause.field ?? ''}: ${cause.message}`;
  return new StatusError(statusOf('Invalid', message, { name, group: 'authentication.k8s.io', kind: 'TokenRequest', causes: [cause] }));
}

function notUnmarshalable(field: string, v: unknown, goType: string): StatusError {
  const what = Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' ? 'number' : typeof v;
  return badRequest(`json: cannot unmarshal ${what} into Go struct field TokenRequestSpec.spec.${field} of type ${goType}`);
}

function expirationOf(spec: Record<string, unknown>): number {
  const v = spec['expirationSeconds'];
  if (v === undefined || v === null) return DEFAULT_TOKEN_EXPIRATION_SECONDS;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw notUnmarshalable('expirationSeconds', v, 'int64');
  return v;
}

function audiencesOf(spec: Record<string, unknown>, defaults: readonly string[]): readonly string[] {
  const v = spec['audiences'];
  if (v === undefined || v === null) return defaults;
  if (!Array.isArray(v) || v.some((a) => typeof a !== 'string')) throw notUnmarshalable('audiences', v, '[]string');
  return v.length === 0 ? defaults : (v as string[]);
}

/** `schema.FromAPIVersionAndKind`: a malformed apiVersion leaves only the kind. */
function gvkOf(ref: BoundRef): { group: string; version: string; kind: string } {
  const kind = ref.kind ?? '';
  const parts = (ref.apiVersion ?? '').split('/');
  if (parts.length === 1) return { group: '', version: parts[0] ?? '', kind };
  if (parts.length === 2) return { group: parts[0] ?? '', version: parts[1] ?? '', kind };
  return { group: '', version: '', kind };
}

/** What the token is bound to: the bound object's references for the claims, checked as TokenREST checks them. */
function bindingOf(deps: ApiDeps, ref: BoundRef, namespace: string, account: string): { pod?: Ref; secret?: Ref; node?: Ref } {
  const gvk = gvkOf(ref);
  const name = ref.name ?? '';
  const read = (resource: string, ns: string): KubeObject => {
    if (name === '') throw badRequest('Name parameter required.');
    const obj = deps.store.head().get(objectKey({ group: '', resource, namespace: ns, name }));
    if (obj === undefined) throw notFound({ group: '', resource }, name);
    return obj;
  };
  const checkUid = (obj: KubeObject): void => {
    const uid = obj.metadata.uid ?? '';
    if (ref.uid !== undefined && ref.uid !== '' && ref.uid !== uid) {
      throw conflict({ group: gvk.group, resource: gvk.kind }, name, `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
    }
  };
  const refOf = (obj: KubeObject): Ref => ({ name: obj.metadata.name ?? '', ...(obj.metadata.uid ? { uid: obj.metadata.uid } : {}) });
  if (gvk.group === '' && gvk.kind === 'Pod') {
    const pod = read('pods', namespace);
    const spec = record((pod as { spec?: unknown }).spec);
    if (spec['serviceAccountName'] !== account) {
      throw badRequest(`cannot bind token for serviceaccount "${account}" to pod running with different serviceaccount name.`);
    }
    checkUid(pod);
    const nodeName = typeof spec['nodeName'] === 'string' ? spec['nodeName'] : '';
    if (nodeName === '') return { pod: refOf(pod) };
    // A pod's node is named even when the Node object is gone (without its uid then).
    const node = deps.store.head().get(objectKey({ group: '', resource: 'nodes', namespace: '', name: nodeName }));
    return { pod: refOf(pod), node: node === undefined ? { name: nodeName } : refOf(node) };
  }
  if (gvk.group === '' && gvk.kind === 'Node') {
    const node = read('nodes', '');
    checkUid(node);
    return { node: refOf(node) };
  }
  if (gvk.group === '' && gvk.kind === 'Secret') {
    const secret = read('secrets', namespace);
    checkUid(secret);
    return { secret: refOf(secret) };
  }
  throw badRequest(`cannot bind token to object of type ${gvk.group}/${gvk.version}, Kind=${gvk.kind}`);
}

/** Issues a token for the ServiceAccount `t` names (`t.subresource` is `token`); answers the TokenRequest. */
export async function tokenRequest(deps: ApiDeps, t: ResolvedTarget, body: unknown, _ctx: RequestContext): Promise<KubeObject> {
  const signer = serviceAccountTokenSignerOf(deps);
  // kube-apiserver installs this subresource only when it has a signing key.
  if (signer === undefined) throw new StatusError(statusOf('NotFound', 'the server could not find the requested resource', {}));
  const b = record(body);
  const { apiVersion, kind } = b;
  if ((kind !== undefined && kind !== 'TokenRequest') || (apiVersion !== undefined && apiVersion !== TOKEN_REQUEST_API_VERSION)) {
    throw badRequest(`not a TokenRequest object: ${String(apiVersion ?? '')}, Kind=${String(kind ?? '')}`);
  }
  const meta = record(b['metadata']);
  const namespace = t.namespace;
  if (typeof meta['name'] === 'string' && meta['name'] !== '' && meta['name'] !== t.name) {
    throw invalidTokenRequest(t.name, fieldErrors.invalidValue('metadata.name', meta['name'], 'must match the service account name if specified'));
  }
  if (typeof meta['namespace'] === 'string' && meta['namespace'] !== '' && meta['namespace'] !== namespace) {
    throw invalidTokenRequest(t.name, fieldErrors.invalidValue('metadata.namespace', meta['namespace'], 'must match the service account namespace if specified'));
  }
  const account = deps.store.head().get(objectKey({ group: '', resource: 'serviceaccounts', namespace, name: t.name }));
  if (account === undefined) throw notFound({ group: '', resource: 'serviceaccounts' }, t.name);

  const spec = record(b['spec']);
  const audiences = audiencesOf(spec, signer.apiAudiences);
  const expirationSeconds = expirationOf(spec);
  const nowMs = deps.clock.now();
  if (expirationSeconds < MIN_TOKEN_EXPIRATION_SECONDS) {
    throw invalidTokenRequest('', fieldErrors.invalidValue('spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes'));
  }
  if (expirationSeconds > MAX_TOKEN_EXPIRATION_SECONDS) {
    throw invalidTokenRequest('', fieldErrors.invalidValue('spec.expirationSeconds', expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
  }
  const boundRef = spec['boundObjectRef'] === undefined || spec['boundObjectRef'] === null ? undefined : (record(spec['boundObjectRef']) as BoundRef);
  const bound = boundRef === undefined ? {} : bindingOf(deps, boundRef, namespace, t.name);

  const kubeAudiences = audiences.every((a) => signer.apiAudiences.includes(a));
  const extended = bound.pod !== undefined && expirationSeconds === WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS && kubeAudiences;
  const now = Math.floor((deps.epoch + nowMs) / 1000);
  const accountName = account.metadata.name ?? t.name;
  const claims = {
    aud: [...audiences],
    exp: now + (extended ? EXPIRATION_EXTENSION_SECONDS : expirationSeconds),
    iat: now,
    iss: signer.issuer,
    jti: deps.ids.uid(),
    'kubernetes.io': {
      namespace,
      ...(bound.node === undefined ? {} : { node: bound.node }),
      ...(bound.pod === undefined ? {} : { pod: bound.pod }),
      ...(bound.secret === undefined ? {} : { secret: bound.secret }),
      serviceaccount: { name: accountName, uid: account.metadata.uid ?? '' },
      ...(extended ? { warnafter: now + expirationSeconds } : {}),
    },
    nbf: now,
    sub: `system:serviceaccount:${namespace}:${accountName}`,
  };
  return {
    kind: 'TokenRequest',
    apiVersion: TOKEN_REQUEST_API_VERSION,
    metadata: { ...meta, name: accountName, namespace, creationTimestamp: rfc3339(deps.epoch, nowMs) },
    spec: { audiences: [...audiences], expirationSeconds, boundObjectRef: boundRef ?? null },
    status: { token: signer.sign(claims), expirationTimestamp: rfc3339(deps.epoch, nowMs + expirationSeconds * 1000) },
  } as unknown as KubeObject;
}
