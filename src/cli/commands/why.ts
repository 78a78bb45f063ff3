/**
 * `chronokube why KIND/NAME [--field PATH]`: the chain of causes behind an
 * object's latest (or `--at`) version — or, with `--field`, behind the write
 * that last set that field's value — back to user actions and faults.
 */
import type { FaultRecord } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import { renderWhy, why, whyField } from '../../debug/index.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import type { CliIo } from '../io.js';
import { resolveKindArg } from '../kind-arg.js';
import { CliError, withSession } from '../session.js';

export interface WhyOptions {
  readonly history?: string;
  readonly at?: string;
  readonly namespace?: string;
  readonly output?: string;
  /** A field (`spec.replicas`, `/status/phase`): explain the write that set its current value. */
  readonly field?: string;
}

export async function whyCommand(io: CliIo, ref: string, name: string | undefined, opts: WhyOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`why prints -o text or -o json, not "${output}"`);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const { kind, name: n } = resolveKindArg(session, ref, name);
    if (n === undefined) throw new CliError(`why wants KIND/NAME, got "${ref}"`);
    const key = objectKey({ group: kind.info.group, resource: kind.info.plural, namespace: kind.info.namespaced ? (opts.namespace ?? 'default') : '', name: n });
    await prepareAt(session, opts.at);
    const rev = resolveAt(session.store, session.log.header.epoch, opts.at);
    const faults: FaultRecord[] = [];
    for await (const r of session.log.read()) if (r.type === 'fault') faults.push(r);
    if (opts.field !== undefined) {
      let answer;
      try {
        answer = whyField(session.store, faults, key, opts.field, rev);
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
      if (output === 'json') io.out(JSON.stringify(answer));
      else io.out(`${answer.field} = ${JSON.stringify(answer.value)}, set at revision ${answer.rev}:\n${renderWhy(answer.tree, { epoch: session.log.header.epoch })}`);
      return 0;
    }
    const tree = why(session.store, faults, key, rev);
    if (tree === undefined) throw new CliError(`${key} was never written at or before revision ${rev}`);
    io.out(output === 'json' ? JSON.stringify(tree) : renderWhy(tree, { epoch: session.log.header.epoch }));
    return 0;
  });
}
