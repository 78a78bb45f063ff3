/**
 * One garbage-collection decision for one object, as Kubernetes 1.32's
 * collector makes it (`attemptToDeleteItem`, `processDeletingDependentsItem`
 * and `attemptToOrphan` in pkg/controller/garbagecollector/garbagecollector.go):
 *
 * As an owner being deleted:
 * - with the `orphan` finalizer: remove the ownerReference to it from every
 *   dependent, then the finalizer;
 * - with the `foregroundDeletion` finalizer: once no dependent with
 *   `blockOwnerDeletion: true` remains, remove the finalizer (the API then
 *   removes the owner). Its dependents act on their own reconcile, below;
 * - otherwise: nothing (it is on its way out).
 *
 * As a dependent (not being deleted), from its classified owners:
 * - some owner solid (or unresolvable): drop the references to dangling and
 *   waiting owners, keep the object;
 * - an owner waiting and the object has dependents of its own: delete it in
 *   the foreground too (first unblocking its own references if one of its
 *   dependents is itself deleting dependents, to break cycles);
 * - otherwise every owner is gone or waiting: delete it, with the
 *   propagation its own finalizers ask for (`orphan` → Orphan,
 *   `foregroundDeletion` → Foreground, else Background).
 *
 * Dependents are found through the store's owner index. Level-triggered;
 * each call makes one step and the resulting writes wake the next.
 */
import type { Command, KubeObject } from '../../model/index.js';
import type { StateView } from '../../store/index.js';
import { classifyOwners, FOREGROUND_FINALIZER, isDeletingDependents, ORPHAN_FINALIZER } from './classify-owners.js';
import { deleteObject, removeFinalizer, removeOwnerRefs, unblockOwnerRefs } from './gc-commands.js';
import type { OwnerResolver } from './owner-resolver.js';

function blocksOwner(dependent: KubeObject, ownerUid: string): boolean {
  return (dependent.metadata.ownerReferences ?? []).some((r) => r.uid === ownerUid && r.blockOwnerDeletion === true);
}

function asOwner(view: StateView, obj: KubeObject): Command[] {
  const uid = obj.metadata.uid ?? '';
  const finalizers = obj.metadata.finalizers ?? [];
  const dependents = uid === '' ? [] : view.byOwner(uid);
  if (finalizers.includes(ORPHAN_FINALIZER)) {
    return [...dependents.map((d) => removeOwnerRefs(d, new Set([uid]))), removeFinalizer(obj, ORPHAN_FINALIZER)];
  }
  if (finalizers.includes(FOREGROUND_FINALIZER)) {
    return dependents.some((d) => blocksOwner(d, uid)) ? [] : [removeFinalizer(obj, FOREGROUND_FINALIZER)];
  }
  return [];
}

function asDependent(view: StateView, resolver: OwnerResolver, obj: KubeObject): Command[] {
  if ((obj.metadata.ownerReferences ?? []).length === 0) return [];
  const c = classifyOwners(view, resolver, obj);
  if (c.solid.length > 0 || c.unresolvable.length > 0) {
    const gone = [...c.dangling, ...c.waiting];
    return gone.length === 0 ? [] : [removeOwnerRefs(obj, new Set(gone.map((r) => r.uid)))];
  }
  const dependents = view.byOwner(obj.metadata.uid ?? '');
  if (c.waiting.length > 0 && dependents.length > 0) {
    const cycle = dependents.some(isDeletingDependents);
    return [...(cycle ? [unblockOwnerRefs(obj)] : []), deleteObject(obj, 'Foreground')];
  }
  const finalizers = obj.metadata.finalizers ?? [];
  const policy = finalizers.includes(ORPHAN_FINALIZER) ? 'Orphan' : finalizers.includes(FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
  return [deleteObject(obj, policy)];
}

/** The commands that move `obj` one step through garbage collection (none when it is fine). */
export function collect(view: StateView, resolver: OwnerResolver, obj: KubeObject): Command[] {
  return obj.metadata.deletionTimestamp !== undefined ? asOwner(view, obj) : asDependent(view, resolver, obj);
}
