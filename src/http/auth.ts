/**
 * Bearer-token authentication. `chronokube up` generates one token at first
 * start, keeps it in the data folder (mode 0600) and writes it into the
 * kubeconfig; a request without a known token gets 401 Unauthorized. Tokens
 * are compared in constant time (over their SHA-256), so timing says
 * nothing about how much of a guess was right. Service account tokens
 * (JWTs from `serviceaccounts/NAME/token`) are checked by
 * service-account-tokens.ts; `anyAuthenticator` accepts either.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Maps an `Authorization` header to a user name, or undefined when it names nobody. */
export type Authenticator = (authorization: string | undefined) => string | undefined;

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** An authenticator for fixed tokens: `{ token: userName }`. */
export function tokenAuthenticator(tokens: Readonly<Record<string, string>>): Authenticator {
  const known = Object.entries(tokens).map(([token, user]) => ({ hash: digest(token), user }));
  return (authorization) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (m === null) return undefined;
    const hash = digest(m[1] ?? '');
    let user: string | undefined;
    // Compare against every token, so the time taken does not say which (if any) matched.
    for (const k of known) if (timingSafeEqual(k.hash, hash)) user = k.user;
    return user;
  };
}

/**
 * Tries each authenticator in turn and takes the first that names a user, as
 * kube-apiserver's union authenticator does (a bearer token is either the
 * admin's fixed one or a service account's JWT).
 */
export function anyAuthenticator(...authenticators: readonly Authenticator[]): Authenticator {
  return (authorization) => {
    for (const a of authenticators) {
      const user = a(authorization);
      if (user !== undefined) return user;
    }
    return undefined;
  };
}

/** Reads the token stored at `path`, creating a fresh random one (256 bits, hex) when there is none. */
export function loadOrCreateToken(path: string): string {
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token !== '') return token;
  }
  mkdirSync(dirname(path), { recursive: true });
  const token = randomBytes(32).toString('hex');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return token;
}
