/** `create`: a new object, or 409 AlreadyExists. */
import type { KubeObject, RequestContext } from '../../model/index.js';
import { alreadyExists } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import { keyWithName, prepareCreate } from '../prepare-create.js';
import type { ResolvedTarget } from '../target.js';
import { commitWrite } from '../write-path.js';

export async function create(deps: ApiDeps, t: ResolvedTarget, body: unknown, ctx: RequestContext): Promise<KubeObject> {
  const obj = prepareCreate(deps, deps.store.head(), t, body, ctx);
  const name = obj.metadata.name ?? '';
  const result = await commitWrite(deps, {
    key: keyWithName(t, name),
    verb: 'create',
    ctx,
    retryOnConflict: false,
    decide: (current) => {
      if (current !== undefined) throw alreadyExists(t.status, name);
      return { next: obj };
    },
  });
  return result.object;
}
