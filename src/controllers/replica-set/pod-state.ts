/**
 * What the replica controllers read from a pod: active, ready, available,
 * when it became ready. Kubernetes 1.32 `controller.IsPodActive`,
 * `podutil.IsPodReady` and `podutil.IsPodAvailable`, over run-clock
 * milliseconds (`ctx.epoch + ctx.now` is the Unix time of "now").
 */
import type { Pod } from 'kubernetes-types/core/v1.js';

/** Unix milliseconds of an RFC 3339 timestamp; undefined when absent or malformed (Go's zero time). */
export function unixMs(stamp: string | undefined): number | undefined {
  if (stamp === undefined || stamp === '') return undefined;
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Not terminated and not being deleted: the pods a ReplicaSet counts (`IsPodActive`). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp === undefined;
}

/** The `Ready` condition is `True`. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** When the pod last became ready (Unix ms), if it is ready and the time is known. */
export function readySinceMs(pod: Pod): number | undefined {
  if (!isPodReady(pod)) return undefined;
  return unixMs(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
}

/**
 * Ready for longer than `minReadySeconds` (strictly: Kubernetes compares
 * `lastTransitionTime + minReadySeconds` with `Before(now)`); with 0 every
 * ready pod is available.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowUnixMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = readySinceMs(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowUnixMs;
}

/** The highest restart count among the pod's containers (`maxContainerRestarts`). */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  return max;
}
