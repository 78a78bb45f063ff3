/**
 * `chronokube get KIND [NAME]`: objects at a revision (`--at`, default the
 * newest), as a kubectl table (`-o wide` for more columns), JSON, YAML or
 * names. Ages are as of the revision shown, so the past reads as it was.
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../../model/index.js';
import { notFound } from '../../model/index.js';
import { printTable, toTable } from '../../api/index.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import { resolveKindArg } from '../kind-arg.js';
import { kindLabel } from '../labels.js';
import { CliError, withSession } from '../session.js';

export interface GetOptions {
  readonly history?: string;
  readonly at?: string;
  readonly selector?: string;
  readonly fieldSelector?: string;
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly output?: string;
}

const OUTPUTS = ['table', 'wide', 'json', 'yaml', 'name'];

export async function getCommand(io: CliIo, kindOrRef: string, name: string | undefined, opts: GetOptions): Promise<number> {
  const output = opts.output ?? 'table';
  if (!OUTPUTS.includes(output)) throw new CliError(`unknown output format "${output}": use one of ${OUTPUTS.join(', ')}`);
  // `get deploy,rs` lists several kinds, as kubectl does (names then carry their kind).
  const kinds = name === undefined && !kindOrRef.includes('/') ? kindOrRef.split(',').filter((k) => k !== '') : [kindOrRef];
  if (kinds.length === 0) throw new CliError('get wants a kind, e.g. pods or deploy,rs');
  const several = kinds.length > 1;
  return withSession(opts.history, 'read', io.err, async (session) => {
    await prepareAt(session, opts.at);
    const rev = resolveAt(session.store, session.log.header.epoch, opts.at);
    const shownItems: KubeObject[] = [];
    const tables: string[] = [];
    let namespaceShown: string | undefined;
    for (const k of kinds) {
      const { kind, name: n } = resolveKindArg(session, k, name);
      const all = opts.allNamespaces === true && n === undefined;
      const namespace = kind.info.namespaced && !all ? (opts.namespace ?? 'default') : undefined;
      namespaceShown ??= namespace;
      const fieldSelector = [opts.fieldSelector, n === undefined ? undefined : `metadata.name=${n}`].filter((f) => f !== undefined && f !== '').join(',');
      const list = session.api.list(
        { group: kind.info.group, version: kind.info.version, resource: kind.info.plural, ...(namespace === undefined ? {} : { namespace }) },
        {
          ...(rev === session.store.rev || rev === 0 ? {} : { resourceVersion: String(rev), resourceVersionMatch: 'Exact' }),
          ...(opts.selector === undefined ? {} : { labelSelector: opts.selector }),
          ...(fieldSelector === '' ? {} : { fieldSelector }),
        },
      );
      const items = rev === 0 ? [] : list.items;
      if (n !== undefined && items.length === 0) throw notFound({ group: kind.info.group, resource: kind.info.plural }, n);
      if (n !== undefined && (output === 'json' || output === 'yaml')) {
        io.out(output === 'json' ? JSON.stringify(items[0], null, 2) : stringify(items[0]));
        return 0;
      }
      shownItems.push(...items);
      if (items.length === 0) continue;
      if (output === 'name') {
        for (const o of items) tables.push(`${kindLabel(kind.info)}/${o.metadata.name ?? ''}`);
      } else if (output === 'table' || output === 'wide') {
        const write = session.store.write(rev);
        const now = session.log.header.epoch + (write?.time ?? 0);
        let table = toTable({ group: kind.info.group, kind: kind.info.kind }, items as readonly KubeObject[], { now });
        if (several) table = { ...table, rows: table.rows.map((r) => ({ ...r, cells: [`${kindLabel(kind.info)}/${String(r.cells[0])}`, ...r.cells.slice(1)] })) };
        tables.push(printTable(table, { wide: output === 'wide', withNamespace: all && kind.info.namespaced }).trimEnd());
      }
    }
    if (output === 'json' || output === 'yaml') {
      const shown = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(rev) }, items: shownItems };
      io.out(output === 'json' ? JSON.stringify(shown, null, 2) : stringify(shown));
      return 0;
    }
    if (shownItems.length === 0) {
      io.err(namespaceShown === undefined ? 'No resources found' : `No resources found in ${namespaceShown} namespace.`);
      return 0;
    }
    io.out(tables.join(output === 'name' ? '\n' : '\n\n'));
    return 0;
  });
}
