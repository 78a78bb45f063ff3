/**
 * `cleanupDeployment` (Kubernetes 1.32 sync.go): keep at most
 * `revisionHistoryLimit` old ReplicaSets that are not being deleted;
 * delete the surplus lowest revisions first, but only those fully scaled
 * down (spec and status replicas 0) whose latest spec the ReplicaSet
 * controller has observed.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { byRevision, specReplicas } from './replica-sets.js';

export function replicaSetsToCleanUp(d: Deployment, oldRSs: readonly ReplicaSet[]): ReplicaSet[] {
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined) return [];
  const cleanable = oldRSs.filter((rs) => rs.metadata?.deletionTimestamp === undefined).sort(byRevision);
  const diff = cleanable.length - limit;
  if (diff <= 0) return [];
  return cleanable
    .slice(0, diff)
    .filter(
      (rs) =>
        (rs.status?.replicas ?? 0) === 0 &&
        specReplicas(rs) === 0 &&
        (rs.metadata?.generation ?? 0) <= (rs.status?.observedGeneration ?? 0) &&
        rs.metadata?.deletionTimestamp === undefined,
    );
}
