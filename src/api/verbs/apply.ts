/**
 * Server-side apply (`application/apply-patch+yaml`): merges the applied
 * configuration into the live object for one field manager, creating the
 * object when absent. Conflicts with other managers' fields are 409 unless
 * `force`. Retries on a lost race, since the applied intent does not depend
 * on the version it was computed against.
 */
import type { KubeObject, RequestContext } from '../../model/index.js';
import { badRequest } from '../../model/index.js';
import { fieldManagerOf } from '../deps.js';
import type { ApiDeps } from '../deps.js';
import { checkBody, keyWithName, nowStamp, prepareCreate } from '../prepare-create.js';
import { prepareUpdate } from '../prepare-update.js';
import type { ResolvedTarget } from '../target.js';
import { commitWrite } from '../write-path.js';

export async function apply(
  deps: ApiDeps,
  t: ResolvedTarget,
  body: unknown,
  ctx: RequestContext,
  opts: { force?: boolean } = {},
): Promise<KubeObject> {
  const applied = checkBody(body, t);
  const name = applied.metadata.name ?? t.name;
  if (name === '') throw badRequest('apply requires metadata.name');
  if (t.name !== '' && name !== t.name) {
    throw badRequest(`the name of the object (${name}) does not match the name on the URL (${t.name})`);
  }
  const named: ResolvedTarget = { ...t, name, key: keyWithName(t, name) };
  const manager = fieldManagerOf(ctx.actor, ctx.fieldManager);
  const sentRv = applied.metadata.resourceVersion;
  const result = await commitWrite(deps, {
    key: named.key,
    verb: 'apply',
    ...(t.subresource === undefined ? {} : { subresource: t.subresource }),
    ctx,
    retryOnConflict: sentRv === undefined || sentRv === '',
    decide: (current) => {
      const time = nowStamp(deps);
      const options = {
        force: opts.force === true,
        time,
        apiVersion: applied.apiVersion,
        ...(t.subresource === undefined ? {} : { subresource: t.subresource }),
        statusSubresource: t.strategy.hasStatusSubresource,
      };
      if (current === undefined) {
        if (t.subresource !== undefined) throw badRequest(`cannot apply the ${t.subresource} of ${name}: it does not exist`);
        const merged = deps.fields.apply(undefined, applied, manager, options);
        return { next: prepareCreate(deps, deps.store.head(), named, merged, ctx, { managedFieldsDone: true }) };
      }
      const merged = deps.fields.apply(current, applied, manager, options);
      return prepareUpdate(deps, named, current, merged, ctx, { managedFieldsDone: true });
    },
  });
  return result.object;
}
