/**
 * `replicasets-satisfied`: every ReplicaSet has as many ready replicas as it
 * asks for — `status.readyReplicas ≥ spec.replicas` (1 when unset), read from
 * the status the ReplicaSet controller reports, as `kubectl get rs` shows it.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Invariant } from './invariant.js';
import { checkBySubject } from './invariant.js';
import { perObject } from './per-object.js';

const REPLICASETS = { group: 'apps', resource: 'replicasets' };

const subjects = perObject(REPLICASETS, (obj, key) => {
  const rs = obj as ReplicaSet;
  const want = rs.spec?.replicas ?? 1;
  const ready = rs.status?.readyReplicas ?? 0;
  return ready >= want ? undefined : { key, message: `${ready} of ${want} replicas ready` };
});

export const replicaSetsSatisfied: Invariant = {
  name: 'replicasets-satisfied',
  description: 'every ReplicaSet has spec.replicas ready replicas (status.readyReplicas)',
  reads: [REPLICASETS],
  subjects,
  check: checkBySubject(subjects),
};
