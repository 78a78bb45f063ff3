/**
 * `chronokube step [--at REV|TIME|NAME] [--back] [--by object|actor|kind]
 * [filters]`: the debugger cursor on the command line. From `--at` it moves
 * to the next (or with `--back` the previous) write matching the filters —
 * the same ones `history` takes, noise hidden unless `--noise` — and prints
 * that write and the JSON Patch it made to its object. `--by` keeps to the
 * object, actor or kind of the write at `--at`. The write at `--at` itself
 * is never the answer, so feeding the printed revision back as `--at` walks
 * on. Exits 1 when nothing matches in that direction.
 *
 * Without `--at`, stepping forward starts before the first write and
 * stepping back starts at the head.
 *
 * All the moving is DebugCursor's; this file only reads options and prints.
 */
import { rfc3339 } from '../../api/index.js';
import type { WriteFilter } from '../../debug/index.js';
import { DebugCursor } from '../../debug/index.js';
import type { JsonPatch, WriteRecord } from '../../model/index.js';
import { assertNever, parseKey } from '../../model/index.js';
import type { CliIo } from '../io.js';
import { resolveAtIn } from '../at-arg.js';
import { CliError, withSession } from '../session.js';
import type { CursorFilterOptions } from './history.js';
import { writeFilterOf } from './history.js';

export const STEP_BY = ['object', 'actor', 'kind'] as const;
export type StepBy = (typeof STEP_BY)[number];

export interface StepOptions extends CursorFilterOptions {
  readonly history?: string;
  readonly at?: string;
  /** Step to the previous matching write instead of the next. */
  readonly back?: boolean;
  /** Keep to the object, actor or kind of the write at `--at`. */
  readonly by?: string;
  readonly output?: string;
}

export async function stepCommand(io: CliIo, opts: StepOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`step prints -o text or -o json, not "${output}"`);
  const by = opts.by;
  if (by !== undefined && !isStepBy(by)) throw new CliError(`--by takes ${STEP_BY.join(', ')}, not "${by}"`);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const { store } = session;
    const start = opts.at === undefined ? (opts.back === true ? store.rev : store.compactedRev) : await resolveAtIn(session, opts.at);
    let filter = writeFilterOf(session, opts);
    if (by !== undefined) filter = { ...filter, ...byFilter(by, store.write(start), start, filter) };
    const cursor = new DebugCursor(store, { noise: opts.noise === true ? { heartbeats: false, metadataOnly: false, noOps: false } : {} }, start);
    const found = opts.back === true ? cursor.previous(filter) : cursor.next(filter);
    if (found === undefined) {
      io.err(`no write ${opts.back === true ? 'before' : 'after'} revision ${start} matches${opts.noise === true ? '' : ' (noise hidden; --noise includes it)'}`);
      return 1;
    }
    const patch = store.diff(found.rev - 1, found.rev, found.key);
    if (output === 'json') io.out(JSON.stringify({ from: start, rev: found.rev, record: found, diff: patch }));
    else printStep(io, found, patch, session.log.header.epoch, opts.noise === true);
    return 0;
  });
}

function isStepBy(s: string): s is StepBy {
  return (STEP_BY as readonly string[]).includes(s);
}

/** The filter `--by` adds, from the write at the start; it may not contradict an explicit filter. */
function byFilter(by: StepBy, w: WriteRecord | undefined, start: number, filter: WriteFilter): WriteFilter {
  if (w === undefined) throw new CliError(`--by ${by} follows the write at --at, and revision ${start} has none: give --at a revision of a write`);
  const conflict = (flag: string): never => {
    throw new CliError(`--by ${by} and ${flag} both choose the ${by}: give one`);
  };
  switch (by) {
    case 'object':
      if (filter.kind !== undefined || filter.name !== undefined || filter.namespace !== undefined) conflict('--kind/--name/-n');
      return { key: w.key };
    case 'actor':
      if (filter.actor !== undefined) conflict('--actor');
      return { actor: w.actor };
    case 'kind': {
      if (filter.kind !== undefined) conflict('--kind');
      const k = parseKey(w.key);
      return { kind: k.group === '' ? k.resource : `${k.resource}.${k.group}` };
    }
    default:
      return assertNever(by, '--by');
  }
}

/** Bookkeeping a write makes to every object; shown only with `--noise`. */
const BOOKKEEPING = /^\/metadata\/(managedFields|resourceVersion)(\/|$)/;

/**
 * `rev 105 2026-01-01T00:01:45Z controller:replicaset update/status apps/replicasets/default/web (cause 101,104)`,
 * then one line per patch operation (`-o json` has the whole patch).
 */
function printStep(io: CliIo, w: WriteRecord, patch: JsonPatch, epoch: number, noise: boolean): void {
  const verb = w.subresource === undefined ? w.verb : `${w.verb}/${w.subresource}`;
  const cause = w.cause.length === 0 ? '' : ` (cause ${w.cause.join(',')})`;
  io.out(`rev ${w.rev} ${rfc3339(epoch, w.time)} ${w.actor} ${verb} ${w.key}${cause}`);
  if (w.change.op === 'remove') return io.out('  (removed)');
  if (patch.length === 1 && patch[0]?.path === '') return io.out(`  (created; \`chronokube get\` --at ${w.rev} shows it)`);
  const shown = noise ? patch : patch.filter((op) => !BOOKKEEPING.test(op.path));
  if (shown.length === 0) io.out(patch.length === 0 ? '  (no change)' : '  (only managedFields/resourceVersion; --noise shows them)');
  for (const op of shown) {
    const value = 'value' in op ? ` ${JSON.stringify(op.value)}` : '';
    const from = 'from' in op ? ` from ${String(op.from)}` : '';
    io.out(`  ${op.op.padEnd(7)} ${op.path}${from}${value}`);
  }
}
