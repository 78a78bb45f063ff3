/**
 * `deletecollection`: deletes every object of a kind in scope that matches
 * the selectors, one write each (Kubernetes does the same: there is no bulk
 * write in etcd), at the state the request saw. Objects that vanish meanwhile
 * are skipped.
 */
import type { DeleteOptions, KubeObject, RequestContext } from '../../model/index.js';
import { isNotFound, objectKey } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import type { SelectorParams } from '../selection.js';
import { selectionFilter } from '../selection.js';
import type { ResolvedKind } from '../target.js';
import { del } from './delete.js';

export interface DeleteCollectionRequest extends SelectorParams {
  readonly namespace?: string;
}

export async function deleteCollection(
  deps: ApiDeps,
  k: ResolvedKind,
  req: DeleteCollectionRequest,
  ctx: RequestContext,
  options: DeleteOptions = {},
): Promise<readonly KubeObject[]> {
  const filter = selectionFilter(k.info, req);
  const scope = {
    group: k.info.group,
    resource: k.info.plural,
    ...(k.info.namespaced && req.namespace !== undefined ? { namespace: req.namespace } : {}),
  };
  const victims = deps.store.head().list(scope, filter);
  const out: KubeObject[] = [];
  for (const v of victims) {
    const namespace = v.metadata.namespace ?? '';
    const name = v.metadata.name ?? '';
    const key = objectKey({ group: k.info.group, resource: k.info.plural, namespace, name });
    try {
      const r = await del(deps, { ...k, namespace, name, key }, ctx, options);
      out.push(r.object);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  return out;
}
