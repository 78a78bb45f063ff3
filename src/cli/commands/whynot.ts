/**
 * `chronokube whynot KIND/NAME`: the common negative questions — why is this
 * pod not scheduled, not running, not replaced; why is this Deployment not
 * available — answered from the recorded state, conditions, Events and the
 * commands the API refused, as of the newest revision or `--at`.
 */
import type { AttemptRecord } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import { renderWhyNot, whyNot } from '../../debug/index.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import { resolveKindArg } from '../kind-arg.js';
import { CliError, withSession } from '../session.js';

export interface WhyNotOptions {
  readonly history?: string;
  readonly at?: string;
  readonly namespace?: string;
  readonly output?: string;
}

export async function whyNotCommand(io: CliIo, ref: string, name: string | undefined, opts: WhyNotOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`whynot prints -o text or -o json, not "${output}"`);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const { kind, name: n } = resolveKindArg(session, ref, name);
    if (n === undefined) throw new CliError(`whynot wants KIND/NAME, got "${ref}"`);
    const key = objectKey({ group: kind.info.group, resource: kind.info.plural, namespace: kind.info.namespaced ? (opts.namespace ?? 'default') : '', name: n });
    await prepareAt(session, opts.at);
    const rev = resolveAt(session.store, session.log.header.epoch, opts.at);
    const attempts: AttemptRecord[] = [];
    for await (const r of session.log.read()) {
      if (r.type === 'write' && r.rev > rev) break;
      if (r.type === 'attempt') attempts.push(r);
    }
    const answer = whyNot(session.store, attempts, key, rev);
    io.out(output === 'json' ? JSON.stringify(answer) : renderWhyNot(answer));
    return 0;
  });
}
