/**
 * `get`: one object (or its Scale, for the `scale` subresource). A
 * resourceVersion means "not older than", so the newest version answers.
 */
import type { KubeObject } from '../../model/index.js';
import { notFound } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import { readRevision } from '../read-revision.js';
import { toScale } from '../scale.js';
import type { ResolvedTarget } from '../target.js';

export function get(deps: ApiDeps, t: ResolvedTarget, opts: { resourceVersion?: string } = {}): KubeObject {
  const rev = readRevision(deps.store, opts.resourceVersion);
  const obj = (rev === deps.store.rev ? deps.store.head() : deps.store.at(rev)).get(t.key);
  if (obj === undefined) throw notFound(t.status, t.name);
  return t.subresource === 'scale' ? toScale(obj) : obj;
}
