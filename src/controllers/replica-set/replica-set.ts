/**
 * The ReplicaSet controller (apps/v1): keeps `spec.replicas` pods matching
 * the selector, as kube-controller-manager 1.32's `replicaset` controller
 * does. The decisions live in `syncReplicas` (shared with the
 * ReplicationController controller); this file says which kind, how its
 * selector reads and what wakes it.
 *
 * @example
 * manager.add(replicaSetController);
 */
import type { KubeObject } from '../../model/index.js';
import { fromLabelSelector } from '../../model/index.js';
import type { ControllerDefinition } from '../controller.js';
import { TerminalError } from '../controller.js';
import { orphanPodHandler } from './orphan-pod-handler.js';
import type { ReplicaKind } from './replica-kind.js';
import { syncReplicas } from './sync-replicas.js';

export const REPLICA_SET_KIND: ReplicaKind = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  group: 'apps',
  resource: 'replicasets',
  component: 'replicaset-controller',
  selectorOf(rs: KubeObject) {
    try {
      return fromLabelSelector((rs['spec'] as { selector?: Parameters<typeof fromLabelSelector>[0] } | undefined)?.selector);
    } catch (e) {
      throw new TerminalError(`invalid selector of ReplicaSet ${rs.metadata.namespace ?? ''}/${rs.metadata.name ?? ''}: ${(e as Error).message}`);
    }
  },
};

export const replicaSetController: ControllerDefinition = {
  name: 'replicaset',
  for: { group: 'apps', kind: 'ReplicaSet' },
  owns: [{ group: '', kind: 'Pod' }],
  watches: [{ kind: { group: '', kind: 'Pod' }, handler: orphanPodHandler(REPLICA_SET_KIND) }],
  reconcile: (key, view, ctx) => syncReplicas(REPLICA_SET_KIND, key, view, ctx, ctx.lastRefusal),
};
