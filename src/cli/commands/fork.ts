/**
 * `chronokube fork --history FILE --at REV --out FILE`: what-if. Branches the
 * history just after revision REV, changes what happens next (drop a
 * recorded fault or a user's write, apply manifests, inject faults, set
 * kube-controller-manager flags with `--set FLAG=VALUE`), re-runs
 * the built-in controllers and kubelets forward in virtual time from the
 * state at REV (re-making the original's other faults and user writes at
 * their times), writes the branch, and compares it with the original at the
 * branch's end: objects only in one, objects that differ, and the writes
 * each actor made differently.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { rfc3339 } from '../../api/index.js';
import type { BranchComparison, ForkChange } from '../../debug/index.js';
import { compareBranches, fork, forkHeader } from '../../debug/index.js';
import { openFileLog } from '../../log/index.js';
import type { Fault, HistoryRecord } from '../../model/index.js';
import { loadManifests } from '../../model/index.js';
import { ControllerSettingsError, loadControllers, loadScenario, parseDuration, parseSettingArg } from '../../runtime/index.js';
import type { CliIo } from '../io.js';
import { CliError, encryptionOption, withSession } from '../session.js';
import { revOption } from './check.js';
import { prepareAt } from '../at-arg.js';

export interface ForkOptions {
  readonly history?: string;
  readonly at: string;
  readonly out: string;
  readonly dropFault?: readonly number[];
  readonly dropWrite?: readonly number[];
  readonly apply?: readonly string[];
  /** `KIND:NODE[@DURATION]` or `container-crash:NS/POD/CONTAINER[@DURATION]`. */
  readonly fault?: readonly string[];
  readonly for?: string;
  /** `FLAG=VALUE`: kube-controller-manager flags for the branch's controllers (repeatable; over the original's recorded settings). */
  readonly set?: readonly string[];
  /** A scenario whose container behaviours the branch's world uses. */
  readonly scenario?: string;
  readonly controllers?: readonly string[];
  readonly force?: boolean;
  readonly output?: string;
}

const NODE_FAULTS = ['node-down', 'node-up', 'partition', 'heal', 'kubelet-restart'] as const;

/** `node-down:node-2`, `kubelet-restart:node-1@30s`, `container-crash:default/web-x/web@1m`. */
export function parseFaultArg(arg: string): { fault: Fault; afterMs: number } {
  const [spec = '', after] = arg.split('@');
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const subject = colon < 0 ? '' : spec.slice(colon + 1);
  const afterMs = after === undefined ? 0 : parseDuration(after, `--fault ${arg}`);
  if (subject === '') throw new CliError(`--fault wants KIND:NODE (or container-crash:NAMESPACE/POD/CONTAINER), got "${arg}"`);
  if ((NODE_FAULTS as readonly string[]).includes(kind)) return { fault: { kind: kind as (typeof NODE_FAULTS)[number], node: subject }, afterMs };
  if (kind === 'container-crash') {
    const parts = subject.split('/');
    if (parts.length !== 3 || parts.some((p) => p === '')) throw new CliError(`--fault container-crash wants NAMESPACE/POD/CONTAINER, got "${subject}"`);
    return { fault: { kind: 'container-crash', pod: `${parts[0] ?? ''}/${parts[1] ?? ''}`, container: parts[2] ?? '' }, afterMs };
  }
  throw new CliError(`--fault: unknown fault kind "${kind}" (${[...NODE_FAULTS, 'container-crash'].join(', ')})`);
}

function settingArg(arg: string): { flag: string; value: string } {
  try {
    return parseSettingArg(arg);
  } catch (e) {
    if (e instanceof ControllerSettingsError) throw new CliError(`--set: ${e.message}`);
    throw e;
  }
}

export async function forkCommand(io: CliIo, opts: ForkOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`fork prints -o text or -o json, not "${output}"`);
  const changes: ForkChange[] = [
    ...(opts.dropFault ?? []).map((atRev): ForkChange => ({ type: 'drop-fault', atRev })),
    ...(opts.dropWrite ?? []).map((rev): ForkChange => ({ type: 'drop-write', rev })),
    ...(opts.apply ?? []).map((f): ForkChange => ({ type: 'apply', objects: loadManifests(f).map((d) => d.object) })),
    ...(opts.fault ?? []).map((a): ForkChange => ({ type: 'fault', ...parseFaultArg(a) })),
    ...(opts.set ?? []).map((a): ForkChange => ({ type: 'setting', ...settingArg(a) })),
  ];
  const forMs = opts.for === undefined ? undefined : parseDuration(opts.for, '--for');
  const behaviours = opts.scenario === undefined ? [] : loadScenario(opts.scenario).behaviours;
  const controllers = (await Promise.all((opts.controllers ?? []).map((f) => loadControllers(f)))).flat();
  if (existsSync(opts.out)) {
    if (opts.force !== true) throw new CliError(`${opts.out} exists: pass --force to replace it`);
    for (const suffix of ['', '.checkpoints', '.lock']) rmSync(`${opts.out}${suffix}`, { force: true });
  }
  return withSession(opts.history, 'read', io.err, async (session) => {
    const header = session.log.header;
    await prepareAt(session, opts.at);
    const at = revOption(session.store, header.epoch, 'at', opts.at) ?? session.store.rev;
    const records: HistoryRecord[] = [];
    for await (const r of session.log.read()) records.push(r);
    const source = basename(session.path);
    const log = await openFileLog(opts.out, { mode: 'write', header: forkHeader(header, at, source, changes), onWarning: io.err, ...encryptionOption() });
    try {
      let result;
      try {
        result = await fork({ store: session.store, records, header, at, changes, log, source, behaviours, controllers, ...(forMs === undefined ? {} : { forMs }) });
      } catch (e) {
        if (e instanceof Error && !('status' in e)) throw new CliError(e.message);
        throw e;
      }
      const cmp = compareBranches(session.store, result.store, at, result.endedAt, { ignore: (k) => k.startsWith('coordination.k8s.io/leases/') });
      for (const w of result.warnings) io.err(`warning: ${w}`);
      if (output === 'json') io.out(JSON.stringify({ kind: 're-running controllers from a fork point', at, note: result.note, startedAt: result.startedAt, endedAt: result.endedAt, replayed: result.replayed, out: opts.out, comparison: cmp }));
      else io.out(render(result.note, at, result.startedAt, result.endedAt, log.headRev(), opts.out, cmp, header.epoch));
      return 0;
    } finally {
      await log.close();
    }
  });
}

function render(note: string, at: number, from: number, to: number, head: number, out: string, cmp: BranchComparison, epoch: number): string {
  const lines = [
    `fork: re-running controllers from revision ${at} (${rfc3339(epoch, from)}) — ${note}`,
    `ran to ${rfc3339(epoch, to)}: the branch has revisions 1..${head} → ${out}`,
    `compared at ${rfc3339(epoch, cmp.time)} (original revision ${cmp.originalRev}, branch revision ${cmp.branchRev}; Leases left out):`,
    `  only in the original: ${cmp.onlyInOriginal.length}; only in the branch: ${cmp.onlyInBranch.length}; in both but different: ${cmp.changed.length}`,
  ];
  const list = (label: string, keys: readonly string[]): void => {
    const shown = keys.filter((k) => !k.startsWith('core/events/'));
    if (shown.length === 0) return;
    lines.push(`  ${label} (Events left out):`);
    for (const k of shown) lines.push(`    ${k}`);
  };
  list('only in the original', cmp.onlyInOriginal);
  list('only in the branch', cmp.onlyInBranch);
  if (cmp.actions.length > 0) {
    lines.push('  writes after the fork point that differ (actor, verb, resource: original → branch):');
    const w = Math.max(...cmp.actions.map((a) => `${a.actor} ${a.verb} ${a.resource}`.length));
    for (const a of cmp.actions) lines.push(`    ${`${a.actor} ${a.verb} ${a.resource}`.padEnd(w)}  ${a.original} → ${a.branch}`);
  } else lines.push('  every actor made the same number of writes of each kind in both');
  return lines.join('\n');
}
