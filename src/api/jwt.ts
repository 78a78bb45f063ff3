/**
 * Compact JSON Web Signatures with RS256 (RSASSA-PKCS1-v1_5 over SHA-256),
 * the algorithm kube-apiserver signs service account tokens with for an RSA
 * key. Signing is deterministic (the same key, header and claims give the
 * same token), so nothing here draws on randomness. Verification accepts
 * only `alg: RS256` and only a signature made by the given key: a token's
 * header never chooses how it is checked.
 *
 * @example
 * const token = signJwt({ alg: 'RS256', kid }, { sub: 'x' }, privateKey);
 * verifyJwt(token, publicKey)?.payload.sub // 'x'
 */
import type { KeyObject } from 'node:crypto';
import { sign, verify } from 'node:crypto';

export type JwtClaims = Readonly<Record<string, unknown>>;

export interface VerifiedJwt {
  readonly header: JwtClaims;
  readonly payload: JwtClaims;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** The JSON of `v`, in the order its keys were written (callers build claims in Go's sorted order). */
const segment = (v: JwtClaims): string => b64url(JSON.stringify(v));

/** `header.payload.signature`, each base64url without padding. */
export function signJwt(header: JwtClaims, payload: JwtClaims, privateKey: KeyObject): string {
  const input = `${segment(header)}.${segment(payload)}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), privateKey))}`;
}

/** Parses one base64url JSON object segment, or undefined when it is not one. */
export function decodeSegment(s: string): JwtClaims | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}

/** The token's header and claims when `publicKey` signed it with RS256; undefined for anything else. */
export function verifyJwt(token: string, publicKey: KeyObject): VerifiedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h = '', p = '', s = ''] = parts;
  const header = decodeSegment(h);
  const payload = decodeSegment(p);
  if (header === undefined || payload === undefined || header['alg'] !== 'RS256' || !/^[A-Za-z0-9_-]+$/.test(s)) return undefined;
  const ok = verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'));
  return ok ? { header, payload } : undefined;
}
