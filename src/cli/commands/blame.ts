/**
 * `chronokube blame KIND/NAME [--at REV]`: for every field of the object,
 * the write that last set its current value — revision, time, actor, verb —
 * as `git blame` does for lines; `-o json` adds each write's cause.
 */
import type { Table } from '../../api/index.js';
import { printTable, rfc3339 } from '../../api/index.js';
import { blame } from '../../debug/index.js';
import { objectKey } from '../../model/index.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import { resolveKindArg } from '../kind-arg.js';
import { CliError, withSession } from '../session.js';

export interface BlameOptions {
  readonly history?: string;
  readonly at?: string;
  readonly namespace?: string;
  readonly output?: string;
}

const COLUMNS = ['Rev', 'Time', 'Actor', 'Verb', 'Field', 'Value'];

export async function blameCommand(io: CliIo, ref: string, name: string | undefined, opts: BlameOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`blame prints -o text or -o json, not "${output}"`);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const { kind, name: n } = resolveKindArg(session, ref, name);
    if (n === undefined) throw new CliError(`blame wants KIND/NAME, got "${ref}"`);
    const key = objectKey({ group: kind.info.group, resource: kind.info.plural, namespace: kind.info.namespaced ? (opts.namespace ?? 'default') : '', name: n });
    const epoch = session.log.header.epoch;
    await prepareAt(session, opts.at);
    const rev = resolveAt(session.store, epoch, opts.at);
    const result = blame(session.store, key, rev);
    if (result === undefined) throw new CliError(`${key} does not exist at revision ${rev}`);
    if (output === 'json') {
      io.out(JSON.stringify(result));
      return 0;
    }
    const table: Table = {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {},
      columnDefinitions: COLUMNS.map((c) => ({ name: c, type: 'string', format: '', description: '', priority: 0 })),
      rows: result.lines.map((l) => ({
        cells: [String(l.rev), rfc3339(epoch, l.time), l.actor, l.subresource === undefined ? l.verb : `${l.verb}/${l.subresource}`, l.path, typeof l.value === 'string' ? l.value : JSON.stringify(l.value)],
      })),
    };
    io.out(printTable(table).trimEnd());
    return 0;
  });
}
