/**
 * `chronokube replay --history FILE --simulate`: re-simulates a recorded or
 * imported history — its users' requests and its environment re-made,
 * chronokube's controllers and kubelets deciding everything else — and
 * compares every object's simulated trajectory with the recorded one.
 * Prints where chronokube's model reproduces the incident and where it
 * diverges (with the first recorded value it did not reproduce); exits 1
 * when anything diverges or exists on one side only, 0 when all reproduce.
 *
 * Labelled in every output as re-running controllers over recorded inputs:
 * the recorded history is never changed. `--out` keeps the simulation as a
 * history file of its own, to open in the debugger beside the recording.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { rfc3339 } from '../../api/index.js';
import type { FieldComparison, ObjectComparison, ResimulationReport } from '../../debug/index.js';
import { RESIMULATION, resimulate } from '../../debug/index.js';
import type { Log } from '../../log/index.js';
import { createMemoryLog, openFileLog } from '../../log/index.js';
import type { HistoryHeader, HistoryRecord } from '../../model/index.js';
import { faultSubject } from '../../model/index.js';
import { loadControllers, loadScenario, parseDuration } from '../../runtime/index.js';
import type { CliIo } from '../io.js';
import { CliError, encryptionOption, withSession } from '../session.js';
import { revOption } from './check.js';
import { prepareAt } from '../at-arg.js';

export interface ReplaySimulateOptions {
  readonly history?: string;
  /** Start after this revision or time (default: a recording's `initial-state` bookmark, else the beginning). */
  readonly from?: string;
  readonly for?: string;
  /** A scenario whose container behaviours the simulated kubelets follow. */
  readonly scenario?: string;
  readonly controllers?: readonly string[];
  /** Keep the simulation as a history file. */
  readonly out?: string;
  readonly force?: boolean;
  readonly output?: string;
  /** List reproduced objects too. */
  readonly all?: boolean;
}

export async function replaySimulateCommand(io: CliIo, opts: ReplaySimulateOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`replay --simulate prints -o text or -o json, not "${output}"`);
  const forMs = opts.for === undefined ? undefined : parseDuration(opts.for, '--for');
  const behaviours = opts.scenario === undefined ? [] : loadScenario(opts.scenario).behaviours;
  const controllers = (await Promise.all((opts.controllers ?? []).map((f) => loadControllers(f)))).flat();
  if (opts.out !== undefined && existsSync(opts.out)) {
    if (opts.force !== true) throw new CliError(`${opts.out} exists: pass --force to replace it`);
    for (const suffix of ['', '.checkpoints', '.lock']) rmSync(`${opts.out}${suffix}`, { force: true });
  }
  return withSession(opts.history, 'read', io.err, async (session) => {
    const header = session.log.header;
    await prepareAt(session, opts.from);
    const from = opts.from === undefined ? undefined : revOption(session.store, header.epoch, 'from', opts.from);
    const records: HistoryRecord[] = [];
    for await (const r of session.log.read()) records.push(r);
    const source = basename(session.path);
    const simHeader: HistoryHeader = { ...header, clock: 'virtual', meta: { ...header.meta, resimulationOf: source } };
    const log: Log = opts.out === undefined ? createMemoryLog(simHeader) : await openFileLog(opts.out, { mode: 'write', header: simHeader, onWarning: io.err, ...encryptionOption() });
    try {
      let report: ResimulationReport;
      try {
        ({ report } = await resimulate({ store: session.store, records, header, log, source, behaviours, controllers, ...(from === undefined ? {} : { from }), ...(forMs === undefined ? {} : { forMs }) }));
      } catch (e) {
        if (e instanceof Error && !('status' in e)) throw new CliError(e.message);
        throw e;
      }
      for (const w of report.warnings) io.err(`warning: ${w}`);
      if (output === 'json') io.out(JSON.stringify({ kind: 're-simulation', label: RESIMULATION, ...report, ...(opts.out === undefined ? {} : { out: opts.out }) }));
      else io.out(renderResimulation(report, header.epoch, opts.all === true, opts.out));
      const s = report.summary;
      return s.diverged + s.onlyRecorded + s.onlySimulated === 0 ? 0 : 1;
    } finally {
      await log.close();
    }
  });
}

function values(f: FieldComparison, side: 'recorded' | 'simulated'): string {
  return f[side].map((v) => v.value).join(' → ') || '(never shown)';
}

function renderObject(o: ObjectComparison, epoch: number): string[] {
  const name = o.recorded ?? o.simulated ?? '';
  switch (o.verdict) {
    case 'only-recorded':
      return [`ONLY RECORDED   ${name}  (the simulation never made it)`];
    case 'only-simulated':
      return [`ONLY SIMULATED  ${name}  (the recording never shows it)`];
    case 'reproduced':
    case 'diverged': {
      const as = o.matchedBy === 'owner' ? `  (simulated as ${o.simulated ?? ''}: same controller, same creation order)` : '';
      const lines = [`${o.verdict === 'reproduced' ? 'REPRODUCED' : 'DIVERGED  '}      ${name}${as}`];
      for (const f of o.fields) {
        if (f.verdict === 'reproduced') continue;
        const m = f.mismatch;
        const when = m === undefined ? '' : ` — recorded ${m.recorded.value} at ${rfc3339(epoch, m.recorded.time)}, simulated ${m.simulated?.value ?? '(not shown)'}${m.simulated === undefined ? '' : ` (since ${rfc3339(epoch, m.simulated.time)})`}`;
        lines.push(`    ${f.field}: recorded ${values(f, 'recorded')}; simulated ${values(f, 'simulated')}${when}`);
      }
      return lines;
    }
  }
}

export function renderResimulation(r: ResimulationReport, epoch: number, all: boolean, out?: string): string {
  const i = r.inputs;
  const lines = [RESIMULATION, `from revision ${r.from} (${rfc3339(epoch, r.startedAt)}) to ${rfc3339(epoch, r.endedAt)}${out === undefined ? '' : ` → ${out}`}`];
  lines.push(`inputs re-made: ${i.writes} request${i.writes === 1 ? '' : 's'}${i.actors.length === 0 ? '' : ` — ${i.actors.map((a) => `${a.actor} ${a.writes}`).join(', ')}`}`);
  if (i.faults.length === 0) lines.push('faults: none');
  for (const f of i.faults) lines.push(`fault: ${rfc3339(epoch, f.time)} ${f.fault.kind} ${faultSubject(f.fault)}${f.derived === undefined ? ' (recorded)' : ` (derived: ${f.derived})`}`);
  const why = { 'at-start': 'Node at the start', registered: 'registered in the history', named: 'named by pods or kubelets, no Node recorded' };
  const groups = (['at-start', 'registered', 'named'] as const).map((w) => ({ w, names: i.nodes.filter((n) => n.why === w).map((n) => n.node.name) })).filter((g) => g.names.length > 0);
  lines.push(`nodes: ${groups.length === 0 ? 'none' : groups.map((g) => `${g.names.join(', ')} (${why[g.w]})`).join('; ')}`);
  if (i.namespaces.length > 0) lines.push(`namespaces assumed to exist: ${i.namespaces.join(', ')}`);
  if (i.bootstrap) lines.push("the API server's bootstrap was run (the history does not contain one)");
  if (i.unknownWrites > 0) lines.push(`left out: ${i.unknownWrites} write${i.unknownWrites === 1 ? '' : 's'} whose author the history does not know`);
  lines.push(`compared: ${r.resources.join(', ') || 'nothing (the history has no writes after the start)'}`);
  for (const o of r.objects) if (all || o.verdict !== 'reproduced') lines.push(...renderObject(o, epoch));
  const s = r.summary;
  lines.push(`summary: ${s.reproduced} reproduced, ${s.diverged} diverged, ${s.onlyRecorded} only recorded, ${s.onlySimulated} only simulated`);
  return lines.join('\n');
}
