/**
 * `chronokube demo` (what `npm start` runs): writes a small history to
 * `.chronokube/demo.ckh` — the manifests under fixtures/demo applied, a
 * scale, a config change, a delete — then shows it with the same commands a
 * user would type: history, get at an earlier revision, and diff.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../io.js';
import { withSession } from '../session.js';
import { applyCommand } from './apply.js';
import { diffCommand } from './diff.js';
import { getCommand } from './get.js';
import { historyCommand } from './history.js';

export const DEMO_HISTORY = '.chronokube/demo.ckh';
const DEMO_MANIFESTS = fileURLToPath(new URL('../../../fixtures/demo', import.meta.url));

export async function demoCommand(io: CliIo, opts: { history?: string } = {}): Promise<number> {
  const history = opts.history ?? DEMO_HISTORY;
  for (const suffix of ['', '.checkpoints', '.lock']) rmSync(`${history}${suffix}`, { force: true });

  io.out(`# 1. apply ${DEMO_MANIFESTS} (as user:alice)`);
  if ((await applyCommand(io, { filename: [DEMO_MANIFESTS], history, as: 'alice' })) !== 0) return 1;
  const applied = await withSession(history, 'read', io.err, async (s) => s.store.rev);

  io.out('\n# 2. bob scales web to 3, changes the greeting, then deletes the config map');
  await withSession(history, 'write', io.err, async ({ api }) => {
    const bob = { actor: 'user:bob', fieldManager: 'kubectl-edit' };
    await api.patch({ group: 'apps', version: 'v1', resource: 'deployments', namespace: 'shop', name: 'web' }, 'merge', { spec: { replicas: 3 } }, bob);
    await api.patch({ group: '', version: 'v1', resource: 'configmaps', namespace: 'shop', name: 'web-config' }, 'merge', { data: { GREETING: 'hi' } }, bob);
    await api.delete({ group: '', version: 'v1', resource: 'configmaps', namespace: 'shop', name: 'web-config' }, bob);
  });

  io.out(`\n# 3. chronokube history --history ${history}`);
  await historyCommand(io, { history });
  io.out(`\n# 4. chronokube get deployments -n shop --at ${applied}; chronokube get configmaps -n shop --at ${applied}   (right after the apply)`);
  await getCommand(io, 'deployments', undefined, { history, at: String(applied), namespace: 'shop' });
  await getCommand(io, 'configmaps', undefined, { history, at: String(applied), namespace: 'shop' });
  io.out(`\n# 5. chronokube diff ${applied} HEAD   (what bob changed)`);
  await diffCommand(io, String(applied), 'HEAD', undefined, { history });
  io.out(`\nExplore it yourself: chronokube history --history ${history} -o json | head`);
  return 0;
}
