/**
 * Toleration matching, as Kubernetes 1.32 defines it
 * (`Toleration.ToleratesTaint`, `GetMatchingTolerations`,
 * `getMinTolerationTime` in pkg/controller/tainteviction):
 *
 * - a toleration matches a taint when its effect is empty or equal, its
 *   key is empty (with `Exists`: every taint) or equal, and its operator is
 *   `Exists`, or `Equal` (the default) with an equal value;
 * - all taints are tolerated only if each has a matching toleration; the
 *   first match per taint is the one "used";
 * - how long the pod may stay: the smallest `tolerationSeconds` among the
 *   used tolerations (0 or less: not at all), forever if none sets it.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if ((t.effect ?? '') !== '' && t.effect !== taint.effect) return false;
  if ((t.key ?? '') !== '' && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** Whether every taint is tolerated, and the tolerations used (the first match per taint). */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { allTolerated: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => toleratesTaint(t, taint));
    if (match === undefined) return { allTolerated: false, used: [] };
    used.push(match);
  }
  return { allTolerated: true, used };
}

/** Seconds the pod may stay: 0 for "evict now", undefined for "forever". */
export function minTolerationSeconds(used: readonly Toleration[]): number | undefined {
  if (used.length === 0) return 0;
  let min: number | undefined;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    if (min === undefined || t.tolerationSeconds < min) min = t.tolerationSeconds;
  }
  return min;
}
