/**
 * The one difference between the ReplicaSet and ReplicationController
 * controllers: which kind they keep pods for, how its selector reads, and
 * the event source they report as. Kubernetes runs the RC controller as the
 * ReplicaSet controller over converted objects
 * (pkg/controller/replication); here both share `syncReplicas` over this
 * description.
 */
import type { KubeObject, LabelSelectorInternal } from '../../model/index.js';

export interface ReplicaKind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  /** The resource (plural). */
  readonly resource: string;
  /** The Events' `source.component`. */
  readonly component: string;
  /** The pod selector; throws a TerminalError when it can never select anything sensible. */
  selectorOf(obj: KubeObject): LabelSelectorInternal;
}

/** The fields the two kinds share (ReplicaSetSpec and ReplicationControllerSpec agree on these). */
export interface ReplicaSpec {
  readonly replicas?: number;
  readonly minReadySeconds?: number;
  readonly template?: { readonly metadata?: KubeObject['metadata']; readonly spec?: unknown };
}

export interface ReplicaCondition {
  readonly type: string;
  readonly status: string;
  readonly lastTransitionTime?: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface ReplicaStatus {
  readonly replicas: number;
  readonly fullyLabeledReplicas?: number;
  readonly readyReplicas?: number;
  readonly availableReplicas?: number;
  readonly observedGeneration?: number;
  readonly conditions?: readonly ReplicaCondition[];
}

export function specOf(obj: KubeObject): ReplicaSpec {
  return (obj['spec'] as ReplicaSpec | undefined) ?? {};
}

export function statusOf(obj: KubeObject): ReplicaStatus {
  return (obj['status'] as ReplicaStatus | undefined) ?? { replicas: 0 };
}
