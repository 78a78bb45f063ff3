/**
 * A new object, as the API server makes it from a client's body: checked
 * against its target, defaulted, admitted, stamped with server-owned
 * metadata and validated. Shared by create and apply-creates. Throws a
 * Status (400, 403, 404, 422) and changes nothing when the body is refused.
 */
import type { KubeObject, RequestContext } from '../model/index.js';
import { badRequest, invalid, objectKey } from '../model/index.js';
import type { StateView } from '../store/index.js';
import { fieldManagerOf } from './deps.js';
import type { ApiDeps } from './deps.js';
import { metaForCreate, nameForCreate } from './object-meta.js';
import { checkNamespaceForCreate } from './namespace-lifecycle.js';
import type { ResolvedTarget } from './target.js';
import { rfc3339 } from './timestamps.js';
import { runMutating, runValidating } from './admission/admission-plugin.js';
import { withManagedFields } from './apply/update-managed-fields.js';

/** Checks that a body is an object of the target's kind, in the target's namespace. */
export function checkBody(body: unknown, t: ResolvedTarget): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`the body of the request must be a ${t.info.kind} object`);
  }
  const obj = body as Partial<KubeObject>;
  if (obj.kind !== undefined && obj.kind !== t.info.kind) {
    throw badRequest(`the kind of the provided object (${String(obj.kind)}) does not match the kind of the request (${t.info.kind})`);
  }
  const apiVersion = t.info.group === '' ? t.info.version : `${t.info.group}/${t.info.version}`;
  if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersion) {
    throw badRequest(`the API version of the provided object (${String(obj.apiVersion)}) does not match the request (${apiVersion})`);
  }
  const metadata = obj.metadata ?? {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw badRequest('metadata must be an object');
  const ns = metadata.namespace;
  if (t.info.namespaced && ns !== undefined && ns !== '' && ns !== t.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  return { ...obj, apiVersion, kind: t.info.kind, metadata } as KubeObject;
}

export function nowStamp(deps: ApiDeps): string {
  return rfc3339(deps.epoch, deps.clock.now());
}

export function prepareCreate(
  deps: ApiDeps,
  view: StateView,
  t: ResolvedTarget,
  body: unknown,
  ctx: RequestContext,
  opts: { managedFieldsDone?: boolean } = {},
): KubeObject {
  const checked = checkBody(body, t);
  const name = nameForCreate(checked.metadata, deps.ids);
  if (name === undefined) {
    throw invalid(t.info.kind, t.info.group, '', [
      { reason: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' },
    ]);
  }
  const named: ResolvedTarget = { ...t, name, key: t.key === '' || t.name !== name ? keyWithName(t, name) : t.key };
  if (t.name !== '' && t.name !== name) {
    throw badRequest(`the name of the object (${name}) does not match the name on the URL (${t.name})`);
  }
  checkNamespaceForCreate(view, named);
  let obj = deps.scheme.defaults(t.info, checked);
  if (t.strategy.decode !== undefined) obj = t.strategy.decode(obj);
  if (t.schema !== undefined) obj = deps.scheme.prune(obj, t.schema);
  const stamp = nowStamp(deps);
  // kube-apiserver's create handler runs the field manager on the decoded (defaulted) body, before mutating
  // admission and the registry (status reset, Service address allocation): what those add belongs to no manager.
  const tracked =
    opts.managedFieldsDone === true
      ? obj
      : deps.fields.update(undefined, obj, fieldManagerOf(ctx.actor, ctx.fieldManager), stamp, {
          statusSubresource: t.strategy.hasStatusSubresource,
        });
  obj = deps.scheme.admit(t.info, obj, view, deps.ids);
  obj = t.strategy.prepareForCreate(obj, stamp);
  obj = metaForCreate(obj, name, named.namespace, {
    ids: deps.ids,
    creationTimestamp: stamp,
    tracksGeneration: t.strategy.tracksGeneration,
  });
  if (t.strategy.withIdentity !== undefined) obj = t.strategy.withIdentity(obj);
  const attrs = { operation: 'CREATE', info: t.info, namespace: named.namespace, name, view, ctx, ids: deps.ids } as const;
  obj = runMutating(deps.admission, { ...attrs, object: obj });
  const causes = deps.scheme.validate(t.info, obj, t.schema);
  if (causes.length > 0) throw invalid(t.info.kind, t.info.group, name, causes);
  runValidating(deps.admission, { ...attrs, object: obj });
  // Admission cannot change managedFields (Kubernetes resets them to what the field manager wrote).
  return withManagedFields(obj, tracked.metadata.managedFields ?? []);
}

export function keyWithName(t: ResolvedTarget, name: string): string {
  return objectKey({ group: t.info.group, resource: t.info.plural, namespace: t.namespace, name });
}
