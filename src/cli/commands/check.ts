/**
 * `chronokube check --invariant NAME`: every range of revisions where the
 * invariant fails, each with the write that broke it and the violations
 * then; exits 1 when it fails anywhere (so scripts and CI can gate on it).
 * `--invariants-module FILE` adds users' invariants (a module exporting
 * `invariants`). Also home of the argument helpers `bisect` shares.
 */
import { rfc3339 } from '../../api/index.js';
import type { CheckedRange } from '../../debug/index.js';
import { checkHistory } from '../../debug/index.js';
import type { Invariant } from '../../invariants/index.js';
import { findInvariant, loadInvariants, UnknownInvariantError } from '../../invariants/index.js';
import type { WriteRecord } from '../../model/index.js';
import type { Store } from '../../store/index.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import { CliError, withSession } from '../session.js';

export interface CheckOptions {
  readonly history?: string;
  readonly invariant: string;
  readonly invariantsModule?: string;
  readonly from?: string;
  readonly to?: string;
  readonly output?: string;
}

/** The invariant named `name`, a user's from `module` first; unknown names and bad modules are CLI errors. */
export async function invariantFor(name: string, module: string | undefined): Promise<Invariant> {
  let extra: Invariant[] = [];
  if (module !== undefined) {
    try {
      extra = await loadInvariants(module);
    } catch (e) {
      throw new CliError(e instanceof Error ? e.message : String(e));
    }
  }
  try {
    return findInvariant(name, extra);
  } catch (e) {
    if (e instanceof UnknownInvariantError) throw new CliError(e.message);
    throw e;
  }
}

/** A revision option (number, HEAD, HEAD~N or RFC 3339 time), with errors naming the option. */
export function revOption(store: Store, epoch: number, flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return resolveAt(store, epoch, value);
  } catch (e) {
    if (e instanceof CliError) throw new CliError(e.message.replace('--at', `--${flag}`));
    throw e;
  }
}

/** `rev 105 2026-01-01T00:01:45Z controller:replicaset update/status apps/replicasets/default/web`. */
export function describeWrite(w: WriteRecord, epoch: number): string {
  return `rev ${w.rev} ${rfc3339(epoch, w.time)} ${w.actor} ${w.subresource === undefined ? w.verb : `${w.verb}/${w.subresource}`} ${w.key}`;
}

export async function checkCommand(io: CliIo, opts: CheckOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`check prints -o text or -o json, not "${output}"`);
  const invariant = await invariantFor(opts.invariant, opts.invariantsModule);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const epoch = session.log.header.epoch;
    await prepareAt(session, opts.from, opts.to);
    const fromRev = revOption(session.store, epoch, 'from', opts.from);
    const toRev = revOption(session.store, epoch, 'to', opts.to);
    const report = checkHistory(session.store, invariant, { epoch, ...(fromRev === undefined ? {} : { fromRev }), ...(toRev === undefined ? {} : { toRev }) });
    if (output === 'json') io.out(JSON.stringify(report));
    else if (report.holds) io.out(`${invariant.name} holds at every revision from ${report.fromRev} to ${report.toRev}`);
    else {
      const n = report.ranges.length;
      io.out(`${invariant.name} fails in ${n} range${n === 1 ? '' : 's'} of revisions ${report.fromRev}..${report.toRev}:`);
      for (const r of report.ranges) io.out(renderRange(r, epoch));
    }
    return report.holds ? 0 : 1;
  });
}

function renderRange(r: CheckedRange, epoch: number): string {
  const span = r.open ? `revisions ${r.from}..${r.to} (still failing at the end)` : `revisions ${r.from}..${r.to}`;
  const lines = [`  ${span}`];
  lines.push(r.write === undefined ? '    from the start' : `    broken by ${describeWrite(r.write, epoch)}`);
  for (const v of r.violations) lines.push(`      ${v.key}: ${v.message}`);
  if (r.recoveredBy !== undefined) lines.push(`    recovered by ${describeWrite(r.recoveredBy, epoch)}`);
  return lines.join('\n');
}
