/**
 * Opening a history for a CLI command: the file log (writing: locked, created
 * on demand; reading: shared, never modified), the store folded from it, and
 * an API over both, on the wall clock of the history's epoch.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Api } from '../api/index.js';
import { createApi, DEFAULT_MASTER_ACTORS, rbacAuthorizer } from '../api/index.js';
import type { Log } from '../log/index.js';
import { openFileLog, parseEncryptionConfig } from '../log/index.js';
import type { EncryptionKeys } from '../log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION, seededIds, seededRandom } from '../model/index.js';
import type { HistoryHeader } from '../model/index.js';
import { wallClock } from '../runtime/index.js';
import type { Store } from '../store/index.js';
import { openStore } from '../store/index.js';

export const DEFAULT_DATA_DIR = '.chronokube';
export const DEFAULT_HISTORY = `${DEFAULT_DATA_DIR}/history.ckh`;

export interface Session {
  readonly path: string;
  readonly log: Log;
  readonly store: Store;
  readonly api: Api;
  close(): Promise<void>;
}

export class CliError extends Error {}

/**
 * `--encryption-config FILE`: the EncryptionConfiguration
 * (apiserver.config.k8s.io/v1, aesgcm provider) whose key seals Secrets in
 * every history file this CLI process writes, and opens them again. One
 * process, one key: `up` and `run` take the option; every command reading
 * a history also honours `CHRONOKUBE_ENCRYPTION_CONFIG`.
 */
export const ENCRYPTION_CONFIG_ENV = 'CHRONOKUBE_ENCRYPTION_CONFIG';
let encryptionKeys: EncryptionKeys | undefined;
let fromEnvironment = false;

export function useEncryptionConfig(path: string | undefined): void {
  if (path === undefined) {
    encryptionKeys = undefined;
    return;
  }
  try {
    encryptionKeys = parseEncryptionConfig(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`--encryption-config ${path}: ${(e as Error).message}`);
  }
}

/** The `encryption` option for openFileLog, to spread into its options. */
export function encryptionOption(): { encryption: EncryptionKeys } | Record<string, never> {
  if (encryptionKeys === undefined && !fromEnvironment) {
    fromEnvironment = true;
    const path = process.env[ENCRYPTION_CONFIG_ENV];
    if (path !== undefined && path !== '') useEncryptionConfig(path);
  }
  return encryptionKeys === undefined ? {} : { encryption: encryptionKeys };
}

/**
 * Opens `path` for a command. `write` creates the file (and its folder) with a
 * wall-clock header if needed; reading a missing history is a clear error.
 */
export interface SessionOptions {
  /** Refuse pods whose service account is missing (a running cluster, whose controller creates them). */
  readonly strictServiceAccounts?: boolean;
  /** Authorize every request with RBAC (a running cluster); the bootstrap policy is created on open. */
  readonly rbac?: boolean;
  /** Actors with full rights besides the simulation's operators (users' in-process controllers). */
  readonly masters?: readonly string[];
}

export async function openSession(
  path: string | undefined,
  mode: 'read' | 'write',
  warn: (m: string) => void,
  opts: SessionOptions = {},
): Promise<Session> {
  const file = resolve(path ?? DEFAULT_HISTORY);
  if (mode === 'read' && !existsSync(file)) {
    throw new CliError(
      `no history at ${file}: run \`chronokube apply\` first, or pass --history FILE`,
    );
  }
  let header: HistoryHeader | undefined;
  if (mode === 'write' && !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    header = {
      format: HISTORY_FORMAT,
      version: HISTORY_FORMAT_VERSION,
      epoch: wallClock().epoch,
      clock: 'wall',
      seed: randomInt(2 ** 31),
      meta: { createdBy: 'chronokube cli' },
    };
  }
  const log = await openFileLog(file, { mode, ...(header === undefined ? {} : { header }), onWarning: warn, ...encryptionOption() });
  try {
    const store = await openStore(log);
    // Ids continue from the history (its seed and length), so every process appending to it makes fresh uids.
    const seed = ((log.header.seed ?? 0) * 1_000_003 + log.headRev()) >>> 0;
    const api = createApi({
      log,
      store,
      clock: wallClock(log.header.epoch),
      ids: seededIds(seededRandom(seed)),
      strictServiceAccounts: opts.strictServiceAccounts === true,
      ...(opts.rbac === true ? { authorizer: rbacAuthorizer(store, { masters: [...DEFAULT_MASTER_ACTORS, ...(opts.masters ?? [])] }) } : {}),
    });
    if (mode === 'write') await api.bootstrap();
    return { path: file, log, store, api, close: () => log.close() };
  } catch (e) {
    await log.close();
    throw e;
  }
}

/** Runs `f` with a session, closing it whatever happens. */
export async function withSession<T>(
  path: string | undefined,
  mode: 'read' | 'write',
  warn: (m: string) => void,
  f: (s: Session) => Promise<T>,
): Promise<T> {
  const s = await openSession(path, mode, warn);
  try {
    return await f(s);
  } finally {
    await s.close();
  }
}
