/**
 * Reusable handlers: how a change of a watched object maps to the keys of
 * the controller's primary objects.
 */
import type { KubeObject, OwnerReference } from '../model/index.js';
import type { Handler, KindRef } from './controller.js';

/** The changed object itself is the key (what `for` uses). */
export const forObject: Handler = (c) => [c.key];

/** The object's controlling owner of `kind`, if any (what `owns` uses); a changed owner reference wakes the old owner too. */
export function forOwner(kind: KindRef): Handler {
  return (c, _view, keyOf) => {
    const keys = new Set<string>();
    for (const o of [c.object, c.previous]) {
      const ref = o === undefined ? undefined : controllerOf(o);
      if (ref === undefined || ref.kind !== kind.kind || groupOf(ref.apiVersion) !== kind.group) continue;
      const k = keyOf({ apiVersion: ref.apiVersion, kind: ref.kind, namespace: o?.metadata.namespace ?? '', name: ref.name });
      if (k !== undefined) keys.add(k);
    }
    return [...keys].sort();
  };
}

/** Any mapping: `fromMap((c, view) => [...keys])`. */
export function fromMap(fn: Handler): Handler {
  return fn;
}

/** The ownerReference with `controller: true`, as Kubernetes' `GetControllerOf`. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
