/**
 * `deployments-available`: every Deployment has all its replicas available —
 * `status.availableReplicas ≥ spec.replicas` (1 when unset), read from the
 * status the Deployment controller reports (`kubectl get deploy`'s AVAILABLE).
 * Stricter than the `Available` condition, which only asks for
 * `replicas − maxUnavailable`.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Invariant } from './invariant.js';
import { checkBySubject } from './invariant.js';
import { perObject } from './per-object.js';

const DEPLOYMENTS = { group: 'apps', resource: 'deployments' };

const subjects = perObject(DEPLOYMENTS, (obj, key) => {
  const d = obj as Deployment;
  const want = d.spec?.replicas ?? 1;
  const available = d.status?.availableReplicas ?? 0;
  return available >= want ? undefined : { key, message: `${available} of ${want} replicas available` };
});

export const deploymentsAvailable: Invariant = {
  name: 'deployments-available',
  description: 'every Deployment has all spec.replicas available (status.availableReplicas)',
  reads: [DEPLOYMENTS],
  subjects,
  check: checkBySubject(subjects),
};
