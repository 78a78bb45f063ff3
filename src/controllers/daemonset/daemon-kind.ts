/**
 * The DaemonSet as the shared replica helpers see it (claiming and adopting
 * pods, the controller ownerReference, waking owners of orphans), plus
 * typed access to its spec and status.
 */
import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { KubeObject, LabelSelectorInternal } from '../../model/index.js';
import { fromLabelSelector } from '../../model/index.js';
import { TerminalError } from '../controller.js';
import type { ReplicaKind } from '../replica-set/replica-kind.js';
import { COMPONENT } from './names.js';

export const DAEMON_SET_KIND: ReplicaKind = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  group: 'apps',
  resource: 'daemonsets',
  component: COMPONENT,
  selectorOf(ds: KubeObject): LabelSelectorInternal {
    try {
      return fromLabelSelector((ds as unknown as DaemonSet).spec?.selector);
    } catch (e) {
      throw new TerminalError(`invalid selector of DaemonSet ${ds.metadata.namespace ?? ''}/${ds.metadata.name ?? ''}: ${(e as Error).message}`);
    }
  },
};

export const statusOf = (ds: DaemonSet): DaemonSetStatus =>
  ds.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
export const minReadySecondsOf = (ds: DaemonSet): number => ds.spec?.minReadySeconds ?? 0;
