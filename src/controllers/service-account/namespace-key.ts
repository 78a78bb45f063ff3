/**
 * Keys and predicates the per-namespace controllers of this folder share:
 * their primary object is the Namespace, and a change of an object inside a
 * namespace maps to that namespace's key.
 */
import type { Namespace } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../model/index.js';
import { objectKey } from '../../model/index.js';
import type { Handler } from '../controller.js';

/** `core/namespaces/_/NAME`. */
export function namespaceKey(name: string): string {
  return objectKey({ group: '', resource: 'namespaces', namespace: '', name });
}

/** The namespace the changed object lives in. */
export const toItsNamespace: Handler = (c) => {
  const ns = c.object.metadata.namespace;
  return ns === undefined || ns === '' ? [] : [namespaceKey(ns)];
};

/** `status.phase: Active`: the only phase in which these controllers create anything. */
export function isActive(ns: KubeObject): boolean {
  return (ns as Namespace).status?.phase === 'Active';
}
