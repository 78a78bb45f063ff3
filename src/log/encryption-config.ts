/**
 * The user's key for Secrets at rest, given as Kubernetes' own
 * `EncryptionConfiguration` (apiserver.config.k8s.io/v1) — the file a
 * cluster operator already has for `kube-apiserver --encryption-provider-config`:
 *
 * ```yaml
 * apiVersion: apiserver.config.k8s.io/v1
 * kind: EncryptionConfiguration
 * resources:
 *   - resources: [secrets]
 *     providers:
 *       - aesgcm:
 *           keys:
 *             - name: key1
 *               secret: c2VjcmV0IGlzIHNlY3VyZSwgSSB0aGluayBzbyA/Pz8=   # base64 of 16, 24 or 32 bytes
 *       - identity: {}
 * ```
 *
 * As in Kubernetes: the FIRST provider writes (identity first: stored in
 * plaintext); every provider reads; an aesgcm key is 16, 24 or 32 bytes
 * (AES-128/192/256) and the first key of the list encrypts. Only the
 * `secrets` resource is supported and only the `aesgcm` and `identity`
 * providers; anything else is refused rather than silently stored in the
 * clear.
 *
 * @example
 * const keys = parseEncryptionConfig(readFileSync('encryption.yaml', 'utf8'));
 * const log = await openFileLog(path, { mode: 'write', header, encryption: keys });
 */
import { parse } from 'yaml';
import type { HistoryHeader } from '../model/index.js';

export interface AesGcmKey {
  readonly name: string;
  readonly secret: Buffer;
}

export interface EncryptionKeys {
  /** The key new Secret records are encrypted with; undefined when identity comes first (plaintext). */
  readonly write?: AesGcmKey;
  /** Every aesgcm key, by name, for reading. */
  readonly read: ReadonlyMap<string, AesGcmKey>;
}

function fail(why: string): never {
  throw new Error(`encryption configuration: ${why}`);
}

function record(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(`${path} must be a mapping`);
  return v as Record<string, unknown>;
}

function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) fail(`${path} must be a list`);
  return v;
}

function aesgcmKeys(v: unknown, path: string): AesGcmKey[] {
  const keys = list(record(v, path)['keys'], `${path}.keys`);
  if (keys.length === 0) fail(`${path}.keys must name at least one key`);
  return keys.map((k, i) => {
    const entry = record(k, `${path}.keys[${i}]`);
    const name = entry['name'];
    const secret = entry['secret'];
    if (typeof name !== 'string' || name === '') fail(`${path}.keys[${i}].name is required`);
    if (name.includes(':')) fail(`${path}.keys[${i}].name must not contain ":"`);
    if (typeof secret !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) fail(`${path}.keys[${i}].secret must be base64`);
    const bytes = Buffer.from(secret, 'base64');
    if (![16, 24, 32].includes(bytes.length)) fail(`${path}.keys[${i}] (${name}): an aesgcm key is 16, 24 or 32 bytes, not ${bytes.length}`);
    return { name, secret: bytes };
  });
}

/** Parses an EncryptionConfiguration document (YAML or JSON). Throws with the field at fault. */
export function parseEncryptionConfig(text: string): EncryptionKeys {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return fail(`not YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const top = record(doc, 'the document');
  if (top['kind'] !== 'EncryptionConfiguration') fail(`kind must be EncryptionConfiguration, not ${JSON.stringify(top['kind'] ?? null)}`);
  if (top['apiVersion'] !== 'apiserver.config.k8s.io/v1') fail(`apiVersion must be apiserver.config.k8s.io/v1, not ${JSON.stringify(top['apiVersion'] ?? null)}`);
  const resources = list(top['resources'], 'resources');
  let providers: unknown[] | undefined;
  resources.forEach((r, i) => {
    const entry = record(r, `resources[${i}]`);
    const names = list(entry['resources'], `resources[${i}].resources`);
    for (const n of names) {
      if (n !== 'secrets') fail(`resources[${i}].resources: only "secrets" is encrypted by chronokube, not ${JSON.stringify(n)}`);
    }
    if (providers !== undefined) fail('"secrets" is named by more than one resources entry');
    providers = list(entry['providers'], `resources[${i}].providers`);
  });
  if (providers === undefined || providers.length === 0) fail('no providers for "secrets"');
  let write: AesGcmKey | undefined;
  const read = new Map<string, AesGcmKey>();
  providers.forEach((p, i) => {
    const entry = record(p, `providers[${i}]`);
    const kinds = Object.keys(entry);
    if (kinds.length !== 1) fail(`providers[${i}] must name exactly one provider`);
    const kind = kinds[0] ?? '';
    if (kind === 'identity') return;
    if (kind !== 'aesgcm') fail(`providers[${i}]: provider "${kind}" is not supported (supported: aesgcm, identity)`);
    const keys = aesgcmKeys(entry[kind], `providers[${i}].aesgcm`);
    if (i === 0) write = keys[0];
    for (const k of keys) {
      if (read.has(k.name)) fail(`aesgcm key name "${k.name}" is used twice`);
      read.set(k.name, k);
    }
  });
  return write === undefined ? { read } : { write, read };
}

/** What the header of a file created with an encryption key says (key names only, never key material). */
export interface HeaderEncryption {
  readonly provider: 'aesgcm';
  readonly keys: readonly string[];
}

/** Refuses to open a history whose header names aesgcm keys when `keys` holds none of them. */
export function checkKeys(path: string, header: HistoryHeader, keys: EncryptionKeys | undefined): void {
  const enc = (header as { encryption?: HeaderEncryption }).encryption;
  if (enc === undefined) return;
  const names = enc.keys.map((k) => `"${k}"`).join(', ');
  if (keys === undefined) {
    throw new Error(`${path}: this history keeps Secrets encrypted at rest (aesgcm key ${names}); open it with the EncryptionConfiguration that holds the key`);
  }
  if (!enc.keys.some((k) => keys.read.has(k))) {
    throw new Error(`${path}: this history's Secrets are encrypted with aesgcm key ${names}, which the encryption configuration does not hold (it holds: ${[...keys.read.keys()].join(', ') || 'none'})`);
  }
}
