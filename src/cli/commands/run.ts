/**
 * `chronokube run SCENARIO --out HISTORY`: runs a scenario in virtual time
 * (free-running, as fast as the machine goes) with the built-in controllers
 * and writes its history. Same scenario and seed: byte-identical history.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { openFileLog } from '../../log/index.js';
import { HISTORY_FORMAT, HISTORY_FORMAT_VERSION } from '../../model/index.js';
import { loadControllers, loadScenario, parseDuration, runScenario, settingsMeta } from '../../runtime/index.js';
import type { CliIo } from '../io.js';
import { CliError, encryptionOption } from '../session.js';

export interface RunOptions {
  readonly out: string;
  readonly seed?: number;
  readonly untilStable?: boolean;
  readonly for?: string;
  readonly force?: boolean;
  /** Modules exporting users' controllers. */
  readonly controllers?: readonly string[];
}

export async function runCommand(io: CliIo, file: string, opts: RunOptions): Promise<number> {
  if (opts.untilStable === true && opts.for !== undefined) throw new CliError('give --until-stable or --for, not both');
  const scenario = loadScenario(file);
  const controllers = (await Promise.all((opts.controllers ?? []).map((f) => loadControllers(f)))).flat();
  const seed = opts.seed ?? scenario.seed;
  if (existsSync(opts.out)) {
    if (opts.force !== true) throw new CliError(`${opts.out} exists: pass --force to replace it`);
    for (const suffix of ['', '.checkpoints', '.lock']) rmSync(`${opts.out}${suffix}`, { force: true });
  }
  const until = opts.for === undefined ? ({ stable: true } as const) : { forMs: parseDuration(opts.for, '--for') };
  const log = await openFileLog(opts.out, {
    mode: 'write',
    header: {
      format: HISTORY_FORMAT,
      version: HISTORY_FORMAT_VERSION,
      epoch: scenario.epoch,
      clock: 'virtual',
      seed,
      meta: { scenario: scenario.name, file: basename(file), ...settingsMeta(scenario.controllerManager ?? {}) },
    },
    onWarning: io.err,
    ...encryptionOption(),
  });
  try {
    const result = await runScenario(scenario, { log, seed, until, controllers });
    for (const w of result.warnings) io.err(`warning: ${w}`);
    const minutes = (result.endedAt / 60_000).toFixed(1);
    const how = 'forMs' in until ? `for ${minutes} min` : result.stable ? `until stable at ${minutes} min` : `for ${minutes} min without becoming stable`;
    io.out(`ran ${scenario.name} (seed ${seed}) ${how} of virtual time: ${result.writes} writes, revision ${log.headRev()} → ${opts.out}`);
    return 'forMs' in until || result.stable ? 0 : 2;
  } finally {
    await log.close();
  }
}
