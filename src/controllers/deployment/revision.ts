/**
 * Revisions and the annotations a Deployment keeps on its ReplicaSets
 * (Kubernetes 1.32 deployment/util: `SetNewReplicaSetAnnotations`,
 * `copyDeploymentAnnotationsToReplicaSet`, `SetReplicasAnnotations`,
 * `ReplicasAnnotationsNeedUpdate`). These mutate the working copy they are
 * given and say whether anything changed, as the Go functions do.
 *
 * - The new ReplicaSet's revision is one more than the highest old one, and
 *   only ever grows; when an older ReplicaSet becomes new again (a
 *   rollback), its previous revisions go to `revision-history` (at most
 *   2000 characters, oldest dropped first).
 * - The Deployment's own annotations are copied to the new ReplicaSet, except
 *   last-applied-configuration, revision, revision-history, desired-replicas,
 *   max-replicas and the deprecated rollback annotation.
 * - `desired-replicas` is `spec.replicas`; `max-replicas` is `spec.replicas +
 *   maxSurge`.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { DESIRED_REPLICAS, LAST_APPLIED, MAX_REPLICAS, MAX_REV_HISTORY_LENGTH_IN_CHARS, REVISION, REVISION_HISTORY, ROLLBACK_TO } from './names.js';
import { desiredReplicas, maxSurge } from './rolling-update.js';

const SKIP = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

function annotationsOf(rs: ReplicaSet): Record<string, string> {
  const m = (rs.metadata ??= {});
  return (m.annotations ??= {});
}

export function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  for (const k of Object.keys(d.metadata?.annotations ?? {}).sort()) {
    const v = d.metadata?.annotations?.[k] ?? '';
    if (SKIP.has(k) || (k in a && a[k] === v)) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations;
  if (a === undefined) return true;
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  if (a[DESIRED_REPLICAS] !== String(desired)) {
    a[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS] !== String(max)) {
    a[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

/** The Deployment's desired and max replicas, as the annotations record them. */
export function replicasAnnotationValues(d: Deployment): [number, number] {
  return [desiredReplicas(d), desiredReplicas(d) + maxSurge(d)];
}

/** `SetNewReplicaSetAnnotations`; `exists` is false for a ReplicaSet about to be created (it gets the replicas annotations too). */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = annotationsOf(rs);
  const had = REVISION in a;
  const oldText = a[REVISION] ?? '';
  let old = 0;
  if (oldText !== '') {
    if (!/^[+-]?\d+$/.test(oldText)) return false; // Kubernetes gives up on a malformed revision.
    old = Number(oldText);
  }
  if (old < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
  }
  if (had && old < newRevision) {
    const history = a[REVISION_HISTORY] ?? '';
    let parts = history.split(',');
    if ((parts[0] ?? '').length === 0) {
      a[REVISION_HISTORY] = oldText;
    } else {
      let total = history.length + oldText.length + 1;
      let start = 0;
      while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < parts.length) {
        total -= (parts[start] ?? '').length + 1;
        start++;
      }
      if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) {
        parts = [...parts.slice(start), oldText];
        a[REVISION_HISTORY] = parts.join(',');
      }
    }
  }
  if (!exists) {
    const [desired, max] = replicasAnnotationValues(d);
    if (setReplicasAnnotations(rs, desired, max)) changed = true;
  }
  return changed;
}
