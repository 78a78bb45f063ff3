/**
 * Secrets encrypted at rest in a history file, as the API server's
 * `aesgcm` provider stores them in etcd: AES-GCM with a random 12-byte
 * nonce, stored as `k8s:enc:aesgcm:v1:<key name>:` + base64(nonce ‖
 * ciphertext ‖ tag), the record's identity as additional authenticated data
 * (so a sealed payload cannot be moved to another record).
 *
 * What is sealed — everything that can hold a Secret's data:
 * - a write record whose key is `core/secrets/...` (its change: the object
 *   or patch), and any attempt, reconcile, perturbation or annotation record
 *   that mentions a Secret (a refused create of a Secret carries its data);
 * - a Secret's entry in a checkpoint (the base of a compacted file, the
 *   checkpoint sidecar).
 * The record's envelope stays readable — type, revision, time, actor, verb,
 * key — as Kubernetes leaves etcd keys readable: the log can be scanned,
 * indexed and compacted without the key, and a reader sees which Secret
 * changed when, not what it holds. The whole record is inside the seal;
 * opening returns it exactly as appended.
 *
 * @example
 * const sealed = sealRecord(record, keys.write!);
 * openRecord(sealed, keys) // === record (deep equal)
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { HistoryRecord } from '../model/index.js';
import type { AesGcmKey, EncryptionKeys } from './encryption-config.js';
import type { Checkpoint, CheckpointEntry } from './log.js';

export const SEALED_PREFIX = 'k8s:enc:aesgcm:v1:';
const SECRET_KEY_PREFIX = 'core/secrets/';
const ENVELOPE = ['type', 'rev', 'atRev', 'time', 'actor', 'verb', 'subresource', 'key'] as const;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

type Raw = Record<string, unknown>;

function algorithm(key: AesGcmKey): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  return key.secret.length === 16 ? 'aes-128-gcm' : key.secret.length === 24 ? 'aes-192-gcm' : 'aes-256-gcm';
}

function encrypt(plain: string, aad: string, key: AesGcmKey): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(algorithm(key), key.secret, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${key.name}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64')}`;
}

function decrypt(sealed: string, aad: string, keys: EncryptionKeys | undefined, what: string): string {
  if (!sealed.startsWith(SEALED_PREFIX)) throw new Error(`${what} is sealed in an unknown format (expected ${SEALED_PREFIX}...)`);
  const rest = sealed.slice(SEALED_PREFIX.length);
  const colon = rest.indexOf(':');
  const name = rest.slice(0, colon);
  if (keys === undefined) {
    throw new Error(`${what} holds a Secret encrypted at rest with aesgcm key "${name}"; open the history with the EncryptionConfiguration that holds that key`);
  }
  const key = keys.read.get(name);
  if (colon < 0 || key === undefined) {
    const held = [...keys.read.keys()].join(', ') || 'none';
    throw new Error(`${what} is encrypted with aesgcm key "${name}", which the encryption configuration does not hold (it holds: ${held})`);
  }
  const bytes = Buffer.from(rest.slice(colon + 1), 'base64');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new Error(`cannot decrypt ${what} with aesgcm key "${name}": the ciphertext is truncated`);
  try {
    const decipher = createDecipheriv(algorithm(key), key.secret, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`cannot decrypt ${what} with aesgcm key "${name}": wrong key or damaged data (authentication failed)`);
  }
}

function identity(r: Raw): string {
  return `${String(r['type'])}:${String(r['rev'] ?? r['atRev'])}:${String(r['key'] ?? '')}`;
}

function describe(r: Raw): string {
  return r['type'] === 'write' ? `the write record at revision ${String(r['rev'])}` : `the ${String(r['type'])} record at revision ${String(r['atRev'])}`;
}

/** Whether a record can hold a Secret's data. */
export function mentionsSecret(r: HistoryRecord): boolean {
  if (r.type === 'write') return r.key.startsWith(SECRET_KEY_PREFIX);
  const json = JSON.stringify(r);
  return json.includes(`"${SECRET_KEY_PREFIX}`) || json.includes('"kind":"Secret"');
}

export function isSealed(r: object): boolean {
  return typeof (r as Raw)['sealed'] === 'string';
}

/** The record as stored: sealed if it can hold a Secret's data, else unchanged. */
export function sealRecord(r: HistoryRecord, key: AesGcmKey): HistoryRecord {
  if (!mentionsSecret(r)) return r;
  const raw = r as unknown as Raw;
  const out: Raw = {};
  for (const f of ENVELOPE) if (raw[f] !== undefined) out[f] = raw[f];
  out['sealed'] = encrypt(JSON.stringify(r), identity(raw), key);
  return out as unknown as HistoryRecord;
}

/** The record as appended. Throws when it is sealed and `keys` cannot open it. */
export function openRecord(r: HistoryRecord, keys: EncryptionKeys | undefined): HistoryRecord {
  if (!isSealed(r)) return r;
  const raw = r as unknown as Raw;
  const plain = decrypt(String(raw['sealed']), identity(raw), keys, describe(raw));
  return Object.freeze(JSON.parse(plain)) as HistoryRecord;
}

export function sealCheckpoint(c: Checkpoint, key: AesGcmKey): Checkpoint {
  if (!c.entries.some((e) => e.key.startsWith(SECRET_KEY_PREFIX))) return c;
  const entries = c.entries.map((e) =>
    e.key.startsWith(SECRET_KEY_PREFIX) ? ({ key: e.key, rev: e.rev, sealed: encrypt(JSON.stringify(e.object), `checkpoint:${e.key}`, key) } as unknown as CheckpointEntry) : e,
  );
  return { rev: c.rev, entries };
}

export function openCheckpoint(c: Checkpoint, keys: EncryptionKeys | undefined): Checkpoint {
  if (!c.entries.some((e) => isSealed(e))) return c;
  const entries = c.entries.map((e) => {
    if (!isSealed(e)) return e;
    const sealed = String((e as unknown as Raw)['sealed']);
    return { key: e.key, rev: e.rev, object: JSON.parse(decrypt(sealed, `checkpoint:${e.key}`, keys, `the checkpoint entry ${e.key}`)) } as CheckpointEntry;
  });
  return { rev: c.rev, entries };
}
