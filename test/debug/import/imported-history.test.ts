/**
 * Writing an imported history: a complete file log the store folds to the
 * imported state, written atomically (a temporary file renamed over the
 * target), and an existing file is never replaced unless asked.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAudit } from '../../../src/debug/import/audit-import.js';
import { writeImportedHistory } from '../../../src/debug/import/imported-history.js';
import { openFileLog } from '../../../src/log/index.js';
import { openStore } from '../../../src/store/index.js';

const sample = readFileSync(join(import.meta.dirname, 'samples', 'audit.jsonl'), 'utf8');

describe('writeImportedHistory', () => {
  it('writes a history file the store opens at the imported state, with the same records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-import-'));
    const out = join(dir, 'incident.ckh');
    const imported = importAudit(sample, { file: 'audit.jsonl' });
    await writeImportedHistory(out, imported);
    expect(readdirSync(dir)).toEqual(['incident.ckh']);
    const log = await openFileLog(out, { mode: 'read' });
    try {
      expect(log.header).toEqual(imported.header);
      const store = await openStore(log);
      expect(store.rev).toBe(11);
      expect(store.head().keys()).toEqual(['apps/deployments/shop/web', 'apps/replicasets/shop/web-6d9f7c8b5d', 'core/secrets/shop/db-password']);
      const records = [];
      for await (const r of log.read()) records.push(r);
      expect(records).toEqual(imported.records);
    } finally {
      await log.close();
    }
  });

  it('refuses to replace an existing file unless asked, and leaves nothing behind when it refuses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-import-'));
    const out = join(dir, 'taken.ckh');
    writeFileSync(out, 'precious');
    const imported = importAudit(sample);
    await expect(writeImportedHistory(out, imported)).rejects.toThrow(`${out} already exists; choose another --out (or pass --force to replace it)`);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    await writeImportedHistory(out, imported, { overwrite: true });
    expect(readFileSync(out, 'utf8')).toContain('chronokube-history');
    expect(existsSync(`${out}.import.tmp`)).toBe(false);
  });
});
