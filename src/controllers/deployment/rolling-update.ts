/**
 * The rolling-update arithmetic of Kubernetes 1.32
 * (pkg/controller/deployment/util/deployment_util.go and
 * apimachinery's intstr): maxSurge and maxUnavailable as integers or
 * percentages of `spec.replicas` — surge rounds up, unavailable rounds down,
 * and when both resolve to zero maxUnavailable becomes 1
 * (`ResolveFenceposts`) — and how far the new ReplicaSet may grow
 * (`NewRSNewReplicas`).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { TerminalError } from '../controller.js';
import { specReplicas, specSum } from './replica-sets.js';

export type IntOrString = number | string;

/**
 * `intstr.GetScaledValueFromIntOrPercent`: an integer as is; `"N%"` of
 * `total`, rounded up or down. Any other string is an error, as in Go.
 *
 * @example
 * scaledValue('25%', 10, true)  // 3
 * scaledValue('25%', 10, false) // 2
 */
export function scaledValue(v: IntOrString, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (m === null) throw new TerminalError(`invalid value for IntOrString: invalid type: string is not a percentage: ${JSON.stringify(v)}`);
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** `ResolveFenceposts`: [surge, unavailable] for `desired` replicas; both zero become [0, 1]. */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export const desiredReplicas = (d: Deployment): number => d.spec?.replicas ?? 1;
export const isRollingUpdate = (d: Deployment): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

function fenceposts(d: Deployment): [number, number] {
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desiredReplicas(d));
}

/** `MaxSurge`: 0 unless RollingUpdate. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? fenceposts(d)[0] : 0;
}

/** `MaxUnavailable`: 0 unless RollingUpdate with replicas; never more than `spec.replicas`. */
export function maxUnavailable(d: Deployment): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  return Math.min(fenceposts(d)[1], desired);
}

/**
 * `NewRSNewReplicas`: the new ReplicaSet's size for this step. RollingUpdate
 * grows it by what the surge allows over the current total of spec.replicas,
 * never past `spec.replicas`; Recreate goes straight to `spec.replicas`.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d)) return desired;
  const maxTotal = desired + maxSurge(d);
  const current = specSum(allRSs);
  if (current >= maxTotal) return specReplicas(newRS);
  const up = Math.min(maxTotal - current, desired - specReplicas(newRS));
  return specReplicas(newRS) + up;
}
