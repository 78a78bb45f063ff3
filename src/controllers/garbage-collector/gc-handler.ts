/**
 * Which objects a change wakes in the garbage collector (the work
 * Kubernetes' graph builder enqueues):
 *
 * - the object itself, when it has ownerReferences or is being deleted with
 *   the `orphan` or `foregroundDeletion` finalizer;
 * - its dependents (owner index), when it is deleted, marked for deletion,
 *   or replaced under another uid;
 * - its owners, when it is deleted or its references change, so an owner
 *   deleting in the foreground can finish.
 *
 * Updates that touch neither ownerReferences, finalizers, deletionTimestamp
 * nor uid (status churn) wake nothing.
 */
import type { KubeObject } from '../../model/index.js';
import type { Handler, KeyOf } from '../controller.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './classify-owners.js';

function gcRelevant(o: KubeObject): string {
  const m = o.metadata;
  return JSON.stringify([m.uid, m.deletionTimestamp ?? null, m.finalizers ?? [], m.ownerReferences ?? []]);
}

function ownerKeys(o: KubeObject | undefined, keyOf: KeyOf): string[] {
  if (o === undefined) return [];
  const out: string[] = [];
  for (const r of o.metadata.ownerReferences ?? []) {
    const k = keyOf({ apiVersion: r.apiVersion, kind: r.kind, namespace: o.metadata.namespace ?? '', name: r.name });
    if (k !== undefined) out.push(k);
  }
  return out;
}

export const gcHandler: Handler = (c, view, keyOf) => {
  const o = c.object;
  const prev = c.previous;
  if (c.type === 'MODIFIED' && prev !== undefined && gcRelevant(prev) === gcRelevant(o)) return [];
  const keys = new Set<string>();
  const m = o.metadata;
  const finalizers = m.finalizers ?? [];
  const deleting = m.deletionTimestamp !== undefined;
  if (c.type !== 'DELETED' && ((m.ownerReferences ?? []).length > 0 || (deleting && (finalizers.includes(ORPHAN_FINALIZER) || finalizers.includes(FOREGROUND_FINALIZER))))) {
    keys.add(c.key);
  }
  const replaced = prev !== undefined && prev.metadata.uid !== m.uid;
  if (c.type === 'DELETED' || deleting || replaced) {
    for (const uid of new Set([m.uid, prev?.metadata.uid])) {
      if (uid === undefined) continue;
      for (const d of view.byOwner(uid)) {
        const k = keyOf({ apiVersion: d.apiVersion, kind: d.kind, namespace: d.metadata.namespace ?? '', name: d.metadata.name ?? '' });
        if (k !== undefined) keys.add(k);
      }
    }
  }
  if (c.type === 'DELETED' || c.type === 'MODIFIED') for (const k of [...ownerKeys(o, keyOf), ...ownerKeys(prev, keyOf)]) keys.add(k);
  return [...keys].sort();
};
