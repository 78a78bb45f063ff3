/**
 * Messages of the named API groups kubectl creates imperatively: apps/v1
 * Deployment, batch/v1 Job and CronJob, rbac.authorization.k8s.io/v1,
 * scheduling.k8s.io/v1 PriorityClass, policy/v1 PodDisruptionBudget and
 * Eviction, autoscaling/v1 HorizontalPodAutoscaler and networking.k8s.io/v1
 * Ingress, by their Kubernetes 1.32 field numbers in
 * staging/src/k8s.io/api/GROUP/v1/generated.proto.
 */
import type { MessageSource } from './field-spec.js';

export const GROUP_MESSAGES: Readonly<Record<string, MessageSource>> = {
  // apps/v1
  Deployment: { 1: 'metadata:ObjectMeta', 2: 'spec:DeploymentSpec', 3: 'status:DeploymentStatus' },
  DeploymentSpec: {
    1: 'replicas*:int32',
    2: 'selector*:LabelSelector',
    3: 'template:PodTemplateSpec',
    4: 'strategy:DeploymentStrategy',
    5: 'minReadySeconds:int32',
    6: 'revisionHistoryLimit*:int32',
    7: 'paused:bool',
    9: 'progressDeadlineSeconds*:int32',
  },
  DeploymentStrategy: { 1: 'type', 2: 'rollingUpdate*:RollingUpdateDeployment' },
  RollingUpdateDeployment: { 1: 'maxUnavailable*:intstr', 2: 'maxSurge*:intstr' },
  DeploymentStatus: {
    1: 'observedGeneration:int64',
    2: 'replicas:int32',
    3: 'updatedReplicas:int32',
    7: 'readyReplicas:int32',
    4: 'availableReplicas:int32',
    5: 'unavailableReplicas:int32',
    9: 'terminatingReplicas*:int32',
    6: 'conditions[]:DeploymentCondition',
    8: 'collisionCount*:int32',
  },
  DeploymentCondition: { 1: 'type!', 2: 'status!', 6: 'lastUpdateTime:time', 7: 'lastTransitionTime:time', 4: 'reason', 5: 'message' },

  // batch/v1
  Job: { 1: 'metadata:ObjectMeta', 2: 'spec:JobSpec', 3: 'status:JobStatus' },
  JobSpec: {
    1: 'parallelism*:int32',
    2: 'completions*:int32',
    3: 'activeDeadlineSeconds*:int64',
    11: 'podFailurePolicy*:PodFailurePolicy',
    15: 'successPolicy*:SuccessPolicy',
    7: 'backoffLimit*:int32',
    12: 'backoffLimitPerIndex*:int32',
    13: 'maxFailedIndexes*:int32',
    4: 'selector*:LabelSelector',
    5: 'manualSelector*:bool',
    6: 'template!:PodTemplateSpec',
    8: 'ttlSecondsAfterFinished*:int32',
    9: 'completionMode*',
    10: 'suspend*:bool',
    14: 'podReplacementPolicy*',
    16: 'managedBy*',
  },
  PodFailurePolicy: { 1: 'rules[]:PodFailurePolicyRule' },
  PodFailurePolicyRule: {
    1: 'action!',
    2: 'onExitCodes*:PodFailurePolicyOnExitCodesRequirement',
    3: 'onPodConditions[]:PodFailurePolicyOnPodConditionsPattern',
  },
  PodFailurePolicyOnExitCodesRequirement: { 1: 'containerName*', 2: 'operator!', 3: 'values[]:int32' },
  PodFailurePolicyOnPodConditionsPattern: { 1: 'type!', 2: 'status!' },
  SuccessPolicy: { 1: 'rules[]:SuccessPolicyRule' },
  SuccessPolicyRule: { 1: 'succeededIndexes*', 2: 'succeededCount*:int32' },
  JobStatus: {
    1: 'conditions[]:JobCondition',
    2: 'startTime*:time',
    3: 'completionTime*:time',
    4: 'active:int32',
    5: 'succeeded:int32',
    6: 'failed:int32',
    11: 'terminating*:int32',
    7: 'completedIndexes',
    10: 'failedIndexes*',
    8: 'uncountedTerminatedPods*:UncountedTerminatedPods',
    9: 'ready*:int32',
  },
  UncountedTerminatedPods: { 1: 'succeeded[]', 2: 'failed[]' },
  JobCondition: { 1: 'type!', 2: 'status!', 3: 'lastProbeTime:time', 4: 'lastTransitionTime:time', 5: 'reason', 6: 'message' },
  CronJob: { 1: 'metadata:ObjectMeta', 2: 'spec:CronJobSpec', 3: 'status:CronJobStatus' },
  CronJobSpec: {
    1: 'schedule!',
    8: 'timeZone*',
    2: 'startingDeadlineSeconds*:int64',
    3: 'concurrencyPolicy',
    4: 'suspend*:bool',
    5: 'jobTemplate!:JobTemplateSpec',
    6: 'successfulJobsHistoryLimit*:int32',
    7: 'failedJobsHistoryLimit*:int32',
  },
  JobTemplateSpec: { 1: 'metadata:ObjectMeta', 2: 'spec:JobSpec' },
  CronJobStatus: { 1: 'active[]:ObjectReference', 4: 'lastScheduleTime*:time', 5: 'lastSuccessfulTime*:time' },

  // rbac.authorization.k8s.io/v1
  Role: { 1: 'metadata:ObjectMeta', 2: 'rules[]:PolicyRule' },
  ClusterRole: { 1: 'metadata:ObjectMeta', 2: 'rules[]:PolicyRule', 3: 'aggregationRule*:AggregationRule' },
  PolicyRule: { 1: 'verbs[]', 2: 'apiGroups[]', 3: 'resources[]', 4: 'resourceNames[]', 5: 'nonResourceURLs[]' },
  AggregationRule: { 1: 'clusterRoleSelectors[]:LabelSelector' },
  RoleBinding: { 1: 'metadata:ObjectMeta', 2: 'subjects[]:Subject', 3: 'roleRef!:RoleRef' },
  ClusterRoleBinding: { 1: 'metadata:ObjectMeta', 2: 'subjects[]:Subject', 3: 'roleRef!:RoleRef' },
  Subject: { 1: 'kind!', 2: 'apiGroup', 3: 'name!', 4: 'namespace' },
  RoleRef: { 1: 'apiGroup!', 2: 'kind!', 3: 'name!' },

  // scheduling.k8s.io/v1
  PriorityClass: { 1: 'metadata:ObjectMeta', 2: 'value!:int32', 3: 'globalDefault:bool', 4: 'description', 5: 'preemptionPolicy*' },

  // policy/v1
  PodDisruptionBudget: { 1: 'metadata:ObjectMeta', 2: 'spec:PodDisruptionBudgetSpec', 3: 'status:PodDisruptionBudgetStatus' },
  PodDisruptionBudgetSpec: {
    1: 'minAvailable*:intstr',
    2: 'selector*:LabelSelector',
    3: 'maxUnavailable*:intstr',
    4: 'unhealthyPodEvictionPolicy*',
  },
  PodDisruptionBudgetStatus: {
    1: 'observedGeneration:int64',
    2: 'disruptedPods:map<time>',
    3: 'disruptionsAllowed!:int32',
    4: 'currentHealthy!:int32',
    5: 'desiredHealthy!:int32',
    6: 'expectedPods!:int32',
    7: 'conditions[]:Condition',
  },

  // policy/v1 eviction (kubectl drain's typed client)
  Eviction: { 1: 'metadata:ObjectMeta', 2: 'deleteOptions*:DeleteOptions' },

  // autoscaling/v1 (kubectl autoscale)
  HorizontalPodAutoscaler: { 1: 'metadata:ObjectMeta', 2: 'spec:HorizontalPodAutoscalerSpec', 3: 'status:HorizontalPodAutoscalerStatus' },
  HorizontalPodAutoscalerSpec: {
    1: 'scaleTargetRef!:CrossVersionObjectReference',
    2: 'minReplicas*:int32',
    3: 'maxReplicas!:int32',
    4: 'targetCPUUtilizationPercentage*:int32',
  },
  CrossVersionObjectReference: { 1: 'kind!', 2: 'name!', 3: 'apiVersion' },
  HorizontalPodAutoscalerStatus: {
    1: 'observedGeneration*:int64',
    2: 'lastScaleTime*:time',
    3: 'currentReplicas!:int32',
    4: 'desiredReplicas!:int32',
    5: 'currentCPUUtilizationPercentage*:int32',
  },

  // networking.k8s.io/v1
  Ingress: { 1: 'metadata:ObjectMeta', 2: 'spec:IngressSpec', 3: 'status:IngressStatus' },
  IngressSpec: { 4: 'ingressClassName*', 1: 'defaultBackend*:IngressBackend', 2: 'tls[]:IngressTLS', 3: 'rules[]:IngressRule' },
  IngressBackend: { 4: 'service*:IngressServiceBackend', 3: 'resource*:TypedLocalObjectReference' },
  IngressServiceBackend: { 1: 'name!', 2: 'port:ServiceBackendPort' },
  ServiceBackendPort: { 1: 'name', 2: 'number:int32' },
  IngressTLS: { 1: 'hosts[]', 2: 'secretName' },
  IngressRule: { 1: 'host', 2: '...:IngressRuleValue' },
  IngressRuleValue: { 1: 'http*:HTTPIngressRuleValue' },
  HTTPIngressRuleValue: { 1: 'paths[]:HTTPIngressPath' },
  HTTPIngressPath: { 1: 'path', 3: 'pathType*', 2: 'backend!:IngressBackend' },
  IngressStatus: { 1: 'loadBalancer:IngressLoadBalancerStatus' },
  IngressLoadBalancerStatus: { 1: 'ingress[]:IngressLoadBalancerIngress' },
  IngressLoadBalancerIngress: { 1: 'ip', 2: 'hostname', 4: 'ports[]:IngressPortStatus' },
  IngressPortStatus: { 1: 'port!:int32', 2: 'protocol!', 3: 'error*' },
};
