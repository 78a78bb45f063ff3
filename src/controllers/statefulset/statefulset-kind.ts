/**
 * The StatefulSet as the replica helpers name an owner (its apiVersion,
 * kind, resource, event source and selector), so pod building, adoption and
 * the orphan-pod handler of the ReplicaSet controller serve it too.
 */
import type { KubeObject } from '../../model/index.js';
import { fromLabelSelector } from '../../model/index.js';
import { TerminalError } from '../controller.js';
import type { ReplicaKind } from '../replica-set/replica-kind.js';
import { COMPONENT } from './names.js';

export const STATEFUL_SET_KIND: ReplicaKind = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  group: 'apps',
  resource: 'statefulsets',
  component: COMPONENT,
  selectorOf(set: KubeObject) {
    try {
      return fromLabelSelector((set['spec'] as { selector?: Parameters<typeof fromLabelSelector>[0] } | undefined)?.selector);
    } catch (e) {
      // Kubernetes logs "error converting StatefulSet selector" and does not retry.
      throw new TerminalError(`error converting StatefulSet ${set.metadata.namespace ?? ''}/${set.metadata.name ?? ''} selector: ${(e as Error).message}`);
    }
  },
};
