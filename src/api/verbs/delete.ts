/**
 * `delete`: removes an object, or only marks it (`deletionTimestamp`) while
 * finalizers remain or a graceful deletion runs, as Kubernetes does.
 * `propagationPolicy` Orphan and Foreground become the `orphan` and
 * `foregroundDeletion` finalizers that the garbage collector honours;
 * Background leaves dependents to the collector. Preconditions on uid and
 * resourceVersion give 409 Conflict.
 */
import type { DeleteOptions, KubeObject, ObjectMeta, RequestContext } from '../../model/index.js';
import { conflict, notFound } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import type { ResolvedTarget } from '../target.js';
import { rfc3339 } from '../timestamps.js';
import type { Decision } from '../write-path.js';
import { commitWrite } from '../write-path.js';

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

export interface DeleteOutcome {
  /** The object as last stored: marked, or its final version when removed. */
  readonly object: KubeObject;
  /** True when the object is gone; false when it was only marked for deletion. */
  readonly removed: boolean;
}

export async function del(deps: ApiDeps, t: ResolvedTarget, ctx: RequestContext, options: DeleteOptions = {}): Promise<DeleteOutcome> {
  const result = await commitWrite(deps, {
    key: t.key,
    verb: 'delete',
    ctx,
    retryOnConflict: options.preconditions?.resourceVersion === undefined,
    decide: (current) => {
      if (current === undefined) throw notFound(t.status, t.name);
      checkPreconditions(t, current, options);
      return decideDelete(deps, t, current, options);
    },
  });
  return { object: result.object, removed: result.removed };
}

function checkPreconditions(t: ResolvedTarget, current: KubeObject, options: DeleteOptions): void {
  const pre = options.preconditions;
  if (pre?.uid !== undefined && pre.uid !== current.metadata.uid) {
    throw conflict(t.status, t.name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid ?? ''}`);
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(
      t.status,
      t.name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`,
    );
  }
}

function finalizersFor(current: KubeObject, options: DeleteOptions): string[] {
  const existing = current.metadata.finalizers ?? [];
  switch (options.propagationPolicy) {
    case 'Orphan':
      return [...existing.filter((f) => f !== FOREGROUND_FINALIZER && f !== ORPHAN_FINALIZER), ORPHAN_FINALIZER];
    case 'Foreground':
      return [...existing.filter((f) => f !== FOREGROUND_FINALIZER && f !== ORPHAN_FINALIZER), FOREGROUND_FINALIZER];
    case 'Background':
      return existing.filter((f) => f !== FOREGROUND_FINALIZER && f !== ORPHAN_FINALIZER);
    default:
      return [...existing];
  }
}

function decideDelete(deps: ApiDeps, t: ResolvedTarget, current: KubeObject, options: DeleteOptions): Decision {
  const now = deps.clock.now();
  const grace = t.strategy.gracePeriodSeconds(current, options.gracePeriodSeconds);
  const m = current.metadata;

  if (m.deletionTimestamp !== undefined) {
    // Already being deleted: a shorter grace period may bring the end forward; nothing else changes.
    const running = m.deletionGracePeriodSeconds ?? 0;
    if (grace >= running) return { unchanged: true };
    if (grace === 0 && (m.finalizers ?? []).length === 0 && t.strategy.markForDeletion === undefined) return { remove: true };
    return { next: marked(current, { deletionTimestamp: rfc3339(deps.epoch, now + grace * 1000), deletionGracePeriodSeconds: grace }) };
  }

  const stamp = rfc3339(deps.epoch, now);
  const byStrategy = t.strategy.markForDeletion?.(current, stamp);
  const finalizers = finalizersFor(current, options);
  if (byStrategy !== undefined) return { next: marked(byStrategy, { finalizers }) };
  if (finalizers.length > 0 || grace > 0) {
    return {
      next: marked(current, {
        deletionTimestamp: rfc3339(deps.epoch, now + grace * 1000),
        deletionGracePeriodSeconds: grace,
        finalizers,
      }),
    };
  }
  return { remove: true };
}

function marked(obj: KubeObject, meta: Partial<ObjectMeta>): KubeObject {
  const metadata: ObjectMeta = { ...obj.metadata, ...meta };
  if (metadata.finalizers !== undefined && metadata.finalizers.length === 0) delete metadata.finalizers;
  return { ...obj, metadata };
}
