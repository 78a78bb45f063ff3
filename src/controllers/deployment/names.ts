/**
 * The names the Deployment controller writes, as Kubernetes 1.32 spells
 * them (pkg/controller/deployment/util/deployment_util.go and
 * k8s.io/api/apps/v1): annotation keys, condition reasons, the event source.
 */

/** `apps.DefaultDeploymentUniqueLabelKey`. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
/** `apps.DeprecatedRollbackTo`: never copied to ReplicaSets. */
export const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** `maxRevHistoryLengthInChars` of the controller. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/** Reasons of the `Progressing`, `Available` and `ReplicaFailure` conditions. */
export const Reason = {
  NewRS: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  FailedRSCreate: 'ReplicaSetCreateError',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

export const COMPONENT = 'deployment-controller';
/** `math.MaxInt32`: a progressDeadlineSeconds of this value means "no deadline". */
export const MAX_INT32 = 2147483647;
