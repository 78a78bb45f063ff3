/**
 * `pods/binding` (and the `bindings` resource): assigns a pod to a node, as
 * the scheduler does — sets `spec.nodeName` and the PodScheduled condition to
 * True. A pod already assigned is 409 Conflict; binding is the one way a
 * pod's `spec.nodeName` changes after creation.
 */
import type { KubeObject, RequestContext } from '../../model/index.js';
import { badRequest, conflict, notFound, objectKey } from '../../model/index.js';
import type { ApiDeps } from '../deps.js';
import { nowStamp } from '../prepare-create.js';
import type { ResolvedTarget } from '../target.js';
import { commitWrite } from '../write-path.js';

interface PodShape {
  spec?: { nodeName?: string };
  status?: { conditions?: { type: string; status: string; lastTransitionTime?: string | null; lastProbeTime?: string | null }[] };
}

/** Binds pod `podName` in `namespace` to the node a Binding's `target` names. */
export async function bind(deps: ApiDeps, pods: ResolvedTarget, binding: unknown, ctx: RequestContext): Promise<KubeObject> {
  const b = binding as { metadata?: { name?: string; namespace?: string }; target?: { kind?: string; name?: string } } | null;
  const node = b?.target?.name;
  if (typeof node !== 'string' || node === '') throw badRequest('a Binding needs target.name: the node to bind to');
  if (b?.target?.kind !== undefined && b.target.kind !== 'Node') throw badRequest(`a pod can only be bound to a Node, not a ${b.target.kind}`);
  const name = pods.name !== '' ? pods.name : (b?.metadata?.name ?? '');
  if (name === '') throw badRequest('a Binding needs metadata.name: the pod to bind');
  const key = objectKey({ group: '', resource: 'pods', namespace: pods.namespace, name });
  const status = { group: '', resource: 'pods' };
  const result = await commitWrite(deps, {
    key,
    verb: 'create',
    subresource: 'binding',
    ctx,
    retryOnConflict: true,
    decide: (current) => {
      if (current === undefined) throw notFound(status, name);
      const pod = current as KubeObject & PodShape;
      const assigned = pod.spec?.nodeName;
      if (assigned !== undefined && assigned !== '') throw conflict(status, name, `pod ${name} is already assigned to node "${assigned}"`);
      if (current.metadata.deletionTimestamp !== undefined) throw conflict(status, name, `pod ${name} is being deleted, cannot be assigned to a host`);
      const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
      const previous = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
      const lastTransitionTime = previous?.status === 'True' ? (previous.lastTransitionTime ?? nowStamp(deps)) : nowStamp(deps);
      return {
        next: {
          ...current,
          spec: { ...(current['spec'] as object), nodeName: node },
          status: { ...(current['status'] as object), conditions: [...conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime }] },
        },
      };
    },
  });
  return result.object;
}
