/**
 * When the kubelet tries again after a configuration failure (1.32):
 *
 * - A container that could not be created (`CreateContainerConfigError`)
 *   is retried on the pod worker's next sync after an error:
 *   `wait.Jitter(backOffPeriod, workerBackOffPeriodJitterFactor)` — 10 s
 *   plus up to 50 % (pkg/kubelet/pod_workers.go, kubelet.go).
 * - A volume whose SetUp failed is retried by the volume reconciler with
 *   nestedpendingoperations' exponential back-off: 500 ms, doubling, at
 *   most 2m2s (pkg/util/goroutinemap/exponentialbackoff).
 *
 * The jitter is a hash of the pod's uid and the time of the failed attempt,
 * not a draw from a random source, so a replay decides the same.
 */

export const POD_SYNC_BACKOFF_MS = 10_000;
export const POD_SYNC_JITTER_FACTOR = 0.5;
export const MOUNT_INITIAL_BACKOFF_MS = 500;
export const MOUNT_MAX_BACKOFF_MS = 122_000;

function unitHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h / 0x1_0000_0000;
}

/** The wait after a failed pod sync at `at` (whole seconds in [10 s, 15 s), as the status' timestamps keep seconds). */
export function podSyncBackoffMs(uid: string, at: number): number {
  const extra = POD_SYNC_BACKOFF_MS * POD_SYNC_JITTER_FACTOR * unitHash(`${uid}@${at}`);
  return POD_SYNC_BACKOFF_MS + Math.floor(extra / 1000) * 1000;
}

/** The wait before the next SetUp after `failures` consecutive failures (1 → 500 ms, 2 → 1 s, ... ≤ 2m2s). */
export function mountBackoffMs(failures: number): number {
  if (failures <= 0) return 0;
  const exp = Math.min(failures - 1, 30);
  return Math.min(MOUNT_INITIAL_BACKOFF_MS * 2 ** exp, MOUNT_MAX_BACKOFF_MS);
}
