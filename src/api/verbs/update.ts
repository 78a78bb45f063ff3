/**
 * `update` (PUT): replaces an object, its status through the `status`
 * subresource, or its replica count through `scale`. With `metadata.resourceVersion` it is conditional (409 on a
 * stale version); without, it is unconditional, as Kubernetes allows.
 */
import type { KubeObject, RequestContext } from '../../model/index.js';
import { notFound } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import { prepareUpdate } from '../prepare-update.js';
import { applyScale, toScale } from '../scale.js';
import type { ResolvedTarget } from '../target.js';
import { commitWrite } from '../write-path.js';

export async function update(deps: ApiDeps, t: ResolvedTarget, body: unknown, ctx: RequestContext): Promise<KubeObject> {
  const sentRv = (body as { metadata?: { resourceVersion?: string } } | null)?.metadata?.resourceVersion;
  const result = await commitWrite(deps, {
    key: t.key,
    verb: 'update',
    ...(t.subresource === undefined ? {} : { subresource: t.subresource }),
    ctx,
    retryOnConflict: sentRv === undefined || sentRv === '',
    decide: (current) => {
      if (current === undefined) throw notFound(t.status, t.name);
      return prepareUpdate(deps, t, current, t.subresource === 'scale' ? applyScale(t, current, body) : body, ctx);
    },
  });
  return t.subresource === 'scale' ? toScale(result.object) : result.object;
}
