/**
 * The kubeconfig `chronokube up` writes: one cluster, one user with the
 * bearer token, one context (namespace `default`) made current — usable by
 * kubectl and client libraries as it is (`KUBECONFIG=PATH kubectl get pods`).
 * Written with mode 0600 since it holds the token.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  /** `http://127.0.0.1:6443`. */
  readonly server: string;
  readonly token: string;
  /** Cluster, user and context name (default `chronokube`). */
  readonly name?: string;
  readonly namespace?: string;
  /** PEM of the CA that signed the server's certificate (for a self-signed one, the certificate itself). */
  readonly certificateAuthority?: string;
}

export function renderKubeconfig(opts: KubeconfigOptions): string {
  const name = opts.name ?? 'chronokube';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: opts.server,
          ...(opts.certificateAuthority === undefined
            ? {}
            : { 'certificate-authority-data': Buffer.from(opts.certificateAuthority).toString('base64') }),
        },
      },
    ],
    users: [{ name: `${name}-admin`, user: { token: opts.token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: opts.namespace ?? 'default' } }],
    'current-context': name,
    preferences: {},
  });
}

export function writeKubeconfig(path: string, opts: KubeconfigOptions): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderKubeconfig(opts), { mode: 0o600 });
  chmodSync(path, 0o600);
}
