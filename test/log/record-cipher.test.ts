import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncryptionKeys } from '../../src/log/index.js';
import { openFileLog, SEALED_PREFIX } from '../../src/log/index.js';
import { mentionsSecret, openCheckpoint, openRecord, sealCheckpoint, sealRecord } from '../../src/log/record-cipher.js';
import type { HistoryRecord, KubeObject, PendingRecord, PendingWrite } from '../../src/model/index.js';
import { describeLogConformance } from './log-conformance.js';
import { HEADER, pendingWrite, readAll } from './log-fixtures.js';

const PLAIN = 'hunter2-very-secret';
const B64 = Buffer.from(PLAIN).toString('base64');

function keysOf(name: string, fill: number): EncryptionKeys {
  const key = { name, secret: Buffer.alloc(32, fill) };
  return { write: key, read: new Map([[name, key]]) };
}
const KEY1 = keysOf('key1', 1);

function secretObject(name: string, value = B64): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, type: 'Opaque', data: { password: value } };
}

function secretWrite(name: string): PendingWrite {
  return {
    type: 'write',
    time: 5,
    actor: 'user:alice',
    cause: [],
    observedRev: 0,
    verb: 'create',
    key: `core/secrets/default/${name}`,
    prevRev: 0,
    change: { op: 'put', object: secretObject(name) },
  };
}

function secretPatch(name: string, prevRev: number): PendingWrite {
  return { ...secretWrite(name), verb: 'patch', prevRev, change: { op: 'patch', patch: [{ op: 'replace', path: '/data/password', value: Buffer.from(`${PLAIN}-2`).toString('base64') }] } };
}

function refusedSecret(): PendingRecord {
  return {
    type: 'attempt',
    time: 6,
    actor: 'controller:x',
    cause: [],
    observedRev: 1,
    command: { type: 'create', object: secretObject('refused') },
    status: { apiVersion: 'v1', kind: 'Status', status: 'Failure', message: 'quota', reason: 'Forbidden', code: 403 },
  } as unknown as PendingRecord;
}

let dir = '';
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chronokube-cipher-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const fresh = (): string => join(dir, `h${++n}.history`);

// Every log behaviour holds for an encrypted file log too.
describeLogConformance('file (Secrets encrypted at rest)', async () => openFileLog(fresh(), { mode: 'write', header: HEADER, encryption: KEY1 }));

describe('Secrets encrypted at rest in the file log', () => {
  it('round-trips every record, and no Secret value is in the file bytes', async () => {
    const path = fresh();
    const log = await openFileLog(path, { mode: 'write', header: HEADER, encryption: KEY1 });
    const appended = [
      ...(await log.append([secretWrite('db'), pendingWrite('plain', { a: 'visible-config' })])),
      ...(await log.append([secretPatch('db', 1), refusedSecret()])),
    ];
    await log.close();
    const bytes = (await readFile(path)).toString('latin1');
    expect(bytes).not.toContain(PLAIN);
    expect(bytes).not.toContain(B64);
    expect(bytes).not.toContain(Buffer.from(`${PLAIN}-2`).toString('base64'));
    expect(bytes).toContain(`${SEALED_PREFIX}key1:`);
    // Non-Secret records stay readable; the Secret's envelope too.
    expect(bytes).toContain('visible-config');
    expect(bytes).toContain('"key":"core/secrets/default/db"');
    expect(bytes).toContain('"encryption":{"provider":"aesgcm","keys":["key1"]}');

    const again = await openFileLog(path, { mode: 'read', encryption: KEY1 });
    expect(await readAll(again.read(0))).toEqual(appended);
    await again.close();
  });

  it('refuses to open without the key, naming the key', async () => {
    const path = fresh();
    const log = await openFileLog(path, { mode: 'write', header: HEADER, encryption: KEY1 });
    await log.append([secretWrite('db')]);
    await log.close();
    await expect(openFileLog(path, { mode: 'read' })).rejects.toThrow(/keeps Secrets encrypted at rest \(aesgcm key "key1"\)/);
    await expect(openFileLog(path, { mode: 'write' })).rejects.toThrow(/encrypted at rest/);
    await expect(openFileLog(path, { mode: 'read', encryption: keysOf('other', 1) })).rejects.toThrow(/aesgcm key "key1", which the encryption configuration does not hold \(it holds: other\)/);
  });

  it('a key of the same name with other bytes fails authentication on read', async () => {
    const path = fresh();
    const log = await openFileLog(path, { mode: 'write', header: HEADER, encryption: KEY1 });
    await log.append([secretWrite('db')]);
    await log.close();
    const wrong = await openFileLog(path, { mode: 'read', encryption: keysOf('key1', 2) });
    await expect(readAll(wrong.read(0))).rejects.toThrow('cannot decrypt the write record at revision 1 with aesgcm key "key1": wrong key or damaged data (authentication failed)');
    await wrong.close();
  });

  it('seals Secret entries of saved checkpoints and of the compacted base', async () => {
    const path = fresh();
    const log = await openFileLog(path, { mode: 'write', header: HEADER, encryption: KEY1 });
    await log.append([secretWrite('db'), pendingWrite('c')]);
    const checkpoint = {
      rev: 2,
      entries: [
        { key: 'core/configmaps/default/c', rev: 2, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } } },
        { key: 'core/secrets/default/db', rev: 1, object: secretObject('db') },
      ],
    };
    await log.saveCheckpoint(checkpoint);
    expect(await log.loadCheckpoint(2)).toEqual(checkpoint);
    await log.compact(checkpoint);
    expect(await log.base()).toEqual(checkpoint);
    await log.close();
    for (const f of await readdir(dir)) {
      if (!f.startsWith(path.slice(dir.length + 1))) continue;
      const b = (await readFile(join(dir, f))).toString('latin1');
      expect(b, f).not.toContain(B64);
    }
    const again = await openFileLog(path, { mode: 'read', encryption: KEY1 });
    expect(await again.base()).toEqual(checkpoint);
    expect(await again.loadCheckpoint(2)).toEqual(checkpoint);
    await again.close();
  });

  it('identity first writes plaintext (and a plaintext file opens without a key)', async () => {
    const path = fresh();
    const readOnly: EncryptionKeys = { read: KEY1.read };
    const log = await openFileLog(path, { mode: 'write', header: HEADER, encryption: readOnly });
    await log.append([secretWrite('db')]);
    await log.close();
    expect((await readFile(path)).toString('latin1')).toContain(B64);
    const plain = await openFileLog(path, { mode: 'read' });
    expect(await readAll(plain.read(0))).toHaveLength(1);
    await plain.close();
  });
});

describe('sealRecord / openRecord', () => {
  const record = { ...secretWrite('db'), rev: 1 } as HistoryRecord;

  it('seals only records that can hold Secret data', () => {
    expect(mentionsSecret(record)).toBe(true);
    expect(mentionsSecret({ ...pendingWrite('c'), rev: 2 } as HistoryRecord)).toBe(false);
    expect(mentionsSecret({ ...refusedSecret(), atRev: 1 } as HistoryRecord)).toBe(true);
    const plain = { ...pendingWrite('c'), rev: 2 } as HistoryRecord;
    expect(sealRecord(plain, KEY1.write!)).toBe(plain);
  });

  it('detects a flipped ciphertext byte (the GCM tag) and a record moved to another revision', () => {
    const sealed = sealRecord(record, KEY1.write!) as unknown as Record<string, unknown>;
    const text = String(sealed['sealed']);
    const body = Buffer.from(text.slice(`${SEALED_PREFIX}key1:`.length), 'base64');
    body[20] = (body[20] ?? 0) ^ 0xff;
    const tampered = { ...sealed, sealed: `${SEALED_PREFIX}key1:${body.toString('base64')}` } as unknown as HistoryRecord;
    expect(() => openRecord(tampered, KEY1)).toThrow('authentication failed');
    const moved = { ...sealed, rev: 9 } as unknown as HistoryRecord;
    expect(() => openRecord(moved, KEY1)).toThrow('authentication failed');
    expect(() => openRecord(sealed as unknown as HistoryRecord, undefined)).toThrow('open the history with the EncryptionConfiguration');
    expect(openRecord(sealed as unknown as HistoryRecord, KEY1)).toEqual(record);
  });

  it('uses a fresh nonce per seal', () => {
    const a = sealRecord(record, KEY1.write!) as unknown as Record<string, unknown>;
    const b = sealRecord(record, KEY1.write!) as unknown as Record<string, unknown>;
    expect(a['sealed']).not.toBe(b['sealed']);
  });

  it('round-trips checkpoints and leaves those without Secrets untouched', () => {
    const cp = { rev: 3, entries: [{ key: 'core/secrets/default/db', rev: 1, object: secretObject('db') }] };
    const sealed = sealCheckpoint(cp, KEY1.write!);
    expect(JSON.stringify(sealed)).not.toContain(B64);
    expect(openCheckpoint(sealed, KEY1)).toEqual(cp);
    const none = { rev: 3, entries: [] };
    expect(sealCheckpoint(none, KEY1.write!)).toBe(none);
  });
});
