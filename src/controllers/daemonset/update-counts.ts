/**
 * The rolling-update arithmetic of Kubernetes 1.32 DaemonSets
 * (pkg/controller/daemon/util `UnavailableCount`, `SurgeCount`,
 * `AllowsSurge`, and `updatedDesiredNodeCounts`): `maxUnavailable` and
 * `maxSurge` are integers or percentages of the number of nodes that should
 * run the pod (`desiredNumberScheduled`), both rounded UP; OnDelete has
 * neither; an absent maxSurge is 0; and when both come out 0 for a
 * DaemonSet that should run somewhere, maxUnavailable becomes 1.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { IntOrString } from '../deployment/rolling-update.js';
import { scaledValue } from '../deployment/rolling-update.js';
import { TerminalError } from '../controller.js';

const isRollingUpdate = (ds: DaemonSet): boolean => (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/** `UnavailableCount`; a RollingUpdate without maxUnavailable is an error, as `GetScaledValueFromIntOrPercent(nil)` is. */
export function unavailableCount(ds: DaemonSet, desired: number): number {
  if (!isRollingUpdate(ds)) return 0;
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if (ru === undefined) return 0;
  if (ru.maxUnavailable === undefined) throw new TerminalError('invalid value for MaxUnavailable: nil value for IntOrString');
  return scaledValue(ru.maxUnavailable as IntOrString, desired, true);
}

/** `SurgeCount`. */
export function surgeCount(ds: DaemonSet, desired: number): number {
  if (!isRollingUpdate(ds)) return 0;
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  if (ru?.maxSurge === undefined) return 0;
  return scaledValue(ru.maxSurge as IntOrString, desired, true);
}

/** `AllowsSurge`: a surge of at least one pod on a one-node cluster. */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) !== 0;
  } catch {
    return false;
  }
}

/**
 * `[maxSurge, maxUnavailable]` for `desired` nodes.
 *
 * @example
 * updateLimits(dsWith({ maxUnavailable: '10%' }), 25) // [0, 3]
 */
export function updateLimits(ds: DaemonSet, desired: number): [number, number] {
  let maxUnavailable = unavailableCount(ds, desired);
  const maxSurge = surgeCount(ds, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return [maxSurge, maxUnavailable];
}
