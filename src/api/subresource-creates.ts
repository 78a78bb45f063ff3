/**
 * POST to a subresource that is not a write of its parent's body: each
 * handler here decides on its own what (if anything) it writes. `binding`
 * assigns a pod to a node, a pod's `eviction` deletes it within its budget,
 * a ServiceAccount's `token` issues a token and writes nothing; each registers here,
 * so `Api.create` and `Api.execute` dispatch by name and stay unaware of
 * each one's rules.
 */
import type { KubeObject, RequestContext } from '../model/index.js';
import type { ApiDeps } from './deps.js';
import type { ResolvedTarget } from './target.js';
import { bind } from './verbs/bind.js';
import { evict } from './verbs/evict.js';
import { tokenRequest } from './verbs/token-request.js';

/** Handles a create addressed to `t` (whose `subresource` names the handler). */
export type SubresourceCreate = (deps: ApiDeps, t: ResolvedTarget, body: unknown, ctx: RequestContext) => Promise<KubeObject>;

/** The pods target a binding request addresses (`pods/NAME/binding` or the `bindings` resource). */
function podsOf(deps: ApiDeps, t: ResolvedTarget): ResolvedTarget {
  const pods = deps.kinds.byResource(deps.store.head(), '', 'v1', 'pods');
  return { ...pods, namespace: t.namespace, name: t.info.plural === 'pods' ? t.name : '', key: '' };
}

const binding: SubresourceCreate = (deps, t, body, ctx) => bind(deps, podsOf(deps, t), body, ctx);

/** `group/plural/subresource` → handler (the `bindings` resource counts as `pods/binding`). */
const HANDLERS: ReadonlyMap<string, SubresourceCreate> = new Map([
  ['/pods/binding', binding],
  ['/pods/eviction', evict],
  ['/serviceaccounts/token', tokenRequest],
]);

/** The handler for a create addressed to `t`, or undefined when it is an ordinary create. */
export function subresourceCreate(t: ResolvedTarget): SubresourceCreate | undefined {
  if (t.info.group === '' && t.info.plural === 'bindings') return binding;
  if (t.subresource === undefined) return undefined;
  return HANDLERS.get(`${t.info.group}/${t.info.plural}/${t.subresource}`);
}
