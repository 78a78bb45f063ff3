/**
 * `chronokube history`: the records of a history, oldest first — a table of
 * revision, time, actor, cause, verb and key, or with `-o json` one JSON
 * record per line (objects and patches included). Writes, faults and refused
 * commands by default; `--all` adds every reconcile and the other records.
 *
 * The debugger cursor's filters narrow it (`--kind`, `--name`, `-n`, `-l`,
 * `--actor`, `--verb`, `--text`, `--where`, `--from`/`--to`), compiled by
 * debug's `compileFilter` so the CLI, the cursor and the UI agree on what
 * matches. Filters about objects keep writes only; `--actor` and `--text`
 * apply to every record. Noise (heartbeats and lease renewals,
 * managedFields/resourceVersion-only changes, no-op writes) is hidden unless
 * `--noise`, and the output says how many writes it hid.
 */
import type { HistoryRecord, WriteRecord } from '../../model/index.js';
import { assertNever, faultSubject } from '../../model/index.js';
import { printTable, rfc3339 } from '../../api/index.js';
import type { Table } from '../../api/index.js';
import type { WriteContext, WriteFilter } from '../../debug/index.js';
import { compileFilter, isNoise } from '../../debug/index.js';
import type { Store } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { resolveKindArg } from '../kind-arg.js';
import { resolveAtIn } from '../at-arg.js';
import type { Session } from '../session.js';
import { CliError, withSession } from '../session.js';

/** The cursor's filters as CLI options (shared by `history` and `step`). */
export interface CursorFilterOptions {
  /** A kind as kubectl takes it (`pods`, `po`, `deployment.apps`). */
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  /** `controller:replicaset`, or a prefix ending in `*` (`node:*`). */
  readonly actor?: string;
  /** `delete`, or with a subresource `update/status`. */
  readonly verb?: string;
  /** A label selector the object must match (`-l app=web,tier!=db`). */
  readonly selector?: string;
  /** Case-insensitive text anywhere in the record. */
  readonly text?: string;
  /** A predicate over the object after the write: `status.phase=Failed`, `PATH!=VALUE`, comma-separated. */
  readonly where?: string;
  /** Show noise too (by default hidden). */
  readonly noise?: boolean;
}

export interface HistoryOptions extends CursorFilterOptions {
  readonly history?: string;
  readonly output?: string;
  /** Include reconcile, perturbation and annotation records (by default: writes, faults and refused commands). */
  readonly all?: boolean;
  /** First and last revision shown (REV, HEAD~N, TIME or a bookmark). */
  readonly from?: string;
  readonly to?: string;
}

/** The WriteFilter the options describe; the kind is resolved as kubectl would (short names, groups). */
export function writeFilterOf(session: Session, opts: CursorFilterOptions): WriteFilter {
  const info = opts.kind === undefined ? undefined : resolveKindArg(session, opts.kind).kind.info;
  const filter: WriteFilter = {
    ...(info === undefined ? {} : { kind: info.group === '' ? info.plural : `${info.plural}.${info.group}` }),
    ...(opts.name === undefined ? {} : { name: opts.name }),
    ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
    ...(opts.actor === undefined ? {} : { actor: opts.actor }),
    ...(opts.verb === undefined ? {} : { verb: opts.verb }),
    ...(opts.selector === undefined ? {} : { labels: opts.selector }),
    ...(opts.text === undefined ? {} : { text: opts.text }),
    ...(opts.where === undefined ? {} : { state: opts.where }),
  };
  compileChecked(filter);
  return filter;
}

/** compileFilter with its selector and predicate errors as CLI errors naming the option. */
export function compileChecked(filter: WriteFilter): ReturnType<typeof compileFilter> {
  const check = (flag: string, part: WriteFilter): void => {
    try {
      compileFilter(part);
    } catch (e) {
      throw new CliError(`${flag}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  if (filter.labels !== undefined) check('-l/--selector', { labels: filter.labels });
  if (filter.state !== undefined) check('--where', { state: filter.state });
  return compileFilter(filter);
}

/** The object before and after a write, read only when a filter or the noise check needs them. */
export function writeContext(store: Store, w: WriteRecord): () => WriteContext {
  let memo: WriteContext | undefined;
  return () =>
    (memo ??= {
      before: w.prevRev > 0 && w.prevRev >= store.compactedRev ? store.at(w.prevRev).get(w.key) : undefined,
      after: store.at(w.rev).get(w.key),
    });
}

const SHOWN_BY_DEFAULT = new Set(['write', 'fault', 'attempt']);
const NOISE_KINDS = [
  ['heartbeats', 'heartbeats and lease renewals'],
  ['metadataOnly', 'managedFields/resourceVersion-only'],
  ['noOps', 'no-op'],
] as const;

export async function historyCommand(io: CliIo, opts: HistoryOptions): Promise<number> {
  const output = opts.output ?? 'table';
  if (output !== 'table' && output !== 'json') throw new CliError(`history prints -o table or -o json, not "${output}"`);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const { store } = session;
    const filter = writeFilterOf(session, opts);
    const test = compileChecked(filter);
    const writesOnly = ['kind', 'name', 'namespace', 'labels', 'state', 'verb'].some((f) => f in filter);
    const text = opts.text?.toLowerCase();
    const from = opts.from === undefined ? store.compactedRev : await revFlag(session, 'from', opts.from);
    const to = opts.to === undefined ? store.rev : await revFlag(session, 'to', opts.to);
    if (from > to) throw new CliError(`--from ${opts.from ?? from} (revision ${from}) is after --to ${opts.to ?? to} (revision ${to})`);
    const hidden = new Map<string, number>();
    const keep = (r: HistoryRecord): boolean => {
      if (opts.all !== true && !SHOWN_BY_DEFAULT.has(r.type)) return false;
      if (r.type !== 'write') {
        if (r.atRev < from || writesOnly) return false;
        if (opts.actor !== undefined && !actorMatches(opts.actor, actorOf(r))) return false;
        return text === undefined || JSON.stringify(r).toLowerCase().includes(text);
      }
      const ctx = writeContext(store, r);
      if (!test(r, ctx)) return false;
      if (opts.noise === true || !isNoise(r, ctx)) return true;
      const [kind] = NOISE_KINDS.find(([k]) => isNoise(r, ctx, { heartbeats: k === 'heartbeats', metadataOnly: k === 'metadataOnly', noOps: k === 'noOps' })) ?? ['noOps'];
      hidden.set(kind, (hidden.get(kind) ?? 0) + 1);
      return false;
    };
    const rows: string[][] = [];
    for await (const r of session.log.read(Math.max(store.compactedRev, from - 1))) {
      if (r.type === 'write' && r.rev > to) break;
      if (r.type === 'write' && r.rev < from) continue;
      if (!keep(r)) continue;
      if (output === 'json') io.out(JSON.stringify(r));
      else rows.push(row(r, session.log.header.epoch));
    }
    if (output === 'table') io.out(printTable(historyTable(rows)).trimEnd());
    const note = hiddenNote(hidden);
    if (note !== undefined) (output === 'table' ? io.out : io.err)(note);
    return 0;
  });
}

/** `--from`/`--to` resolved as `--at` is, errors naming the flag. */
async function revFlag(session: Session, flag: string, value: string): Promise<number> {
  try {
    return await resolveAtIn(session, value);
  } catch (e) {
    if (e instanceof CliError) throw new CliError(e.message.replace('--at', `--${flag}`));
    throw e;
  }
}

function hiddenNote(hidden: ReadonlyMap<string, number>): string | undefined {
  const parts = NOISE_KINDS.filter(([k]) => (hidden.get(k) ?? 0) > 0).map(([k, label]) => `${hidden.get(k) ?? 0} ${label}`);
  if (parts.length === 0) return undefined;
  const total = [...hidden.values()].reduce((a, b) => a + b, 0);
  return `(${total} noise ${total === 1 ? 'write' : 'writes'} hidden: ${parts.join(', ')}; --noise shows them)`;
}

function actorMatches(pattern: string, actor: string): boolean {
  return pattern.endsWith('*') ? actor.startsWith(pattern.slice(0, -1)) : actor === pattern;
}

function actorOf(r: Exclude<HistoryRecord, WriteRecord>): string {
  switch (r.type) {
    case 'reconcile':
      return `controller:${r.controller}`;
    case 'perturbation':
      return '-';
    case 'fault':
    case 'attempt':
    case 'annotation':
      return r.actor;
    default:
      return assertNever(r, 'record');
  }
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
