/**
 * `chronokube delete KIND/NAME` (or `KIND NAME`): deletes through the API
 * like `kubectl delete`, with `--cascade` and `--grace-period`.
 */
import type { PropagationPolicy } from '../../model/index.js';
import type { CliIo } from '../io.js';
import { resolveKindArg } from '../kind-arg.js';
import { kindLabel } from '../labels.js';
import { CliError, withSession } from '../session.js';

export interface DeleteCommandOptions {
  readonly history?: string;
  readonly namespace?: string;
  readonly as?: string;
  readonly cascade?: string;
  readonly gracePeriod?: number;
}

const CASCADE: Readonly<Record<string, PropagationPolicy>> = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan' };

export async function deleteCommand(io: CliIo, kindOrRef: string, name: string | undefined, opts: DeleteCommandOptions): Promise<number> {
  const policy = opts.cascade === undefined ? undefined : CASCADE[opts.cascade];
  if (opts.cascade !== undefined && policy === undefined) {
    throw new CliError(`--cascade must be "background", "foreground" or "orphan", got "${opts.cascade}"`);
  }
  const actor = opts.as === undefined ? 'user:admin' : opts.as.includes(':') ? opts.as : `user:${opts.as}`;
  return withSession(opts.history, 'write', io.err, async (session) => {
    const { kind, name: n } = resolveKindArg(session, kindOrRef, name);
    if (n === undefined) throw new CliError('resource(s) were provided, but no name was specified');
    const namespace = kind.info.namespaced ? (opts.namespace ?? 'default') : undefined;
    const out = await session.api.delete(
      { group: kind.info.group, version: kind.info.version, resource: kind.info.plural, name: n, ...(namespace === undefined ? {} : { namespace }) },
      { actor },
      { ...(policy === undefined ? {} : { propagationPolicy: policy }), ...(opts.gracePeriod === undefined ? {} : { gracePeriodSeconds: opts.gracePeriod }) },
    );
    io.out(`${kindLabel(kind.info)} "${n}" ${out.removed ? 'deleted' : 'marked for deletion'}`);
    return 0;
  });
}
