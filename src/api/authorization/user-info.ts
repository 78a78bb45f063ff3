/**
 * Who an actor is to the authorizer: a user name and groups, as
 * kube-apiserver's authenticators hand them to RBAC. Pure and total: every
 * actor string maps to exactly one user.
 *
 * - `controller:X` — the ServiceAccount kube-controller-manager runs that
 *   controller as (`--use-service-account-credentials`):
 *   `system:serviceaccount:kube-system:<sa>` with groups
 *   `system:serviceaccounts`, `system:serviceaccounts:kube-system`,
 *   `system:authenticated`. The scheduler is `system:kube-scheduler`; the
 *   API server's own bootstrap writes are `system:apiserver` in
 *   `system:masters` (its loopback client).
 * - `node:N` — the kubelet, `system:node:N` in `system:nodes`.
 * - `user:NAME` / `client:NAME` — NAME in `system:authenticated`; a NAME of
 *   the form `system:serviceaccount:NS:SA` or `system:node:N` gets the groups
 *   Kubernetes derives for it. The operators of the simulation (the scenario
 *   runner, fork, property tests, the HTTP front's admin token) are in
 *   `system:masters`, as a kubeadm admin kubeconfig is.
 *
 * @example
 * userOf('controller:replicaset').name // 'system:serviceaccount:kube-system:replicaset-controller'
 */

export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const MASTERS = 'system:masters';
export const NODES = 'system:nodes';
export const SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const SA_PREFIX = 'system:serviceaccount:';
export const NODE_PREFIX = 'system:node:';
export const KUBE_SCHEDULER = 'system:kube-scheduler';
export const APISERVER_USER = 'system:apiserver';
export const ANONYMOUS = 'system:anonymous';

/**
 * chronokube controller names → the kube-system ServiceAccount
 * kube-controller-manager 1.32 uses for it (its `names` package). The
 * taint-eviction controller runs with the node-controller's client, as in
 * Kubernetes. Aliases cover the names other parts of chronokube may choose.
 */
export const CONTROLLER_SERVICE_ACCOUNTS: Readonly<Record<string, string>> = {
  serviceaccount: 'service-account-controller',
  'root-ca-cert-publisher': 'root-ca-cert-publisher',
  namespace: 'namespace-controller',
  'garbage-collector': 'generic-garbage-collector',
  deployment: 'deployment-controller',
  replicaset: 'replicaset-controller',
  replicationcontroller: 'replication-controller',
  statefulset: 'statefulset-controller',
  daemonset: 'daemon-set-controller',
  job: 'job-controller',
  'ttl-after-finished': 'ttl-after-finished-controller',
  cronjob: 'cronjob-controller',
  horizontalpodautoscaling: 'horizontal-pod-autoscaler',
  hpa: 'horizontal-pod-autoscaler',
  'node-lifecycle-controller': 'node-controller',
  'node-lifecycle': 'node-controller',
  'taint-eviction-controller': 'node-controller',
  'taint-eviction': 'node-controller',
  'pod-garbage-collector-controller': 'pod-garbage-collector',
  'pod-gc': 'pod-garbage-collector',
  endpoint: 'endpoint-controller',
  endpoints: 'endpoint-controller',
  endpointslice: 'endpointslice-controller',
  endpointslices: 'endpointslice-controller',
  disruption: 'disruption-controller',
  resourcequota: 'resourcequota-controller',
  'resource-quota': 'resourcequota-controller',
  'persistentvolume-binder': 'persistent-volume-binder',
  'pv-binder': 'persistent-volume-binder',
  'volume-binder': 'persistent-volume-binder',
  'pvc-protection': 'pvc-protection-controller',
  'pv-protection': 'pv-protection-controller',
  'clusterrole-aggregation': 'clusterrole-aggregation-controller',
  'ephemeral-volume': 'ephemeral-volume-controller',
  service: 'service-controller',
};

/** Controller actors that are not ServiceAccounts: `controller:scheduler` and the API server's own writes. */
const SPECIAL_CONTROLLERS: Readonly<Record<string, UserInfo>> = {
  scheduler: { name: KUBE_SCHEDULER, groups: [AUTHENTICATED] },
  apiserver: { name: APISERVER_USER, groups: [MASTERS, AUTHENTICATED] },
};

/** Actors that operate the simulation with full rights (system:masters): scenario steps, forks, property tests, the admin token. */
export const DEFAULT_MASTER_ACTORS: readonly string[] = [
  'user:scenario',
  'user:fork',
  'user:property',
  'user:debugger',
  'client:admin',
  'client:chronokube-testing',
  'client:chronokube-export',
];

export interface UserOfOptions {
  /** Actors mapped into system:masters (default `DEFAULT_MASTER_ACTORS`). */
  readonly masters?: readonly string[];
}

/** `system:serviceaccount:NS:NAME`. */
export function serviceAccountUser(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** The groups Kubernetes gives a ServiceAccount of `namespace`. */
export function serviceAccountGroups(namespace: string): readonly string[] {
  return [SERVICE_ACCOUNTS, `${SERVICE_ACCOUNTS}:${namespace}`, AUTHENTICATED];
}

/** The ServiceAccount name a controller actor runs as (`replicaset` → `replicaset-controller`); unknown names run as themselves. */
export function controllerServiceAccount(controller: string): string {
  return CONTROLLER_SERVICE_ACCOUNTS[controller] ?? controller;
}

/** The user and groups for a user name as an authenticator would report it (ServiceAccount and node names get their groups). */
export function userNamed(name: string, extraGroups: readonly string[] = []): UserInfo {
  const groups = new Set<string>(extraGroups);
  if (name.startsWith(SA_PREFIX)) {
    const rest = name.slice(SA_PREFIX.length);
    const colon = rest.indexOf(':');
    if (colon > 0) for (const g of serviceAccountGroups(rest.slice(0, colon))) groups.add(g);
  } else if (name.startsWith(NODE_PREFIX)) {
    groups.add(NODES);
  }
  if (name !== ANONYMOUS) groups.add(AUTHENTICATED);
  else groups.add(UNAUTHENTICATED);
  return { name, groups: [...groups] };
}

export function userOf(actor: string, opts: UserOfOptions = {}): UserInfo {
  const colon = actor.indexOf(':');
  const type = colon < 0 ? '' : actor.slice(0, colon);
  const rest = colon < 0 ? actor : actor.slice(colon + 1);
  const masters = opts.masters ?? DEFAULT_MASTER_ACTORS;
  if (masters.includes(actor)) return { name: rest, groups: [MASTERS, AUTHENTICATED] };
  switch (type) {
    case 'controller': {
      const special = SPECIAL_CONTROLLERS[rest];
      if (special !== undefined) return special;
      const sa = controllerServiceAccount(rest);
      return { name: serviceAccountUser('kube-system', sa), groups: serviceAccountGroups('kube-system') };
    }
    case 'node':
      return { name: `${NODE_PREFIX}${rest}`, groups: [NODES, AUTHENTICATED] };
    default:
      return userNamed(rest);
  }
}
