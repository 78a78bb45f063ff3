/**
 * The `system:controller:<name>` ClusterRoles of Kubernetes 1.32's bootstrap
 * policy (controller_policy.go), for the controllers enabled by default: each
 * is bound by a ClusterRoleBinding of the same name to the ServiceAccount
 * `kube-system/<name>` that kube-controller-manager runs the controller as.
 * Roles behind feature gates that are off by default in 1.32 (DRA's
 * resource-claim controller, service CIDRs, VolumeAttributesClass, SELinux
 * warnings) are left out, as a default 1.32 cluster has none of them.
 *
 * Two rules carry one extra verb, each marked where it is: chronokube's
 * Deployment controller and HPA write with a patch where Kubernetes' send an
 * update, and the role must let them do their job.
 */
import type { PolicyRule } from './policy-rule.js';
import { CORE, EVENTS_RULE, rule } from './rule-builder.js';

const APPS = ['apps', 'extensions'];

/** ServiceAccount name → its rules. */
export const CONTROLLER_ROLES: Readonly<Record<string, readonly PolicyRule[]>> = {
  'attachdetach-controller': [
    rule('list watch', CORE, 'persistentvolumes persistentvolumeclaims'),
    rule('get list watch', CORE, 'nodes'),
    rule('patch update', CORE, 'nodes/status'),
    rule('list watch', CORE, 'pods'),
    EVENTS_RULE,
    rule('get create delete list watch', ['storage.k8s.io'], 'volumeattachments'),
    rule('get watch list', ['storage.k8s.io'], 'csidrivers'),
    rule('get watch list', ['storage.k8s.io'], 'csinodes'),
  ],
  'clusterrole-aggregation-controller': [rule('escalate get list watch update patch', ['rbac.authorization.k8s.io'], 'clusterroles')],
  'cronjob-controller': [
    rule('get list watch update', ['batch'], 'cronjobs'),
    rule('get list watch create update delete patch', ['batch'], 'jobs'),
    rule('update', ['batch'], 'cronjobs/status'),
    rule('update', ['batch'], 'cronjobs/finalizers'),
    rule('list watch delete', CORE, 'pods'),
    EVENTS_RULE,
  ],
  'daemon-set-controller': [
    rule('get list watch', APPS, 'daemonsets'),
    rule('update', APPS, 'daemonsets/status'),
    rule('update', APPS, 'daemonsets/finalizers'),
    rule('list watch', CORE, 'nodes'),
    rule('list watch create delete patch', CORE, 'pods'),
    rule('create', CORE, 'pods/binding'),
    rule('get list watch create delete update patch', ['apps'], 'controllerrevisions'),
    EVENTS_RULE,
  ],
  'deployment-controller': [
    // chronokube's controller writes a Deployment's annotations as a merge patch where kube-controller-manager sends an update.
    rule('get list watch update patch', APPS, 'deployments'),
    rule('update', APPS, 'deployments/status'),
    rule('update', APPS, 'deployments/finalizers'),
    rule('get list watch create update patch delete', ['apps', 'extensions'], 'replicasets'),
    rule('get list watch update', CORE, 'pods'),
    EVENTS_RULE,
  ],
  'disruption-controller': [
    rule('get list watch', APPS, 'deployments'),
    rule('get list watch', ['apps', 'extensions'], 'replicasets'),
    rule('get list watch', CORE, 'replicationcontrollers'),
    rule('get list watch', ['policy'], 'poddisruptionbudgets'),
    rule('get list watch', ['apps'], 'statefulsets'),
    rule('update', ['policy'], 'poddisruptionbudgets/status'),
    rule('patch update', CORE, 'pods/status'),
    rule('get', ['*'], '*/scale'),
    EVENTS_RULE,
  ],
  'endpoint-controller': [
    rule('get list watch', CORE, 'services pods'),
    rule('get list watch create update delete', CORE, 'endpoints'),
    rule('create', CORE, 'endpoints/restricted'),
    EVENTS_RULE,
  ],
  'endpointslice-controller': [
    rule('get list watch', CORE, 'services pods nodes'),
    rule('update', CORE, 'services/finalizers'),
    rule('get list watch create update delete', ['discovery.k8s.io'], 'endpointslices'),
    EVENTS_RULE,
  ],
  'endpointslicemirroring-controller': [
    rule('get list watch', CORE, 'services endpoints'),
    rule('update', CORE, 'services/finalizers'),
    rule('update', CORE, 'endpoints/finalizers'),
    rule('get list watch create update delete', ['discovery.k8s.io'], 'endpointslices'),
    EVENTS_RULE,
  ],
  'expand-controller': [
    rule('get list watch update patch', CORE, 'persistentvolumes'),
    rule('update patch', CORE, 'persistentvolumeclaims/status'),
    rule('get list watch', CORE, 'persistentvolumeclaims'),
    EVENTS_RULE,
    rule('get', CORE, 'services'),
  ],
  'ephemeral-volume-controller': [
    rule('get list watch', CORE, 'pods'),
    rule('update', CORE, 'pods/finalizers'),
    rule('get list watch create', CORE, 'persistentvolumeclaims'),
    EVENTS_RULE,
  ],
  'generic-garbage-collector': [rule('get list watch patch update delete', ['*'], '*'), EVENTS_RULE],
  'horizontal-pod-autoscaler': [
    rule('get list watch', ['autoscaling'], 'horizontalpodautoscalers'),
    rule('update', ['autoscaling'], 'horizontalpodautoscalers/status'),
    // `patch` beside Kubernetes' `update`: chronokube's HPA writes the scale subresource as a patch.
    rule('get update patch', ['*'], '*/scale'),
    rule('list watch', CORE, 'pods'),
    rule('list watch', ['metrics.k8s.io'], 'pods'),
    rule('get list watch', ['custom.metrics.k8s.io'], '*'),
    rule('get list watch', ['external.metrics.k8s.io'], '*'),
    EVENTS_RULE,
  ],
  'job-controller': [
    rule('get list watch update patch', ['batch'], 'jobs'),
    rule('update', ['batch'], 'jobs/status'),
    rule('update', ['batch'], 'jobs/finalizers'),
    rule('list watch create delete patch', CORE, 'pods'),
    EVENTS_RULE,
  ],
  'namespace-controller': [
    rule('get list watch delete', CORE, 'namespaces'),
    rule('update', CORE, 'namespaces/finalize namespaces/status'),
    rule('get list watch delete deletecollection', ['*'], '*'),
  ],
  'node-controller': [
    rule('get list watch update delete patch', CORE, 'nodes'),
    rule('patch update', CORE, 'nodes/status'),
    rule('patch update', CORE, 'pods/status'),
    rule('list watch get delete', CORE, 'pods'),
    EVENTS_RULE,
  ],
  'persistent-volume-binder': [
    rule('get list watch update create delete', CORE, 'persistentvolumes'),
    rule('update', CORE, 'persistentvolumes/status'),
    rule('get list watch update', CORE, 'persistentvolumeclaims'),
    rule('update', CORE, 'persistentvolumeclaims/status'),
    rule('list watch get create delete', CORE, 'pods'),
    rule('get list watch', ['storage.k8s.io'], 'storageclasses'),
    rule('list watch', CORE, 'nodes'),
    EVENTS_RULE,
    rule('watch', CORE, 'events'),
    rule('get', CORE, 'services'),
  ],
  'pod-garbage-collector': [rule('list watch delete', CORE, 'pods'), rule('get list watch', CORE, 'nodes'), rule('patch', CORE, 'pods/status')],
  'replicaset-controller': [
    rule('get list watch update', ['apps', 'extensions'], 'replicasets'),
    rule('update', ['apps', 'extensions'], 'replicasets/status'),
    rule('update', ['apps', 'extensions'], 'replicasets/finalizers'),
    rule('list watch patch create delete', CORE, 'pods'),
    EVENTS_RULE,
  ],
  'replication-controller': [
    rule('get list watch update', CORE, 'replicationcontrollers'),
    rule('update', CORE, 'replicationcontrollers/status'),
    rule('update', CORE, 'replicationcontrollers/finalizers'),
    rule('list watch patch create delete', CORE, 'pods'),
    EVENTS_RULE,
  ],
  'resourcequota-controller': [rule('list watch', ['*'], '*'), rule('update', CORE, 'resourcequotas/status'), EVENTS_RULE],
  'route-controller': [rule('list watch', CORE, 'nodes'), rule('patch', CORE, 'nodes/status'), EVENTS_RULE],
  'service-account-controller': [rule('create', CORE, 'serviceaccounts'), EVENTS_RULE],
  'service-controller': [
    rule('get list watch', CORE, 'services'),
    rule('patch update', CORE, 'services/status'),
    rule('list watch', CORE, 'nodes'),
    EVENTS_RULE,
  ],
  'statefulset-controller': [
    rule('list watch', CORE, 'pods'),
    rule('get list watch', ['apps'], 'statefulsets'),
    rule('update', ['apps'], 'statefulsets/status'),
    rule('update', ['apps'], 'statefulsets/finalizers'),
    rule('get create delete update patch', CORE, 'pods'),
    rule('get create delete update patch list watch', ['apps'], 'controllerrevisions'),
    rule('get create list watch', CORE, 'persistentvolumeclaims'),
    rule('update delete', CORE, 'persistentvolumeclaims'),
    rule('update', CORE, 'pods/finalizers'),
    EVENTS_RULE,
  ],
  'ttl-controller': [rule('update patch list watch', CORE, 'nodes'), EVENTS_RULE],
  'certificate-controller': [
    rule('get list watch delete', ['certificates.k8s.io'], 'certificatesigningrequests'),
    rule('update', ['certificates.k8s.io'], 'certificatesigningrequests/status certificatesigningrequests/approval'),
    rule('approve', ['certificates.k8s.io'], 'signers', 'kubernetes.io/kube-apiserver-client-kubelet'),
    rule(
      'sign',
      ['certificates.k8s.io'],
      'signers',
      'kubernetes.io/legacy-unknown kubernetes.io/kube-apiserver-client kubernetes.io/kube-apiserver-client-kubelet kubernetes.io/kubelet-serving',
    ),
    rule('create', ['authorization.k8s.io'], 'subjectaccessreviews'),
    EVENTS_RULE,
  ],
  'pvc-protection-controller': [rule('get list watch update', CORE, 'persistentvolumeclaims'), rule('list watch get', CORE, 'pods'), EVENTS_RULE],
  'pv-protection-controller': [rule('get list watch update', CORE, 'persistentvolumes'), EVENTS_RULE],
  'ttl-after-finished-controller': [rule('get list watch delete', ['batch'], 'jobs'), EVENTS_RULE],
  'root-ca-cert-publisher': [rule('create update', CORE, 'configmaps'), EVENTS_RULE],
  'validatingadmissionpolicy-status-controller': [
    rule('get list watch', ['admissionregistration.k8s.io'], 'validatingadmissionpolicies'),
    rule('get patch update', ['admissionregistration.k8s.io'], 'validatingadmissionpolicies/status'),
    EVENTS_RULE,
  ],
  'legacy-service-account-token-cleaner': [
    rule('get', CORE, 'configmaps', 'kube-apiserver-legacy-service-account-token-tracking'),
    rule('patch delete', CORE, 'secrets'),
  ],
};
