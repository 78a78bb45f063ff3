/**
 * `chronokube get KIND [NAME]`: objects at a revision (`--at`, default the
 * newest), as a kubectl table (`-o wide` for more columns), JSON, YAML or
 * names. Ages are as of the revision shown, so the past reads as it was.
 */
import { stringify } from 'yaml';
import type { KubeObject } from '../../model/index.js';
import { notFound } from '../../model/index.js';
import { printTable, toTable } from '../../api/index.js';
import { resolveAt } from '../at-arg.js';
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
  return withSession(opts.history, 'read', io.err, async (session) => {
    const { kind, name: n } = resolveKindArg(session, kindOrRef, name);
    const rev = resolveAt(session.store, session.log.header.epoch, opts.at);
    const all = opts.allNamespaces === true && n === undefined;
    const namespace = kind.info.namespaced && !all ? (opts.namespace ?? 'default') : undefined;
    const fieldSelector = [opts.fieldSelector, n === undefined ? undefined : `metadata.name=${n}`].filter((s) => s !== undefined && s !== '').join(',');
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
    if (items.length === 0 && output !== 'json' && output !== 'yaml') {
      io.err(namespace === undefined ? 'No resources found' : `No resources found in ${namespace} namespace.`);
      return 0;
    }
    const shown: unknown = n !== undefined ? items[0] : { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: String(rev) }, items };
    switch (output) {
      case 'json':
        io.out(JSON.stringify(shown, null, 2));
        break;
      case 'yaml':
        io.out(stringify(shown));
        break;
      case 'name':
        for (const o of items) io.out(`${kindLabel(kind.info)}/${o.metadata.name ?? ''}`);
        break;
      default: {
        const write = session.store.write(rev);
        const now = session.log.header.epoch + (write?.time ?? 0);
        const table = toTable({ group: kind.info.group, kind: kind.info.kind }, items as readonly KubeObject[], { now });
        io.out(printTable(table, { wide: output === 'wide', withNamespace: all && kind.info.namespaced }));
      }
    }
    return 0;
  });
}
