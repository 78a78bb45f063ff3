/**
 * `chronokube bisect --invariant NAME [--good REV] [--bad REV]`: as `git
 * bisect`, the revision where the invariant goes from holding to failing,
 * found in O(log n) seeks, with the write at it (actor, verb, key) and the
 * violations; reminds that other transitions may exist if it recovers in
 * between (`check` lists them all).
 */
import { bisect, BisectError } from '../../debug/index.js';
import type { CliIo } from '../io.js';
import { CliError, withSession } from '../session.js';
import { describeWrite, invariantFor, revOption } from './check.js';
import { prepareAt } from '../at-arg.js';

export interface BisectOptions {
  readonly history?: string;
  readonly invariant: string;
  readonly invariantsModule?: string;
  readonly good?: string;
  readonly bad?: string;
  readonly output?: string;
}

export async function bisectCommand(io: CliIo, opts: BisectOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`bisect prints -o text or -o json, not "${output}"`);
  const invariant = await invariantFor(opts.invariant, opts.invariantsModule);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const epoch = session.log.header.epoch;
    await prepareAt(session, opts.good, opts.bad);
    const good = revOption(session.store, epoch, 'good', opts.good);
    const bad = revOption(session.store, epoch, 'bad', opts.bad);
    let r;
    try {
      r = bisect(session.store, invariant, { epoch, ...(good === undefined ? {} : { good }), ...(bad === undefined ? {} : { bad }) });
    } catch (e) {
      if (e instanceof BisectError) throw new CliError(e.message);
      throw e;
    }
    if (output === 'json') {
      io.out(JSON.stringify(r));
      return 0;
    }
    io.out(`${r.invariant} goes from holding to failing at revision ${r.rev} (it holds at ${r.rev - 1})`);
    io.out(r.write === undefined ? '  at the start of the history' : `  ${describeWrite(r.write, epoch)}`);
    for (const v of r.violations) io.out(`    ${v.key}: ${v.message}`);
    io.out(`bisected good ${r.good} .. bad ${r.bad} in ${r.seeks} seeks; if ${r.invariant} recovers and fails again in between, other transitions exist (run check to list every failing range)`);
    return 0;
  });
}
