/**
 * `endpoints.kubernetes.io/last-change-trigger-time` (Kubernetes 1.32,
 * pkg/controller/endpoint/trigger_time_tracker.go): for a new Endpoints
 * object, the Service's creationTimestamp; otherwise the earliest trigger
 * time that changed since the last sync, where a pod's trigger time is its
 * Ready condition's lastTransitionTime and the Service's its
 * creationTimestamp; no changed trigger (a pod deleted) clears it.
 *
 * Kubernetes keeps the last sync's trigger times in memory; a
 * level-triggered controller cannot, so "changed since the last sync" is
 * read as "at or after the time the current object carries" (a write
 * happens only when the endpoints changed, so such a change is what
 * triggered it). Times are whole seconds, as conditions are.
 */
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { LAST_CHANGE_TRIGGER_TIME } from './pod-endpoint.js';

function parse(s: string | undefined): number | undefined {
  if (s === undefined || s === '') return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function podTriggerTime(pod: Pod): number | undefined {
  return parse((pod.status?.conditions ?? []).find((c) => c.type === 'Ready')?.lastTransitionTime);
}

function format(unixMs: number): string {
  return new Date(unixMs).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * The annotation value to write, or undefined to remove it.
 * `current`: the existing object's annotations (undefined: the object is new).
 */
export function lastChangeTriggerTime(svc: Service, pods: readonly Pod[], current: Readonly<Record<string, string>> | undefined): string | undefined {
  const created = parse(svc.metadata?.creationTimestamp);
  if (current === undefined) return created === undefined ? undefined : format(created);
  const since = parse(current[LAST_CHANGE_TRIGGER_TIME]) ?? Number.NEGATIVE_INFINITY;
  let min: number | undefined;
  // The Service's creationTimestamp never changes, so after the first sync only pods trigger.
  for (const t of pods.map(podTriggerTime)) {
    if (t !== undefined && t >= since) min = min === undefined ? t : Math.min(min, t);
  }
  return min === undefined ? undefined : format(min);
}
