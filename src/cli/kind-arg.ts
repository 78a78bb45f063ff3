/**
 * Kind arguments as kubectl takes them: `pods`, `po`, `deployment.apps`,
 * `KIND/NAME`, or `KIND NAME`.
 */
import type { ResolvedKind } from '../api/index.js';
import type { Session } from './session.js';
import { CliError } from './session.js';

export interface KindArg {
  readonly kind: ResolvedKind;
  readonly name?: string;
}

export function resolveKindArg(session: Session, kindOrRef: string, name?: string): KindArg {
  const slash = kindOrRef.indexOf('/');
  const kindName = slash < 0 ? kindOrRef : kindOrRef.slice(0, slash);
  const refName = slash < 0 ? name : kindOrRef.slice(slash + 1);
  if (slash >= 0 && name !== undefined) throw new CliError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (got "${kindOrRef}" and "${name}")`);
  const kind = session.api.deps.kinds.resolveName(session.store.head(), kindName);
  if (kind === undefined) throw new CliError(`the server doesn't have a resource type "${kindName}"`);
  return { kind, ...(refName === undefined || refName === '' ? {} : { name: refName }) };
}
