/**
 * The writes the namespace controller sends, as commands: a Background
 * delete of one object (Kubernetes' deleter asks for Background propagation
 * so the garbage collector adds no `orphan` finalizer), the namespace's
 * status (conditions and phase, conditional on the resourceVersion the
 * controller saw), and the `finalize` subresource update that sets
 * `spec.finalizers` (unconditional, as Kubernetes retries it on conflict).
 */
import type { Namespace, NamespaceStatus } from 'kubernetes-types/core/v1.js';
import type { Command, KindInfo, KubeObject } from '../../model/index.js';
import { joinApiVersion } from '../../model/index.js';

export function deleteContent(info: KindInfo, obj: KubeObject): Command {
  return {
    type: 'delete',
    ref: {
      apiVersion: joinApiVersion(info.group, info.version),
      kind: info.kind,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name ?? '',
    },
    options: { propagationPolicy: 'Background' },
  };
}

export function updateStatus(ns: Namespace, status: NamespaceStatus): Command {
  const m = ns.metadata ?? {};
  return {
    type: 'update',
    subresource: 'status',
    object: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: m.name ?? '', ...(m.resourceVersion === undefined ? {} : { resourceVersion: m.resourceVersion }) },
      status,
    },
  };
}

export function finalizeNamespace(ns: Namespace, finalizers: readonly string[]): Command {
  return {
    type: 'update',
    subresource: 'finalize',
    object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns.metadata?.name ?? '' }, spec: { finalizers: [...finalizers] } },
  };
}
