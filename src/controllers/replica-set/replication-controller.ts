/**
 * The ReplicationController controller (core/v1): the ReplicaSet
 * controller's logic over ReplicationControllers, whose selector is a plain
 * label map (an empty one selects nothing here; the API defaults it to the
 * template's labels). Kubernetes 1.32 runs it as the `replicationcontroller`
 * controller, reporting events as `replication-controller`.
 *
 * @example
 * manager.add(replicationControllerController);
 */
import type { KubeObject } from '../../model/index.js';
import { NOTHING, selectorFromSet } from '../../model/index.js';
import type { ControllerDefinition } from '../controller.js';
import { orphanPodHandler } from './orphan-pod-handler.js';
import type { ReplicaKind } from './replica-kind.js';
import { syncReplicas } from './sync-replicas.js';

export const REPLICATION_CONTROLLER_KIND: ReplicaKind = {
  apiVersion: 'v1',
  kind: 'ReplicationController',
  group: '',
  resource: 'replicationcontrollers',
  component: 'replication-controller',
  selectorOf(rc: KubeObject) {
    const sel = (rc['spec'] as { selector?: Record<string, string> } | undefined)?.selector;
    return sel === undefined || Object.keys(sel).length === 0 ? NOTHING : selectorFromSet(sel);
  },
};

export const replicationControllerController: ControllerDefinition = {
  name: 'replicationcontroller',
  for: { group: '', kind: 'ReplicationController' },
  owns: [{ group: '', kind: 'Pod' }],
  watches: [{ kind: { group: '', kind: 'Pod' }, handler: orphanPodHandler(REPLICATION_CONTROLLER_KIND) }],
  reconcile: (key, view, ctx) => syncReplicas(REPLICATION_CONTROLLER_KIND, key, view, ctx, ctx.lastRefusal),
};
