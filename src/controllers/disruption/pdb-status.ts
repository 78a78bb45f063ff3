/**
 * The status a budget should carry, and the `DisruptionAllowed` condition,
 * as Kubernetes 1.32 writes them (`updatePdbStatus`, `failSafe`, and
 * component-helpers' `UpdateDisruptionAllowedCondition` /
 * `ConditionsAreUpToDate`):
 * - disruptionsAllowed = currentHealthy − desiredHealthy, or 0 when that is
 *   not positive or no pod is expected (`expectedPods` ≤ 0);
 * - the condition is True/`SufficientPods` when disruptions are allowed,
 *   else False/`InsufficientPods`; a failed sync sets disruptionsAllowed 0
 *   and False/`SyncFailed` with the error as message, keeping the old
 *   observedGeneration;
 * - like `meta.SetStatusCondition`, `lastTransitionTime` moves only when
 *   the condition's status changes;
 * - nothing is written when every field already matches.
 */
import type { Condition } from 'kubernetes-types/meta/v1.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1.js';

export const DISRUPTION_ALLOWED = 'DisruptionAllowed';
export const SUFFICIENT_PODS = 'SufficientPods';
export const INSUFFICIENT_PODS = 'InsufficientPods';
export const SYNC_FAILED = 'SyncFailed';

export interface Counts {
  readonly currentHealthy: number;
  readonly desiredHealthy: number;
  readonly expectedCount: number;
  readonly disruptedPods: Readonly<Record<string, string>>;
}

/** `meta.SetStatusCondition` for one condition type: the list with `cond` set, transition time kept unless the status changed. */
export function setCondition(conditions: readonly Condition[] | undefined, cond: Omit<Condition, 'lastTransitionTime'>, now: string): Condition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === cond.type);
  const old = i < 0 ? undefined : list[i];
  const lastTransitionTime = old !== undefined && old.status === cond.status ? old.lastTransitionTime : now;
  // observedGeneration is omitempty in Go: a 0 is not written.
  const gen = cond.observedGeneration ?? 0;
  const next: Condition = { type: cond.type, status: cond.status, ...(gen > 0 ? { observedGeneration: gen } : {}), lastTransitionTime, reason: cond.reason, message: cond.message };
  if (i < 0) list.push(next);
  else list[i] = next;
  return list;
}

/** `UpdateDisruptionAllowedCondition`: the condition that matches `status.disruptionsAllowed`. */
export function withDisruptionAllowedCondition(status: PodDisruptionBudgetStatus, now: string): PodDisruptionBudgetStatus {
  const allowed = status.disruptionsAllowed > 0;
  const conditions = setCondition(
    status.conditions,
    {
      type: DISRUPTION_ALLOWED,
      status: allowed ? 'True' : 'False',
      reason: allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS,
      message: '',
      ...(status.observedGeneration === undefined ? {} : { observedGeneration: status.observedGeneration }),
    },
    now,
  );
  return { ...status, conditions };
}

/** `ConditionsAreUpToDate`. */
function conditionsUpToDate(pdb: PodDisruptionBudget): boolean {
  const st = pdb.status;
  const cond = st?.conditions?.find((c) => c.type === DISRUPTION_ALLOWED);
  if (st === undefined || cond === undefined) return false;
  if ((st.observedGeneration ?? 0) !== (pdb.metadata?.generation ?? 0)) return false;
  if (st.disruptionsAllowed > 0) return cond.status === 'True' && cond.reason === SUFFICIENT_PODS;
  return cond.status === 'False' && cond.reason === INSUFFICIENT_PODS;
}

const sameMap = (a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>>): boolean => {
  const ak = Object.keys(a ?? {});
  return ak.length === Object.keys(b).length && ak.every((k) => a?.[k] === b[k]);
};

/** The status to write, or undefined when the current one already says all this. */
export function nextPdbStatus(pdb: PodDisruptionBudget, c: Counts, now: string): PodDisruptionBudgetStatus | undefined {
  let disruptionsAllowed = c.currentHealthy - c.desiredHealthy;
  if (c.expectedCount <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const st = pdb.status;
  const generation = pdb.metadata?.generation ?? 0;
  if (
    st !== undefined &&
    st.currentHealthy === c.currentHealthy &&
    st.desiredHealthy === c.desiredHealthy &&
    st.expectedPods === c.expectedCount &&
    st.disruptionsAllowed === disruptionsAllowed &&
    sameMap(st.disruptedPods, c.disruptedPods) &&
    (st.observedGeneration ?? 0) === generation &&
    conditionsUpToDate(pdb)
  ) {
    return undefined;
  }
  const next: PodDisruptionBudgetStatus = {
    observedGeneration: generation,
    ...(Object.keys(c.disruptedPods).length === 0 ? {} : { disruptedPods: { ...c.disruptedPods } }),
    disruptionsAllowed,
    currentHealthy: c.currentHealthy,
    desiredHealthy: c.desiredHealthy,
    expectedPods: c.expectedCount,
    ...(st?.conditions === undefined ? {} : { conditions: st.conditions }),
  };
  return withDisruptionAllowedCondition(next, now);
}

/** `failSafe`: no disruption allowed, and why the sync failed. */
export function failSafeStatus(pdb: PodDisruptionBudget, error: string, now: string): PodDisruptionBudgetStatus {
  const st: PodDisruptionBudgetStatus = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
  const observedGeneration = st.observedGeneration ?? 0;
  const conditions = setCondition(st.conditions, { type: DISRUPTION_ALLOWED, status: 'False', reason: SYNC_FAILED, message: error, observedGeneration }, now);
  return { ...st, disruptionsAllowed: 0, conditions };
}
