/**
 * `chronokube replay --history FILE --controllers MODULE`: re-runs your build
 * of one or more controllers (a module exporting `controllers`, matched to
 * the recorded ones by name) over exactly the inputs the recorded
 * controllers were given, and prints the first command that differs, with
 * both command lists and the inputs that led there. Exits 1 on a
 * divergence, 0 when the new code returns what was recorded everywhere.
 *
 * Labelled in every output as re-running controllers over recorded inputs:
 * the history itself (re-folding its events, what `get --at` reads) is exact
 * and never changes.
 */
import { rfc3339 } from '../../api/index.js';
import type { ControllerDefinition } from '../../controllers/index.js';
import type { CommandDivergence, ControllerReplayReport } from '../../debug/index.js';
import { describeCommand, RERUN_CONTROLLERS, replayControllers } from '../../debug/index.js';
import type { HistoryRecord } from '../../model/index.js';
import { loadControllers } from '../../runtime/index.js';
import type { CliIo } from '../io.js';
import { CliError, withSession } from '../session.js';

export interface ReplayOptions {
  readonly history?: string;
  /** Modules exporting `controllers` (repeatable). */
  readonly controllers: readonly string[];
  readonly output?: string;
}

export async function replayCommand(io: CliIo, opts: ReplayOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`replay prints -o text or -o json, not "${output}"`);
  if (opts.controllers.length === 0) throw new CliError('replay needs --controllers MODULE: a module exporting the controllers to re-run');
  const defs: ControllerDefinition[] = [];
  for (const m of opts.controllers) {
    try {
      defs.push(...(await loadControllers(m)));
    } catch (e) {
      throw new CliError(e instanceof Error ? e.message : String(e));
    }
  }
  return withSession(opts.history, 'read', io.err, async (session) => {
    const recordedNames = new Set<string>();
    const records: HistoryRecord[] = [];
    for await (const r of session.log.read()) {
      if (r.type === 'reconcile') recordedNames.add(r.controller);
      records.push(r);
    }
    const missing = defs.map((d) => d.name).filter((n) => !recordedNames.has(n));
    if (missing.length === defs.length) {
      const known = [...recordedNames].sort().join(', ');
      throw new CliError(`the history recorded no reconcile of ${missing.join(', ')}: nothing to compare (it recorded: ${known === '' ? 'none' : known})`);
    }
    let report: ControllerReplayReport;
    try {
      report = await replayControllers({ store: session.store, records, header: session.log.header, controllers: defs });
    } catch (e) {
      throw new CliError(e instanceof Error ? e.message : String(e));
    }
    for (const n of missing) io.err(`warning: the history recorded no reconcile of ${n}; it was not compared`);
    if (output === 'json') io.out(JSON.stringify(report));
    else io.out(renderReport(report, session.log.header.epoch));
    return report.divergence === undefined ? 0 : 1;
  });
}

function renderReport(report: ControllerReplayReport, epoch: number): string {
  const counts = Object.entries(report.checked)
    .map(([n, c]) => `${n} (${c} reconcile${c === 1 ? '' : 's'})`)
    .join(', ');
  const lines = [`replay: ${RERUN_CONTROLLERS} — the recorded history is not changed`, `re-ran ${counts}`];
  const d = report.divergence;
  if (d === undefined) {
    lines.push('no divergence: the new code returned the recorded commands, requeues and errors for every recorded input');
    return lines.join('\n');
  }
  lines.push(...renderDivergence(d, epoch));
  return lines.join('\n');
}

function renderDivergence(d: CommandDivergence, epoch: number): string[] {
  const i = d.input;
  const lines = [
    `DIVERGED: ${i.controller} reconciling ${i.key} at ${rfc3339(epoch, i.time)} (recorded after revision ${i.atRev})`,
    `  inputs: woken by revisions ${i.wokenBy.join(', ') || '(none: a requeue)'}; view at revision ${i.viewRev}`,
  ];
  if (d.what === 'command') {
    lines.push(`  first differing command: #${d.index + 1}`);
    lines.push(`    recorded: ${d.recorded === undefined ? '(none: the new code returned an extra command)' : describeCommand(d.recorded)}`);
    lines.push(`    new code: ${d.replayed === undefined ? '(none: the new code dropped this command)' : describeCommand(d.replayed)}`);
  } else if (d.what === 'error') {
    lines.push(`  same commands, different error: recorded ${d.recordedResult.error ?? '(none)'}; new code ${d.replayedResult.error ?? '(none)'}`);
  } else {
    lines.push(`  same commands, different requeue: recorded ${d.recordedResult.requeueAfterMs ?? 'none'} ms; new code ${d.replayedResult.requeueAfterMs ?? 'none'} ms`);
  }
  const list = (label: string, r: CommandDivergence['recordedResult']): void => {
    lines.push(`  ${label} (${r.commands.length} command${r.commands.length === 1 ? '' : 's'}${r.error === undefined ? '' : `, error: ${r.error}`}):`);
    r.commands.forEach((c, n) => lines.push(`    ${n === d.index ? '>' : ' '} ${n + 1}. ${describeCommand(c)}`));
  };
  list('recorded', d.recordedResult);
  list('new code', d.replayedResult);
  if (d.what === 'command') {
    lines.push('  the differing commands in full:');
    lines.push(`    recorded: ${d.recorded === undefined ? '-' : JSON.stringify(d.recorded)}`);
    lines.push(`    new code: ${d.replayed === undefined ? '-' : JSON.stringify(d.replayed)}`);
  }
  return lines;
}
