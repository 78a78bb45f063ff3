/**
 * Who made a request, as a history actor, from the user an audit event
 * names (the impersonated user when there is one: that is whose request it
 * was). Kubernetes' own components are named as chronokube names its
 * simulations of them, so `why` and `blame` read the same for imported and
 * simulated histories:
 *
 * - kube-controller-manager with `--use-service-account-credentials` runs
 *   each controller as `system:serviceaccount:kube-system:<name>` (the
 *   service accounts of Kubernetes' bootstrap controller roles) →
 *   `controller:<chronokube's controller>`;
 * - `system:kube-controller-manager` (one shared identity) →
 *   `controller:kube-controller-manager`; `system:kube-scheduler` →
 *   `controller:scheduler`; `system:node:<node>` (a kubelet) → `node:<node>`;
 * - other service accounts are outside processes → `client:system:serviceaccount:NS:NAME`;
 * - everyone else is a person → `user:<username>`.
 */

/** Kubernetes' controller service accounts (kube-system) → chronokube's controller names. */
export const CONTROLLER_OF_SERVICE_ACCOUNT: Readonly<Record<string, string>> = {
  'replicaset-controller': 'replicaset',
  'replication-controller': 'replicationcontroller',
  'deployment-controller': 'deployment',
  'daemon-set-controller': 'daemonset',
  'statefulset-controller': 'statefulset',
  'job-controller': 'job',
  'cronjob-controller': 'cronjob',
  'ttl-after-finished-controller': 'ttl-after-finished',
  'namespace-controller': 'namespace',
  'generic-garbage-collector': 'garbage-collector',
  'horizontal-pod-autoscaler': 'horizontalpodautoscaling',
  'node-controller': 'node-lifecycle-controller',
  'pod-garbage-collector': 'pod-garbage-collector-controller',
  'service-account-controller': 'serviceaccount',
  'root-ca-cert-publisher': 'root-ca-cert-publisher',
  'endpoint-controller': 'endpoints',
  'endpointslice-controller': 'endpointslice',
  'disruption-controller': 'disruption',
  'resourcequota-controller': 'resourcequota',
};

export interface AuditUser {
  readonly username?: unknown;
}

export function auditActor(user: AuditUser | undefined, impersonated?: AuditUser): string {
  const who = impersonated?.username ?? user?.username;
  if (typeof who !== 'string' || who === '') return 'client:unknown';
  const sa = /^system:serviceaccount:([^:]+):(.+)$/.exec(who);
  if (sa !== null) {
    const controller = sa[1] === 'kube-system' ? CONTROLLER_OF_SERVICE_ACCOUNT[sa[2] ?? ''] : undefined;
    return controller === undefined ? `client:${who}` : `controller:${controller}`;
  }
  if (who === 'system:kube-scheduler') return 'controller:scheduler';
  if (who === 'system:kube-controller-manager') return 'controller:kube-controller-manager';
  const node = /^system:node:(.+)$/.exec(who);
  if (node !== null) return `node:${node[1] ?? ''}`;
  return `user:${who}`;
}
