import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findInvariant, loadInvariants } from '../../src/invariants/index.js';
import { EPOCH, HistoryBuilder } from './history-builder.js';

function moduleFile(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'chronokube-inv-')), 'invariants.ts');
  writeFileSync(file, source);
  return file;
}

describe('loadInvariants', () => {
  it('loads a TypeScript module exporting invariants, usable by name', async () => {
    const file = moduleFile(`
      import type { Invariant } from ${JSON.stringify(join(process.cwd(), 'src/invariants/index.js'))};
      export const invariants: Invariant[] = [{
        name: 'no-configmaps',
        description: 'no ConfigMap exists',
        reads: [{ group: '', resource: 'configmaps' }],
        check: (view) => view.keys({ group: '', resource: 'configmaps' }).map((key) => ({ key, message: 'exists' })),
      }];
    `);
    const loaded = await loadInvariants(file);
    const inv = findInvariant('no-configmaps', loaded);
    const b = new HistoryBuilder();
    const rev = b.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', uid: 'u' } });
    expect(inv.check(b.store.at(rev), { rev, time: 0, epoch: EPOCH })).toEqual([{ key: 'core/configmaps/default/c', message: 'exists' }]);
  });

  it('accepts a default export', async () => {
    const file = moduleFile(`export default [{ name: 'x', description: '', check: () => [] }];`);
    expect((await loadInvariants(file)).map((i) => i.name)).toEqual(['x']);
  });

  it('refuses a module that exports no invariants, a malformed one, and a missing file', async () => {
    await expect(loadInvariants(moduleFile('export const controllers = [];'))).rejects.toThrow('must export `invariants`: a non-empty array of invariants');
    await expect(loadInvariants(moduleFile('export const invariants = [];'))).rejects.toThrow('must export `invariants`');
    await expect(loadInvariants(moduleFile(`export const invariants = [{ name: 'x' }];`))).rejects.toThrow('invariants[0] is not an invariant');
    await expect(loadInvariants('/nonexistent/inv.ts')).rejects.toThrow('cannot load invariants from /nonexistent/inv.ts');
  });
});
