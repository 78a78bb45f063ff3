/**
 * The ClusterRoles and ClusterRoleBindings kube-apiserver 1.32 bootstraps
 * besides the controller roles (policy.go): cluster-admin, the aggregated
 * admin/edit/view and their `system:aggregate-to-*` parts, discovery and
 * public info, basic-user, the scheduler, controller manager, node and
 * proxy roles. `system:node` is bound to nobody, as in Kubernetes since
 * 1.8: nodes are authorized by the Node authorizer (see node-rules in
 * rbac-authorizer.ts), which uses these same rules.
 */
import type { PolicyRule } from './policy-rule.js';
import { CORE, EVENTS_RULE, READ, READ_WRITE, rule, urlRule, WRITE } from './rule-builder.js';
import { AUTHENTICATED, KUBE_SCHEDULER, MASTERS, SERVICE_ACCOUNTS, UNAUTHENTICATED } from './user-info.js';

export interface ClusterRoleSpec {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Labels selecting the roles aggregated into this one (`aggregationRule.clusterRoleSelectors[].matchLabels`). */
  readonly aggregateFrom?: readonly Readonly<Record<string, string>>[];
  readonly rules: readonly PolicyRule[];
}

export type SubjectSpec =
  | { readonly kind: 'User' | 'Group'; readonly name: string }
  | { readonly kind: 'ServiceAccount'; readonly name: string; readonly namespace: string };

export interface BindingSpec {
  readonly name: string;
  readonly role: string;
  readonly subjects: readonly SubjectSpec[];
}

const AGG = 'rbac.authorization.k8s.io/aggregate-to-';
const to = (role: 'admin' | 'edit' | 'view'): Readonly<Record<string, string>> => ({ [`${AGG}${role}`]: 'true' });

/** The rules of `system:node`, which the Node authorizer grants each kubelet. */
export const NODE_RULES: readonly PolicyRule[] = [
  rule('create', ['authentication.k8s.io'], 'tokenreviews'),
  rule('create', ['authorization.k8s.io'], 'subjectaccessreviews localsubjectaccessreviews'),
  rule(READ, CORE, 'services'),
  rule('create get list watch', CORE, 'nodes'),
  rule('update patch', CORE, 'nodes/status'),
  rule('update patch', CORE, 'nodes'),
  rule('create update patch', CORE, 'events'),
  rule(READ, CORE, 'pods'),
  rule('create delete', CORE, 'pods'),
  rule('update patch', CORE, 'pods/status'),
  rule('create', CORE, 'pods/eviction'),
  rule(READ, CORE, 'secrets configmaps'),
  rule('get', CORE, 'persistentvolumeclaims persistentvolumes'),
  rule('get', CORE, 'endpoints'),
  rule('create get list watch', ['certificates.k8s.io'], 'certificatesigningrequests'),
  rule('get create update patch delete', ['coordination.k8s.io'], 'leases'),
  rule('get', ['storage.k8s.io'], 'volumeattachments'),
  rule('create', CORE, 'serviceaccounts/token'),
  rule('get update patch', CORE, 'persistentvolumeclaims/status'),
  rule('get watch list', ['storage.k8s.io'], 'csidrivers'),
  rule('get create update patch delete', ['storage.k8s.io'], 'csinodes'),
  rule(READ, ['node.k8s.io'], 'runtimeclasses'),
];

export const CLUSTER_ROLES: readonly ClusterRoleSpec[] = [
  { name: 'cluster-admin', rules: [rule('*', ['*'], '*'), urlRule('*', '*')] },
  { name: 'system:discovery', rules: [urlRule('get', '/livez /readyz /healthz /version /version/ /openapi /openapi/* /api /api/* /apis /apis/*')] },
  { name: 'system:public-info-viewer', rules: [urlRule('get', '/livez /readyz /healthz /version /version/')] },
  {
    name: 'system:basic-user',
    rules: [rule('create', ['authorization.k8s.io'], 'selfsubjectaccessreviews selfsubjectrulesreviews'), rule('create', ['authentication.k8s.io'], 'selfsubjectreviews')],
  },
  { name: 'admin', aggregateFrom: [to('admin')], rules: [] },
  { name: 'edit', labels: to('admin'), aggregateFrom: [to('edit')], rules: [] },
  { name: 'view', labels: to('edit'), aggregateFrom: [to('view')], rules: [] },
  {
    name: 'system:aggregate-to-admin',
    labels: to('admin'),
    rules: [rule('create', ['authorization.k8s.io'], 'localsubjectaccessreviews'), rule(READ_WRITE, ['rbac.authorization.k8s.io'], 'roles rolebindings')],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: to('edit'),
    rules: [
      rule(READ, CORE, 'pods/attach pods/proxy pods/exec pods/portforward secrets services/proxy'),
      rule('impersonate', CORE, 'serviceaccounts'),
      rule(WRITE, CORE, 'pods pods/attach pods/proxy pods/exec pods/portforward'),
      rule('create', CORE, 'pods/eviction'),
      rule(WRITE, CORE, 'replicationcontrollers replicationcontrollers/scale serviceaccounts services services/proxy persistentvolumeclaims configmaps secrets events'),
      rule('create', CORE, 'serviceaccounts/token'),
      rule(WRITE, ['apps'], 'statefulsets statefulsets/scale daemonsets deployments deployments/scale deployments/rollback replicasets replicasets/scale'),
      rule(WRITE, ['autoscaling'], 'horizontalpodautoscalers'),
      rule(WRITE, ['batch'], 'jobs cronjobs'),
      rule(WRITE, ['extensions'], 'daemonsets deployments deployments/scale deployments/rollback ingresses replicasets replicasets/scale replicationcontrollers/scale networkpolicies'),
      rule(WRITE, ['policy'], 'poddisruptionbudgets'),
      rule(WRITE, ['networking.k8s.io'], 'networkpolicies ingresses'),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: to('view'),
    rules: [
      rule(READ, CORE, 'pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status endpoints persistentvolumeclaims persistentvolumeclaims/status configmaps'),
      rule(READ, CORE, 'limitranges resourcequotas bindings events pods/status resourcequotas/status namespaces/status replicationcontrollers/status pods/log'),
      rule(READ, CORE, 'namespaces'),
      rule(READ, ['discovery.k8s.io'], 'endpointslices'),
      rule(
        READ,
        ['apps'],
        'controllerrevisions statefulsets statefulsets/status statefulsets/scale daemonsets daemonsets/status deployments deployments/status deployments/scale replicasets replicasets/status replicasets/scale',
      ),
      rule(READ, ['autoscaling'], 'horizontalpodautoscalers horizontalpodautoscalers/status'),
      rule(READ, ['batch'], 'jobs cronjobs cronjobs/status jobs/status'),
      rule(
        READ,
        ['extensions'],
        'daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status replicasets replicasets/scale replicasets/status replicationcontrollers/scale networkpolicies',
      ),
      rule(READ, ['policy'], 'poddisruptionbudgets poddisruptionbudgets/status'),
      rule(READ, ['networking.k8s.io'], 'networkpolicies ingresses ingresses/status'),
    ],
  },
  { name: 'system:auth-delegator', rules: [rule('create', ['authentication.k8s.io'], 'tokenreviews'), rule('create', ['authorization.k8s.io'], 'subjectaccessreviews')] },
  { name: 'system:kube-aggregator', rules: [rule(READ, CORE, 'services endpoints')] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      EVENTS_RULE,
      rule('create', ['coordination.k8s.io'], 'leases'),
      rule('get update', ['coordination.k8s.io'], 'leases', 'kube-controller-manager'),
      rule('create', CORE, 'secrets serviceaccounts'),
      rule('delete', CORE, 'secrets'),
      rule('get', CORE, 'namespaces secrets serviceaccounts configmaps'),
      rule('update', CORE, 'secrets serviceaccounts'),
      rule('create', ['authentication.k8s.io'], 'tokenreviews'),
      rule('create', ['authorization.k8s.io'], 'subjectaccessreviews'),
      rule('list watch', ['*'], '*'),
      rule('create', CORE, 'serviceaccounts/token'),
    ],
  },
  { name: 'system:kube-dns', rules: [rule('list watch', CORE, 'endpoints services')] },
  {
    name: 'system:kube-scheduler',
    rules: [
      EVENTS_RULE,
      rule('create', ['coordination.k8s.io'], 'leases'),
      rule('get update', ['coordination.k8s.io'], 'leases', 'kube-scheduler'),
      rule(READ, CORE, 'nodes'),
      rule('get list watch delete', CORE, 'pods'),
      rule('create', CORE, 'bindings pods/binding'),
      rule('patch update', CORE, 'pods/status'),
      rule(READ, CORE, 'replicationcontrollers services'),
      rule(READ, ['apps', 'extensions'], 'replicasets'),
      rule(READ, ['apps'], 'statefulsets'),
      rule(READ, ['policy'], 'poddisruptionbudgets'),
      rule(READ, CORE, 'persistentvolumeclaims persistentvolumes'),
      rule('create', ['authentication.k8s.io'], 'tokenreviews'),
      rule('create', ['authorization.k8s.io'], 'subjectaccessreviews'),
      rule(READ, ['storage.k8s.io'], 'csinodes'),
      rule(READ, CORE, 'namespaces'),
      rule(READ, ['storage.k8s.io'], 'csidrivers'),
      rule(READ, ['storage.k8s.io'], 'csistoragecapacities'),
    ],
  },
  { name: 'system:monitoring', rules: [urlRule('get', '/healthz /healthz/* /livez /livez/* /metrics /metrics/slis /readyz /readyz/*')] },
  { name: 'system:node', rules: NODE_RULES },
  { name: 'system:node-bootstrapper', rules: [rule('create get list watch', ['certificates.k8s.io'], 'certificatesigningrequests')] },
  { name: 'system:node-problem-detector', rules: [rule('get', CORE, 'nodes'), rule('patch', CORE, 'nodes/status'), EVENTS_RULE] },
  {
    name: 'system:node-proxier',
    rules: [rule('list watch', CORE, 'services endpoints'), rule(READ, CORE, 'nodes'), EVENTS_RULE, rule('list watch', ['discovery.k8s.io'], 'endpointslices')],
  },
  {
    name: 'system:persistent-volume-provisioner',
    rules: [
      rule('get list watch create delete', CORE, 'persistentvolumes'),
      rule('get list watch update', CORE, 'persistentvolumeclaims'),
      rule(READ, ['storage.k8s.io'], 'storageclasses'),
      rule('watch', CORE, 'events'),
      EVENTS_RULE,
    ],
  },
  { name: 'system:service-account-issuer-discovery', rules: [urlRule('get', '/.well-known/openid-configuration /openid/v1/jwks')] },
  {
    name: 'system:volume-scheduler',
    rules: [rule('get list watch patch update', CORE, 'persistentvolumes'), rule(READ, ['storage.k8s.io'], 'storageclasses'), rule('get list watch patch update', CORE, 'persistentvolumeclaims')],
  },
];

const group = (name: string): SubjectSpec => ({ kind: 'Group', name });
const user = (name: string): SubjectSpec => ({ kind: 'User', name });

export const CLUSTER_ROLE_BINDINGS: readonly BindingSpec[] = [
  { name: 'cluster-admin', role: 'cluster-admin', subjects: [group(MASTERS)] },
  { name: 'system:basic-user', role: 'system:basic-user', subjects: [group(AUTHENTICATED)] },
  { name: 'system:discovery', role: 'system:discovery', subjects: [group(AUTHENTICATED)] },
  { name: 'system:kube-controller-manager', role: 'system:kube-controller-manager', subjects: [user('system:kube-controller-manager')] },
  { name: 'system:kube-dns', role: 'system:kube-dns', subjects: [{ kind: 'ServiceAccount', name: 'kube-dns', namespace: 'kube-system' }] },
  { name: 'system:kube-scheduler', role: 'system:kube-scheduler', subjects: [user(KUBE_SCHEDULER)] },
  { name: 'system:monitoring', role: 'system:monitoring', subjects: [group('system:monitoring')] },
  { name: 'system:node', role: 'system:node', subjects: [] },
  { name: 'system:node-proxier', role: 'system:node-proxier', subjects: [user('system:kube-proxy')] },
  { name: 'system:public-info-viewer', role: 'system:public-info-viewer', subjects: [group(AUTHENTICATED), group(UNAUTHENTICATED)] },
  { name: 'system:service-account-issuer-discovery', role: 'system:service-account-issuer-discovery', subjects: [group(SERVICE_ACCOUNTS)] },
  { name: 'system:volume-scheduler', role: 'system:volume-scheduler', subjects: [user(KUBE_SCHEDULER)] },
];
