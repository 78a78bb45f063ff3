/**
 * `chronokube api-resources` and `chronokube api-versions`: discovery as
 * kubectl shows it, built-in kinds and the custom ones the history's CRDs
 * serve at the revision asked for.
 */
import { printTable } from '../../api/index.js';
import type { Table } from '../../api/index.js';
import { KindRegistry } from '../../model/index.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import type { Session } from '../session.js';
import { withSession } from '../session.js';

export interface DiscoveryOptions {
  readonly history?: string;
  readonly at?: string;
}

function registryAt(session: Session, at: string | undefined): KindRegistry {
  const rev = resolveAt(session.store, session.log.header.epoch, at);
  return new KindRegistry({ kinds: session.api.deps.kinds.kinds(session.store.at(rev)) });
}

export async function apiResourcesCommand(io: CliIo, opts: DiscoveryOptions): Promise<number> {
  return withSession(opts.history, 'read', io.err, async (session) => {
    await prepareAt(session, opts.at);
    const rows = registryAt(session, opts.at).apiResources();
    const table: Table = {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {},
      columnDefinitions: ['Name', 'Shortnames', 'Apiversion', 'Namespaced', 'Kind'].map((name) => ({ name, type: 'string', format: '', description: '', priority: 0 })),
      rows: rows.map((r) => ({ cells: [r.name, r.shortNames.join(','), r.apiVersion, String(r.namespaced), r.kind] })),
    };
    io.out(printTable(table).trimEnd());
    return 0;
  });
}

export async function apiVersionsCommand(io: CliIo, opts: DiscoveryOptions): Promise<number> {
  return withSession(opts.history, 'read', io.err, async (session) => {
    await prepareAt(session, opts.at);
    for (const v of registryAt(session, opts.at).apiVersions()) io.out(v);
    return 0;
  });
}
