/**
 * Smaller kinds with their own 1.32 printers: Leases (HOLDER),
 * LeaseCandidates, PriorityClasses, PodDisruptionBudgets, ResourceQuotas
 * and RBAC bindings (ROLE, then USERS GROUPS SERVICEACCOUNTS wide).
 */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { ResourceQuota } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { AGE_COLUMN, NAME_COLUMN, column, wide } from '../columns.js';
import { intOrString, quantityString } from '../cells.js';
import { since } from '../human-duration.js';
import { printer } from '../printer.js';

export const leasePrinter = printer<Lease>(
  [NAME_COLUMN, column('Holder', 'string', 'The identity currently holding the lease.'), AGE_COLUMN],
  (l, now) => [l.metadata?.name ?? '', l.spec?.holderIdentity ?? '', since(l.metadata?.creationTimestamp, now)],
);

/** coordination.k8s.io/v1alpha2, newer than the `kubernetes-types` release in use. */
interface LeaseCandidate {
  metadata?: ObjectMeta;
  spec?: { leaseName?: string; binaryVersion?: string; emulationVersion?: string };
}

export const leaseCandidatePrinter = printer<LeaseCandidate>(
  [
    NAME_COLUMN,
    column('LeaseName', 'string', 'The lease the candidate competes for.'),
    column('BinaryVersion', 'string', 'The binary version of the candidate.'),
    column('EmulationVersion', 'string', 'The version the candidate emulates.'),
    AGE_COLUMN,
  ],
  (c, now) => [
    c.metadata?.name ?? '',
    c.spec?.leaseName ?? '',
    c.spec?.binaryVersion ?? '',
    c.spec?.emulationVersion ?? '',
    since(c.metadata?.creationTimestamp, now),
  ],
);

// PREEMPTIONPOLICY has priority 0 in 1.32 (its cell was once wide-only), so kubectl shows it by default.
export const priorityClassPrinter = printer<PriorityClass>(
  [
    NAME_COLUMN,
    column('Value', 'integer', 'The priority value pods of this class get.'),
    column('Global-Default', 'boolean', 'Whether pods without a class get this one.'),
    AGE_COLUMN,
    column('PreemptionPolicy', 'string', 'Whether pods of this class may preempt lower-priority pods.'),
  ],
  (pc, now) => [pc.metadata?.name ?? '', pc.value, pc.globalDefault ?? false, since(pc.metadata?.creationTimestamp, now), pc.preemptionPolicy ?? ''],
);

export const podDisruptionBudgetPrinter = printer<PodDisruptionBudget>(
  [
    NAME_COLUMN,
    column('Min Available', 'string', 'Pods that must stay available.'),
    column('Max Unavailable', 'string', 'Pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Pods that may be disrupted now.'),
    AGE_COLUMN,
  ],
  (pdb, now) => [
    pdb.metadata?.name ?? '',
    pdb.spec?.minAvailable === undefined ? 'N/A' : intOrString(pdb.spec.minAvailable),
    pdb.spec?.maxUnavailable === undefined ? 'N/A' : intOrString(pdb.spec.maxUnavailable),
    pdb.status?.disruptionsAllowed ?? 0,
    since(pdb.metadata?.creationTimestamp, now),
  ],
);

/** `resource: used/hard` for every hard limit, requests and limits apart, sorted by resource name. */
function quotaCells(rq: ResourceQuota): [string, string] {
  const hard = rq.status?.hard ?? {};
  const requests: string[] = [];
  const limits: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const entry = `${name}: ${quantityString(rq.status?.used?.[name])}/${quantityString(hard[name])}`;
    const parts = name.split('.');
    (parts.length > 1 && parts[0] === 'limits' ? limits : requests).push(entry);
  }
  return [requests.join(', '), limits.join(', ')];
}

export const resourceQuotaPrinter = printer<ResourceQuota>(
  [
    NAME_COLUMN,
    column('Request', 'string', 'Used out of hard limits, for everything but limits.*.'),
    column('Limit', 'string', 'Used out of hard limits, for limits.*.'),
    AGE_COLUMN,
  ],
  (rq, now) => [rq.metadata?.name ?? '', ...quotaCells(rq), since(rq.metadata?.creationTimestamp, now)],
);

/** `rbac.SubjectsStrings`: users, groups and `namespace/name` service accounts, each ", "-joined. */
function subjects(b: RoleBinding | ClusterRoleBinding): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of b.subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

const bindingPrinter = (what: string) =>
  printer<RoleBinding>(
    [
      NAME_COLUMN,
      column('Role', 'string', 'The role granted, as Kind/name.'),
      AGE_COLUMN,
      wide('Users', 'string', `Users the ${what} names.`),
      wide('Groups', 'string', `Groups the ${what} names.`),
      wide('ServiceAccounts', 'string', `Service accounts the ${what} names.`),
    ],
    (b, now) => [b.metadata?.name ?? '', `${b.roleRef.kind}/${b.roleRef.name}`, since(b.metadata?.creationTimestamp, now), ...subjects(b)],
  );

export const roleBindingPrinter = bindingPrinter('role binding');
export const clusterRoleBindingPrinter = bindingPrinter('cluster role binding');
