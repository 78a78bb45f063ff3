/**
 * `chronokube record --kubeconfig PATH [--context C] [-n NS]... [--kinds a,b] --out FILE [--for DURATION]
 *  [--include-secrets --encryption-config FILE]`:
 * records a live cluster into a history file until `--for` has passed or
 * the user interrupts (Ctrl-C stops cleanly: the last changes are written
 * and the file is closed). Recording into an existing file resumes it; the
 * time away is noted as a gap. Secrets are recorded only with
 * `--include-secrets` and an EncryptionConfiguration whose aesgcm key seals
 * them in the file.
 */
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { record } from '../../debug/index.js';
import { parseEncryptionConfig, type EncryptionKeys } from '../../log/index.js';
import { parseDuration } from '../../runtime/index.js';
import type { CliIo } from '../io.js';
import { CliError } from '../session.js';

export interface RecordCliOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly namespace?: readonly string[];
  readonly kinds?: string;
  readonly out: string;
  readonly for?: string;
  readonly includeSecrets?: boolean;
  /** An EncryptionConfiguration (apiserver.config.k8s.io/v1) whose aesgcm key seals recorded Secrets. */
  readonly encryptionConfig?: string;
  /** Stops the recording (tests; the command itself listens for SIGINT and SIGTERM). */
  readonly signal?: AbortSignal;
}

export function kubeConfigFrom(path: string | undefined, context: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (path === undefined) kc.loadFromDefault();
    else kc.loadFromFile(path);
  } catch (e) {
    throw new CliError(`cannot load the kubeconfig ${path ?? '(default)'}: ${(e as Error).message}`);
  }
  if (context !== undefined) {
    if (kc.getContextObject(context) === null) throw new CliError(`the kubeconfig has no context "${context}" (it has: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'})`);
    kc.setCurrentContext(context);
  }
  if (kc.getCurrentCluster() === null) throw new CliError('the kubeconfig names no current cluster; pass --context');
  return kc;
}

export async function recordCommand(io: CliIo, opts: RecordCliOptions): Promise<number> {
  const kc = kubeConfigFrom(opts.kubeconfig, opts.context);
  const forMs = opts.for === undefined ? undefined : parseDuration(opts.for, '--for');
  const kinds = opts.kinds === undefined ? undefined : opts.kinds.split(',').map((k) => k.trim()).filter((k) => k !== '');
  let encryption: EncryptionKeys | undefined;
  if (opts.encryptionConfig !== undefined) {
    try {
      encryption = parseEncryptionConfig(readFileSync(opts.encryptionConfig, 'utf8'));
    } catch (e) {
      throw new CliError(`${opts.encryptionConfig}: ${(e as Error).message}`);
    }
  }
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  opts.signal?.addEventListener('abort', stop);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const report = await record({
      kubeConfig: kc,
      out: opts.out,
      signal: abort.signal,
      ...(forMs === undefined ? {} : { forMs }),
      ...(kinds === undefined ? {} : { kinds }),
      ...(opts.namespace === undefined || opts.namespace.length === 0 ? {} : { namespaces: opts.namespace }),
      ...(opts.includeSecrets === true ? { includeSecrets: true } : {}),
      ...(encryption === undefined ? {} : { encryption }),
      onWarning: (m) => io.err(`warning: ${m}`),
      onReady: (resources) => io.err(`recording ${kc.getCurrentCluster()?.server ?? ''} (${resources.length} resources) into ${opts.out}; Ctrl-C stops`),
    }).catch((e: unknown) => {
      throw new CliError((e as Error).message);
    });
    io.out(`${report.resumed ? 'resumed' : 'recorded'} ${report.out}: ${report.writes} writes from ${report.resources.length} resources${report.gaps === 0 ? '' : `, ${report.gaps} gaps noted`}`);
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    opts.signal?.removeEventListener('abort', stop);
  }
}
