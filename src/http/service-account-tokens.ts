/**
 * Service account bearer tokens, checked as kube-apiserver's service account
 * token authenticator checks them: a request with `Authorization: Bearer
 * <jwt>` is `system:serviceaccount:NS:NAME` (groups `system:serviceaccounts`,
 * `system:serviceaccounts:NS`, `system:authenticated`, which the api derives
 * from the name) when
 *
 * - the JWT claims this server's issuer and carries a valid RS256 signature
 *   of its signing key;
 * - its audiences meet the API audiences (a token without `aud` counts as
 *   having them, as legacy tokens do);
 * - on the api's clock, with go-jose's one-minute leeway, it has not
 *   expired, is not before its `nbf` and was not issued in the future;
 * - the ServiceAccount still exists with the uid in the token and was not
 *   deleted more than a minute ago; a bound Secret, Pod or (unbound to a pod)
 *   Node likewise.
 *
 * Anything else names nobody, and the server answers 401 Unauthorized. A
 * token of another issuer is left to the other authenticators.
 *
 * @example
 * const signer = rsaTokenSigner(loadOrCreateSigningKey(join(data, 'sa.key')));
 * useServiceAccountTokenSigner(api, signer);
 * const authenticate = anyAuthenticator(tokenAuthenticator({ [token]: 'admin' }), serviceAccountTokenAuthenticator(api, signer));
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Api } from '../api/index.js';
import type { KubeObject } from '../model/index.js';
import { objectKey } from '../model/index.js';
import type { Authenticator } from './auth.js';

/** go-jose's `jwt.DefaultLeeway`, which the validator also grants deleted objects. */
export const TOKEN_LEEWAY_SECONDS = 60;

interface Ref {
  readonly name?: unknown;
  readonly uid?: unknown;
}
type Claims = Readonly<Record<string, unknown>>;

/** What checking a token needs of the api's `ServiceAccountTokenSigner` (token-signer.ts). */
export interface ServiceAccountTokenVerifier {
  readonly issuer: string;
  readonly apiAudiences: readonly string[];
  verify(token: string): Claims | undefined;
  claimedIssuer(token: string): string | undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** go-jose's time checks with leeway (seconds). */
function timely(c: Claims, now: number): boolean {
  const nbf = num(c['nbf']);
  const exp = num(c['exp']);
  const iat = num(c['iat']);
  if (nbf !== undefined && now + TOKEN_LEEWAY_SECONDS < nbf) return false;
  if (exp !== undefined && now - TOKEN_LEEWAY_SECONDS > exp) return false;
  if (iat !== undefined && now + TOKEN_LEEWAY_SECONDS < iat) return false;
  return true;
}

function audiencesMeet(c: Claims, apiAudiences: readonly string[]): boolean {
  const aud = c['aud'];
  const list = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
  return list.length === 0 || list.some((a) => apiAudiences.includes(a));
}

/** Whether the object a claim refers to is still there: same uid, not deleted before `now - leeway`. */
function stillThere(o: KubeObject | undefined, ref: Ref, nowMs: number): boolean {
  if (o === undefined || str(o.metadata.uid) !== str(ref.uid)) return false;
  const deleted = o.metadata.deletionTimestamp;
  if (deleted === undefined || deleted === null) return true;
  return !(Date.parse(deleted) < nowMs - TOKEN_LEEWAY_SECONDS * 1000);
}

/** The user a service account token of `signer`'s names, or undefined. */
export function serviceAccountTokenAuthenticator(api: Api, signer: ServiceAccountTokenVerifier): Authenticator {
  return (authorization) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const token = m?.[1];
    if (token === undefined || signer.claimedIssuer(token) !== signer.issuer) return undefined;
    const c = signer.verify(token);
    if (c === undefined || c['iss'] !== signer.issuer || !audiencesMeet(c, signer.apiAudiences)) return undefined;
    const nowMs = api.deps.epoch + api.deps.clock.now();
    if (!timely(c, Math.floor(nowMs / 1000))) return undefined;
    const k = obj(c['kubernetes.io']);
    const namespace = str(k?.['namespace']);
    const sa = obj(k?.['serviceaccount']);
    const name = str(sa?.['name']);
    if (namespace === '' || name === '' || sa === undefined) return undefined;
    const state = api.store.head();
    const read = (resource: string, ns: string, n: string): KubeObject | undefined => state.get(objectKey({ group: '', resource, namespace: ns, name: n }));
    if (!stillThere(read('serviceaccounts', namespace, name), sa, nowMs)) return undefined;
    const secret = obj(k?.['secret']);
    if (secret !== undefined && !stillThere(read('secrets', namespace, str(secret['name'])), secret, nowMs)) return undefined;
    const pod = obj(k?.['pod']);
    if (pod !== undefined && !stillThere(read('pods', namespace, str(pod['name'])), pod, nowMs)) return undefined;
    const node = obj(k?.['node']);
    // A pod-bound token's node is information only; a node-bound one needs the node.
    if (pod === undefined && node !== undefined && !stillThere(read('nodes', '', str(node['name'])), node, nowMs)) return undefined;
    return `system:serviceaccount:${namespace}:${name}`;
  };
}

/**
 * Reads the service account signing key (PEM) at `path`, creating a fresh
 * 2048-bit RSA key (PKCS#8, mode 0600) when there is none — kubeadm's
 * `sa.key`. Tokens signed with it stay valid across restarts.
 */
export function loadOrCreateSigningKey(path: string): string {
  if (existsSync(path)) {
    const pem = readFileSync(path, 'utf8');
    if (pem.trim() !== '') return pem;
  }
  mkdirSync(dirname(path), { recursive: true });
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(path, pem, { mode: 0o600 });
  return pem;
}
