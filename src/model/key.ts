/**
 * Object keys: one string per stored object, `GROUP/RESOURCE/NAMESPACE/NAME`.
 * The core group is written `core` and a cluster-scoped object's namespace
 * `_` (neither is a valid group or namespace name, so keys never collide).
 * Keys sort like etcd's `/registry/...` paths: by group, resource, namespace,
 * then name, which is the order lists are returned in.
 *
 * The same scheme names objects in cluster-wide JSON Patch diffs:
 * `/apps/deployments/default/web/spec/replicas`.
 *
 * @example
 * objectKey({ group: 'apps', resource: 'deployments', namespace: 'default', name: 'web' })
 * // 'apps/deployments/default/web'
 */
export interface ObjectKey {
  readonly group: string;
  readonly resource: string;
  /** `''` for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
}

/** A resource, optionally narrowed to one namespace: what a list or watch covers. */
export interface ResourceScope {
  readonly group: string;
  readonly resource: string;
  /** Absent or `''`: all namespaces (or a cluster-scoped resource). */
  readonly namespace?: string;
}

export const CORE_GROUP_SEGMENT = 'core';
export const CLUSTER_SCOPE_SEGMENT = '_';

export function objectKey(k: ObjectKey): string {
  return `${k.group === '' ? CORE_GROUP_SEGMENT : k.group}/${k.resource}/${
    k.namespace === '' ? CLUSTER_SCOPE_SEGMENT : k.namespace
  }/${k.name}`;
}

/** Parses a key made by `objectKey`; throws on anything else. */
export function parseKey(key: string): ObjectKey {
  const parts = key.split('/');
  if (parts.length !== 4 || parts.some((p) => p === '')) {
    throw new Error(`malformed object key "${key}": want GROUP/RESOURCE/NAMESPACE/NAME`);
  }
  const [group, resource, namespace, name] = parts as [string, string, string, string];
  return {
    group: group === CORE_GROUP_SEGMENT ? '' : group,
    resource,
    namespace: namespace === CLUSTER_SCOPE_SEGMENT ? '' : namespace,
    name,
  };
}

/**
 * The key prefix shared by every object in a scope, for range scans over
 * sorted keys: `apps/deployments/` or `apps/deployments/default/`.
 */
export function scopePrefix(scope: ResourceScope): string {
  const head = `${scope.group === '' ? CORE_GROUP_SEGMENT : scope.group}/${scope.resource}/`;
  return scope.namespace === undefined || scope.namespace === '' ? head : `${head}${scope.namespace}/`;
}
