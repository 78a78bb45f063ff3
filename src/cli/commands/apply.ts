/**
 * `chronokube apply -f MANIFEST|DIR`: server-side apply of every object, each
 * reported as kubectl does (`deployment.apps/web created`); a refused object
 * changes nothing and makes the exit code non-zero.
 */
import type { KubeObject } from '../../model/index.js';
import { asStatus, loadManifests } from '../../model/index.js';
import type { CliIo } from '../io.js';
import { withSession } from '../session.js';
import { kindLabel } from '../labels.js';

export interface ApplyOptions {
  readonly filename: readonly string[];
  readonly history?: string;
  readonly as?: string;
  readonly namespace?: string;
  readonly fieldManager?: string;
}

export async function applyCommand(io: CliIo, opts: ApplyOptions): Promise<number> {
  const docs = opts.filename.flatMap((f) => loadManifests(f));
  const actor = opts.as === undefined ? 'user:admin' : opts.as.includes(':') ? opts.as : `user:${opts.as}`;
  return withSession(opts.history, 'write', io.err, async ({ api, store }) => {
    let failed = 0;
    for (const doc of docs) {
      const obj: KubeObject = doc.object;
      try {
        const t = api.resolveObject(obj, opts.namespace ?? 'default');
        const before = t.key === '' ? 0 : store.head().versionRev(t.key);
        const after = await api.applyObject(obj, { actor, fieldManager: opts.fieldManager ?? 'chronokube' }, opts.namespace === undefined ? {} : { namespace: opts.namespace });
        const verdict = before === 0 ? 'created' : String(before) === after.metadata.resourceVersion ? 'unchanged' : 'configured';
        io.out(`${kindLabel(t.info)}/${after.metadata.name ?? ''} ${verdict}`);
      } catch (e) {
        failed++;
        const s = asStatus(e);
        const what = `${doc.source}`;
        io.err(s === undefined ? `error: ${what}: ${e instanceof Error ? e.message : String(e)}` : `Error from server (${s.reason}): error when applying ${what}: ${s.message}`);
      }
    }
    return failed === 0 ? 0 : 1;
  });
}
