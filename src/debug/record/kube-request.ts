/**
 * One GET to a Kubernetes API server with the credentials of a kubeconfig
 * (client-node's `applyToHTTPSOptions`: CA, client certificate, bearer
 * token, exec and auth-provider plugins, proxies), answering the parsed
 * JSON body as it came — no typed deserialisation, so a recorded object is
 * byte-for-byte what the server sent (dates stay strings, unknown fields
 * stay). Failures carry the HTTP status (`KubeRequestError.status`).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export class KubeRequestError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const message = typeof (body as { message?: unknown })?.message === 'string' ? (body as { message: string }).message : `HTTP ${status}`;
    super(`GET ${path}: ${status === 0 ? '' : `${status} `}${message}`);
    this.name = 'KubeRequestError';
  }
}

export async function getJson(kc: KubeConfig, path: string, signal?: AbortSignal): Promise<unknown> {
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server.replace(/\/$/, '') + path);
  const opts: RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kc.applyToHTTPSOptions(opts);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { ...opts, ...(signal === undefined ? {} : { signal }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          body = { message: text.slice(0, 200) };
        }
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(body);
        else reject(new KubeRequestError(path, status, body));
      });
    });
    req.on('error', (e) => reject(new KubeRequestError(path, 0, { message: e.message })));
    req.end();
  });
}
