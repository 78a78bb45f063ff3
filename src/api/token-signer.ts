/**
 * The key service account tokens are signed with, as kube-apiserver's
 * `--service-account-signing-key-file`, `--service-account-issuer` and
 * `--api-audiences` give it. The signer is kept outside the history (tokens
 * are credentials, not objects): whoever serves the API hands it to the api
 * with `useServiceAccountTokenSigner`; an api without one does not serve
 * `serviceaccounts/NAME/token`, as kube-apiserver without an issuer does not.
 *
 * Tokens carry `kid`: the unpadded base64url SHA-256 of the public key's
 * PKIX DER, Kubernetes' own key id, so a verifier can tell keys apart.
 *
 * @example
 * const signer = rsaTokenSigner(readFileSync('sa.key', 'utf8'));
 * useServiceAccountTokenSigner(api, signer);
 */
import type { KeyObject } from 'node:crypto';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { ApiDeps } from './deps.js';
import type { JwtClaims } from './jwt.js';
import { decodeSegment, signJwt, verifyJwt } from './jwt.js';

/** kubeadm's `--service-account-issuer` (and so the default API audience). */
export const DEFAULT_SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountTokenSigner {
  /** The `iss` of every token signed here. */
  readonly issuer: string;
  /** The audiences the API server identifies as: a TokenRequest without audiences gets these. */
  readonly apiAudiences: readonly string[];
  /** The key id written into each token's header. */
  readonly keyId: string;
  /** A signed compact JWT of `claims` (their key order is kept). */
  sign(claims: JwtClaims): string;
  /** The claims of a token this key signed, or undefined (malformed, another key, a forged signature). */
  verify(token: string): JwtClaims | undefined;
  /** The issuer a token claims, read before any check (to tell whose token it is). */
  claimedIssuer(token: string): string | undefined;
}

export interface TokenSignerOptions {
  readonly issuer?: string;
  /** Default: `[issuer]`, as kube-apiserver defaults `--api-audiences`. */
  readonly apiAudiences?: readonly string[];
}

/** Kubernetes' key id for a public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url');
}

/** A signer over an RSA private key (PEM, PKCS#1 or PKCS#8): RS256, as kube-apiserver signs with an RSA key. */
export function rsaTokenSigner(privateKeyPem: string, opts: TokenSignerOptions = {}): ServiceAccountTokenSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error(`a service account signing key must be RSA, not ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  const issuer = opts.issuer ?? DEFAULT_SERVICE_ACCOUNT_ISSUER;
  return {
    issuer,
    apiAudiences: opts.apiAudiences ?? [issuer],
    keyId,
    sign: (claims) => signJwt({ alg: 'RS256', kid: keyId }, claims, privateKey),
    verify: (token) => {
      const v = verifyJwt(token, publicKey);
      // A token naming another key id was not made here, whatever its signature says.
      if (v === undefined || (v.header['kid'] !== undefined && v.header['kid'] !== keyId)) return undefined;
      return v.payload;
    },
    claimedIssuer: (token) => {
      const parts = token.split('.');
      if (parts.length !== 3 || token.trimStart().startsWith('{')) return undefined;
      const iss = decodeSegment(parts[1] ?? '')?.['iss'];
      return typeof iss === 'string' ? iss : undefined;
    },
  };
}

/** Which api signs with which key: attached to its deps, never written to the history. */
const signers = new WeakMap<ApiDeps, ServiceAccountTokenSigner>();

/** Lets `api` issue service account tokens (TokenRequest) signed by `signer`. */
export function useServiceAccountTokenSigner(api: { readonly deps: ApiDeps }, signer: ServiceAccountTokenSigner): void {
  signers.set(api.deps, signer);
}

/** The signer `useServiceAccountTokenSigner` gave these deps, if any. */
export function serviceAccountTokenSignerOf(deps: ApiDeps): ServiceAccountTokenSigner | undefined {
  return signers.get(deps);
}
