/**
 * Kubernetes' NamespaceLifecycle admission: new objects may only go into a
 * namespace that exists and is not terminating. Updates and deletes inside a
 * terminating namespace stay allowed, because emptying it needs them.
 */
import { forbidden, notFound, objectKey } from '../model/index.js';
import type { StateView } from '../store/index.js';
import type { ResolvedTarget } from './target.js';

export function checkNamespaceForCreate(view: StateView, t: ResolvedTarget): void {
  if (!t.info.namespaced) return;
  const ns = view.get(objectKey({ group: '', resource: 'namespaces', namespace: '', name: t.namespace }));
  if (ns === undefined) throw notFound({ group: '', resource: 'namespaces' }, t.namespace);
  const phase = (ns['status'] as { phase?: string } | undefined)?.phase;
  if (phase === 'Terminating' || ns.metadata.deletionTimestamp !== undefined) {
    throw forbidden(
      t.status,
      t.name,
      `unable to create new content in namespace ${t.namespace} because it is being terminated`,
    );
  }
}
