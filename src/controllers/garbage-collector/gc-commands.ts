/**
 * The writes the garbage collector makes, shaped as Kubernetes' collector
 * sends them (pkg/controller/garbagecollector/patch.go and
 * garbagecollector.go): JSON merge patches (they work for every kind,
 * custom resources included) guarded by the object's uid and
 * resourceVersion, and deletes with a uid precondition and a propagation
 * policy.
 */
import type { Command, KubeObject, PropagationPolicy } from '../../model/index.js';
import { refOf } from '../../model/index.js';

/** Removes the ownerReferences with these uids. */
export function removeOwnerRefs(obj: KubeObject, uids: ReadonlySet<string>): Command {
  const remaining = (obj.metadata.ownerReferences ?? []).filter((r) => !uids.has(r.uid));
  return {
    type: 'patch',
    ref: refOf(obj),
    patchType: 'merge',
    patch: { metadata: { ownerReferences: remaining.length === 0 ? null : remaining, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion } },
  };
}

/** Sets `blockOwnerDeletion: false` on every reference that blocks (`unblockOwnerReferences`, which breaks foreground cycles). */
export function unblockOwnerRefs(obj: KubeObject): Command {
  const refs = (obj.metadata.ownerReferences ?? []).map((r) => (r.blockOwnerDeletion === true ? { ...r, blockOwnerDeletion: false } : r));
  return {
    type: 'patch',
    ref: refOf(obj),
    patchType: 'merge',
    patch: { metadata: { ownerReferences: refs, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion } },
  };
}

/** Removes one finalizer (`removeFinalizer`): an object being deleted with none left is then removed by the API. */
export function removeFinalizer(obj: KubeObject, finalizer: string): Command {
  const rest = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return {
    type: 'patch',
    ref: refOf(obj),
    patchType: 'merge',
    patch: { metadata: { finalizers: rest.length === 0 ? null : rest, resourceVersion: obj.metadata.resourceVersion } },
  };
}

export function deleteObject(obj: KubeObject, propagationPolicy: PropagationPolicy): Command {
  return { type: 'delete', ref: refOf(obj), options: { propagationPolicy, preconditions: { uid: obj.metadata.uid ?? '' } } };
}
