/**
 * `chronokube history`: the records of a history, oldest first — a table of
 * revision, time, actor, cause, verb and key, or with `-o json` one JSON
 * record per line (objects and patches included). Writes, faults and refused
 * commands by default; `--all` adds every reconcile and the other records.
 * `--kind` and `--name` keep the writes to matching objects.
 */
import type { HistoryRecord } from '../../model/index.js';
import { assertNever, faultSubject, parseKey } from '../../model/index.js';
import { printTable, rfc3339 } from '../../api/index.js';
import type { Table } from '../../api/index.js';
import type { CliIo } from '../io.js';
import { resolveKindArg } from '../kind-arg.js';
import { CliError, withSession } from '../session.js';

export interface HistoryOptions {
  readonly history?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly output?: string;
  /** Include reconcile, perturbation and annotation records (by default: writes, faults and refused commands). */
  readonly all?: boolean;
}

const SHOWN_BY_DEFAULT = new Set(['write', 'fault', 'attempt']);

export async function historyCommand(io: CliIo, opts: HistoryOptions): Promise<number> {
  const output = opts.output ?? 'table';
  if (output !== 'table' && output !== 'json') throw new CliError(`history prints -o table or -o json, not "${output}"`);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const kind = opts.kind === undefined ? undefined : resolveKindArg(session, opts.kind).kind.info;
    const keep = (r: HistoryRecord): boolean => {
      if (opts.all !== true && !SHOWN_BY_DEFAULT.has(r.type)) return false;
      if (kind === undefined && opts.name === undefined) return true;
      if (r.type !== 'write') return false;
      const k = parseKey(r.key);
      return (kind === undefined || (k.group === kind.group && k.resource === kind.plural)) && (opts.name === undefined || k.name === opts.name);
    };
    const rows: string[][] = [];
    for await (const r of session.log.read()) {
      if (!keep(r)) continue;
      if (output === 'json') io.out(JSON.stringify(r));
      else rows.push(row(r, session.log.header.epoch));
    }
    if (output === 'table') io.out(printTable(historyTable(rows)).trimEnd());
    return 0;
  });
}

const HISTORY_COLUMNS = ['Rev', 'Time', 'Actor', 'Cause', 'Verb', 'Key'];

function historyTable(rows: readonly string[][]): Table {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    columnDefinitions: HISTORY_COLUMNS.map((name) => ({ name, type: 'string', format: '', description: '', priority: 0 })),
    rows: rows.map((cells) => ({ cells })),
  };
}

function row(r: HistoryRecord, epoch: number): string[] {
  const time = rfc3339(epoch, r.time);
  switch (r.type) {
    case 'write':
      return [String(r.rev), time, r.actor, r.cause.join(',') || '-', r.subresource === undefined ? r.verb : `${r.verb}/${r.subresource}`, r.key];
    case 'fault':
      return [`@${r.atRev}`, time, r.actor, '-', `fault:${r.fault.kind}`, 'node' in r.fault ? r.fault.node : 'pod' in r.fault ? r.fault.pod : faultSubject(r.fault)];
    case 'reconcile':
      return [`@${r.atRev}`, time, `controller:${r.controller}`, r.wokenBy.join(',') || '-', `reconcile(${r.commands.length})`, r.key];
    case 'attempt':
      return [`@${r.atRev}`, time, r.actor, r.cause.join(',') || '-', `refused:${r.status.reason}`, r.command.type];
    case 'perturbation':
      return [`@${r.atRev}`, time, '-', '-', `perturb:${r.perturbation.kind}`, r.perturbation.controller];
    case 'annotation':
      return [`@${r.atRev}`, time, r.actor, '-', r.annotation.kind, 'name' in r.annotation ? r.annotation.name : ''];
    default:
      return assertNever(r, 'record');
  }
}
