/**
 * The next version of an existing object from a client's full body: the
 * main resource keeps the old status, the status subresource keeps
 * everything but status; server-owned metadata is carried over,
 * preconditions checked, generation bumped on spec change, then defaulting
 * and validation. Shared by update, patch and apply.
 */
import type { KubeObject, RequestContext } from '../model/index.js';
import { invalid } from '../model/index.js';
import type { ApiDeps } from './deps.js';
import { fieldManagerOf } from './deps.js';
import { metaForUpdate } from './object-meta.js';
import { checkBody, nowStamp } from './prepare-create.js';
import type { ResolvedTarget } from './target.js';
import type { Decision } from './write-path.js';
import { runMutating, runValidating } from './admission/admission-plugin.js';
import { withManagedFields } from './apply/update-managed-fields.js';

export interface PrepareUpdateOptions {
  /** Server-side apply has already updated managedFields. */
  readonly managedFieldsDone?: boolean;
}

export function prepareUpdate(
  deps: ApiDeps,
  t: ResolvedTarget,
  current: KubeObject,
  body: unknown,
  ctx: RequestContext,
  opts: PrepareUpdateOptions = {},
): Decision {
  const sent = checkBody(body, t);
  let next: KubeObject;
  if (t.subresource === 'status') {
    // The status subresource changes status only; the sent resourceVersion still acts as a precondition.
    const { resourceVersion: _rv, ...meta } = current.metadata;
    const rv = sent.metadata.resourceVersion;
    const { status: _old, ...rest } = current;
    next = {
      ...rest,
      metadata: rv === undefined ? meta : { ...meta, resourceVersion: rv },
      ...(sent['status'] === undefined ? {} : { status: sent['status'] }),
    } as KubeObject;
  } else if (t.subresource === 'finalize') {
    // namespaces/finalize changes spec.finalizers only (what the namespace controller empties).
    const finalizers = (sent['spec'] as { finalizers?: string[] } | undefined)?.finalizers;
    next = { ...current, metadata: { ...current.metadata, resourceVersion: sent.metadata.resourceVersion ?? current.metadata.resourceVersion ?? '' }, spec: { ...(current['spec'] as object), finalizers: finalizers ?? [] } };
  } else if (t.strategy.hasStatusSubresource) {
    next = { ...sent, status: current['status'] };
    if (current['status'] === undefined) delete next['status'];
  } else {
    next = sent;
  }
  // Defaults first, as decoding applies them in kube-apiserver: generation then moves only when the defaulted spec changed.
  next = deps.scheme.defaults(t.info, next);
  next = metaForUpdate(current, next, t, t.strategy.tracksGeneration);
  if (t.schema !== undefined) next = deps.scheme.prune(next, t.schema);
  if (t.subresource === undefined && t.strategy.prepareForUpdate !== undefined) next = t.strategy.prepareForUpdate(current, next);
  const attrs = {
    operation: 'UPDATE',
    info: t.info,
    namespace: t.namespace,
    name: t.name,
    ...(t.subresource === undefined ? {} : { subresource: t.subresource }),
    oldObject: current,
    view: deps.store.head(),
    ctx,
    ids: deps.ids,
  } as const;
  // kube-apiserver's update handler runs the field manager before mutating admission and the registry's
  // allocation: what those add or restore belongs to no manager.
  const tracked =
    opts.managedFieldsDone === true
      ? next
      : deps.fields.update(current, next, fieldManagerOf(ctx.actor, ctx.fieldManager), nowStamp(deps), {
          ...(t.subresource === undefined ? {} : { subresource: t.subresource }),
          statusSubresource: t.strategy.hasStatusSubresource,
        });
  next = runMutating(deps.admission, { ...attrs, object: next });
  const causes = deps.scheme.validateUpdate(t.info, current, next, t.schema);
  if (causes.length > 0) throw invalid(t.info.kind, t.info.group, t.name, causes);
  runValidating(deps.admission, { ...attrs, object: next });
  next = withManagedFields(next, tracked.metadata.managedFields ?? []);
  return finalize(next);
}

/**
 * An object being deleted whose last finalizer is gone disappears, unless a
 * graceful deletion (a pod waiting for its kubelet) is still running.
 */
export function finalize(next: KubeObject): Decision {
  const m = next.metadata;
  // A Namespace finalizes through spec.finalizers (emptied by the namespace controller) as well.
  const specFinalizers = next.kind === 'Namespace' ? ((next['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? []) : [];
  if (
    m.deletionTimestamp !== undefined &&
    (m.finalizers ?? []).length === 0 &&
    specFinalizers.length === 0 &&
    (m.deletionGracePeriodSeconds ?? 0) === 0
  ) {
    return { remove: true };
  }
  return { next };
}
