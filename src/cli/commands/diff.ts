/**
 * `chronokube diff REV1 REV2 [KIND/NAME]`: what changed between two
 * revisions as JSON Patch — for one object, or for the whole cluster grouped
 * by object (paths `/GROUP/RESOURCE/NAMESPACE/NAME/...`).
 */
import type { CliIo } from '../io.js';
import { resolveKindArg } from '../kind-arg.js';
import { prepareAt, resolveAt } from '../at-arg.js';
import { CliError, withSession } from '../session.js';
import { objectKey } from '../../model/index.js';

export interface DiffOptions {
  readonly history?: string;
  readonly namespace?: string;
  readonly output?: string;
}

export async function diffCommand(io: CliIo, from: string, to: string, ref: string | undefined, opts: DiffOptions): Promise<number> {
  const output = opts.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new CliError(`diff prints -o text or -o json, not "${output}"`);
  return withSession(opts.history, 'read', io.err, async (session) => {
    const epoch = session.log.header.epoch;
    await prepareAt(session, from, to);
    const a = resolveAt(session.store, epoch, from);
    const b = resolveAt(session.store, epoch, to);
    let key: string | undefined;
    if (ref !== undefined) {
      const { kind, name } = resolveKindArg(session, ref);
      if (name === undefined) throw new CliError(`diff wants KIND/NAME, got "${ref}"`);
      key = objectKey({ group: kind.info.group, resource: kind.info.plural, namespace: kind.info.namespaced ? (opts.namespace ?? 'default') : '', name });
    }
    const patch = session.store.diff(a, b, key);
    if (output === 'json') {
      io.out(JSON.stringify(patch));
      return 0;
    }
    if (patch.length === 0) {
      io.out(`no changes between ${a} and ${b}`);
      return 0;
    }
    for (const op of patch) {
      const value = 'value' in op ? ` ${JSON.stringify(op.value)}` : '';
      const fromPath = 'from' in op ? ` from ${String(op.from)}` : '';
      io.out(`${op.op.padEnd(7)} ${op.path}${fromPath}${value}`);
    }
    return 0;
  });
}
